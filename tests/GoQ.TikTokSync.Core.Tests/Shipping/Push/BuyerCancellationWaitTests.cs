using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.Shipping;
using GoQ.TikTokSync.Core.Shipping.Push;
using GoQ.TikTokSync.TikTokShop.Models;

namespace GoQ.TikTokSync.Core.Tests.Shipping.Push;

/// <summary>The old flow (is_on_hold_order=false): no push within the buyer's cancellation hour after payment.</summary>
public sealed class BuyerCancellationWaitTests
{
    private static readonly DateTime PaidUtc = new(2026, 12, 5, 1, 0, 0, DateTimeKind.Utc);

    private static Order OldFlowOrder(bool isOnHold = false) => new()
    {
        TikTokStatus = TikTokOrderStatus.AwaitingShipment,
        IsOnHold = isOnHold,
        PaidAtUtc = PaidUtc,
    };

    [Fact]
    public void BuyerCancellationWaitReason_OldFlowWithinTheHour_NamesTheJstTimeItClears()
    {
        var reason = ExportEligibility.BuyerCancellationWaitReason(OldFlowOrder(), PaidUtc.AddMinutes(59), ShippingPushOptions.OldFlowBuyerCancellationWindow);

        Assert.NotNull(reason);
        Assert.Contains("購入者がキャンセルできる時間内", reason, StringComparison.Ordinal);
        Assert.Contains("2026/12/05 11:00", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void BuyerCancellationWaitReason_OldFlowOnceTheHourPassed_IsNull() =>
        Assert.Null(ExportEligibility.BuyerCancellationWaitReason(OldFlowOrder(), PaidUtc.AddMinutes(60), ShippingPushOptions.OldFlowBuyerCancellationWindow));

    [Fact]
    public void BuyerCancellationWaitReason_OrderThatWentThroughOnHold_IsNeverHeld() =>
        Assert.Null(ExportEligibility.BuyerCancellationWaitReason(OldFlowOrder(isOnHold: true), PaidUtc.AddMinutes(1), ShippingPushOptions.OldFlowBuyerCancellationWindow));

    [Fact]
    public void BuyerCancellationWaitReason_WaitSetToZero_IsNull() =>
        Assert.Null(ExportEligibility.BuyerCancellationWaitReason(OldFlowOrder(), PaidUtc.AddMinutes(1), TimeSpan.Zero));

    [Fact]
    public void OrderExclusionReason_TikTokShippedOrder_IsNeverSent()
    {
        var order = new Order { TikTokStatus = TikTokOrderStatus.AwaitingShipment, IsOnHold = true, ShippingType = "TIKTOK" };
        var package = new ShippingPackage { Carrier = Carrier.Yamato, TrackingNumber = "100000000004", ShipDate = new DateOnly(2026, 12, 1), LineItemIds = "a" };

        Assert.Equal("TikTok配送の注文のため対象外", ExportEligibility.OrderExclusionReason(order, package, new DateOnly(2026, 12, 5), providerMapped: true));
    }
}
