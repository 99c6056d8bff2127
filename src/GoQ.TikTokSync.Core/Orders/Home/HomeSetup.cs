using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Core.Orders.Home;

public static class HomeSetup
{
    /// <summary>ホーム's morning view.</summary>
    public static IServiceCollection AddHome(this IServiceCollection services) => services.AddScoped<MorningView>();
}
