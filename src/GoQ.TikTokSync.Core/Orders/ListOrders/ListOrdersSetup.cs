using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Core.Orders.ListOrders;

public static class ListOrdersSetup
{
    /// <summary>受注一覧's tabs, search, filters and pages.</summary>
    public static IServiceCollection AddListOrders(this IServiceCollection services) => services.AddScoped<OrderList>();
}
