using GoQ.TikTokSync.Core.Orders.ConfirmAddressChange;
using GoQ.TikTokSync.Core.Orders.EditNote;
using GoQ.TikTokSync.Core.Orders.Home;
using GoQ.TikTokSync.Core.Orders.ListOrders;
using GoQ.TikTokSync.Core.Orders.MoveStatus;
using GoQ.TikTokSync.Core.Orders.PrintDeliveryNotes;
using GoQ.TikTokSync.Core.Orders.StatusTallies;
using GoQ.TikTokSync.Core.Orders.ViewOrder;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Core.Setup;

public static class OrdersSetup
{
    /// <summary>ホーム, 受注一覧 and 受注詳細: each operator action's use case, and the tab counts' upkeep.</summary>
    public static IServiceCollection AddOrders(this IServiceCollection services) =>
        services.AddStatusTallies()
            .AddListOrders()
            .AddMoveStatus()
            .AddViewOrder()
            .AddEditNote()
            .AddConfirmAddressChange()
            .AddHome()
            .AddPrintDeliveryNotes();
}
