using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Core.Orders.StatusTallies;

public static class StatusTalliesSetup
{
    /// <summary>受注一覧's tab counts: folded every few minutes and recounted daily.</summary>
    public static IServiceCollection AddStatusTallies(this IServiceCollection services) => services.AddScoped<OrderStatusTallyUpkeep>();
}
