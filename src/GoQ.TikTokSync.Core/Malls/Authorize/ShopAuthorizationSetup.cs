using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Core.Malls.Authorize;

public static class ShopAuthorizationSetup
{
    /// <summary>認証 and ショップ変更, the tokens they leave and the calls that use them.</summary>
    public static IServiceCollection AddShopAuthorization(this IServiceCollection services)
    {
        services.AddSingleton<ConnectionTokenProtector>();
        services.AddSingleton<ConnectionTokens>();
        services.AddScoped<ShopAuthorization>();
        services.AddScoped<TikTokShopConnections>();
        services.AddScoped<TokenUpkeepJob>();
        return services;
    }
}
