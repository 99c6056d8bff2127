using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Core.Malls.ChangeShop;

public static class ChangeShopSetup
{
    /// <summary>ショップ変更.</summary>
    public static IServiceCollection AddChangeShop(this IServiceCollection services) => services.AddScoped<ShopChange>();
}
