using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Core.Orders.ViewOrder;

public static class ViewOrderSetup
{
    /// <summary>受注詳細 as read.</summary>
    public static IServiceCollection AddViewOrder(this IServiceCollection services) => services.AddScoped<OrderDetail>();
}
