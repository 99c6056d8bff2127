using GoQ.TikTokSync.Core.Orders.StatusTallies;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Core.Setup;

public static class OrdersSetup
{
    /// <summary>受注一覧 and 受注詳細: status moves need no service; the tab counts' upkeep does.</summary>
    public static IServiceCollection AddOrders(this IServiceCollection services) => services.AddStatusTallies();
}
