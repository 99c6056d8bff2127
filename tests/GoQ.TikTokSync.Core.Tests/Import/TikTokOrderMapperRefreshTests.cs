using GoQ.TikTokSync.Core.Import;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.TikTokShop.Models;

namespace GoQ.TikTokSync.Core.Tests.Import;

/// <summary>
/// update_time moves only with the status, so a refresh tells a change by TikTok's fields themselves: what changed is
/// applied and told, and the same copy read again (every daily reconciliation) changes nothing.
/// </summary>
public sealed class TikTokOrderMapperRefreshTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 1, 0, 0, DateTimeKind.Utc);
    private static readonly DateTimeOffset Updated = new(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);

    private static TikTokOrder Incoming(string town = "西新宿", string secondLineStatus = "AWAITING_SHIPMENT", bool cancelRequested = false) => new()
    {
        Id = "576400000000000001",
        Status = TikTokOrderStatus.AwaitingShipment,
        CreateTime = Updated.AddHours(-2),
        UpdateTime = Updated,
        IsBuyerRequestCancel = cancelRequested,
        Payment = new TikTokOrderPayment { Currency = "JPY", SubTotal = 1000m, TotalAmount = 1550m, ShippingFee = 550m },
        RecipientAddress = new TikTokRecipientAddress
        {
            Name = "山田 太郎",
            PostalCode = "160-0023",
            FullAddress = "東京都新宿区" + town + "1-2-3",
            AddressLine1 = "1-2-3",
            DistrictInfo =
            [
                new TikTokDistrictInfo { AddressLevel = "L1", AddressName = "東京都" },
                new TikTokDistrictInfo { AddressLevel = "L3", AddressName = town },
            ],
        },
        LineItems =
        [
            new TikTokOrderLineItem { Id = "L1", SkuId = "S1", ProductName = "緑茶", SalePrice = 500m, DisplayStatus = TikTokOrderStatus.AwaitingShipment },
            new TikTokOrderLineItem { Id = "L2", SkuId = "S2", ProductName = "ほうじ茶", SalePrice = 500m, DisplayStatus = new TikTokOrderStatus(secondLineStatus) },
        ],
    };

    private static Order Stored()
    {
        var order = TikTokOrderMapper.NewOrder(1, GoqOrderStatus.NewOrder, Incoming(), Now.AddDays(-1));
        order.History.Clear();

        // As read back from a store whose money columns carry a scale.
        order.SubTotal = 1000.00m;
        order.TotalAmount = 1550.00m;
        return order;
    }

    [Fact]
    public void Refresh_SameCopyAgain_ChangesNothingAndTellsNothing()
    {
        var order = Stored();
        var version = order.Version;

        var (changed, statusChange) = TikTokOrderMapper.Refresh(order, Incoming(), Now);

        Assert.False(changed);
        Assert.Null(statusChange);
        Assert.Equal(version, order.Version);
        Assert.Empty(order.History);
    }

    [Fact]
    public void Refresh_LineCancelledWithTheSameUpdateTime_MarksTheLineAndTellsTheOperator()
    {
        var order = Stored();

        var (changed, statusChange) = TikTokOrderMapper.Refresh(order, Incoming(secondLineStatus: "CANCELLED"), Now);

        Assert.True(changed);
        Assert.Null(statusChange);
        Assert.True(order.Lines.Single(l => l.TikTokLineItemId == "L2").IsCancelled);
        Assert.True(order.IsPartlyCancelled);
        Assert.Contains("ほうじ茶", Assert.Single(order.History).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Refresh_CancelRequestWithTheSameUpdateTime_IsStored()
    {
        var order = Stored();

        var (changed, _) = TikTokOrderMapper.Refresh(order, Incoming(cancelRequested: true), Now);

        Assert.True(changed);
        Assert.True(order.IsBuyerCancelRequested);
    }

    [Theory]
    [InlineData(ShipmentPushState.Pending, true)]
    [InlineData(ShipmentPushState.Failed, true)]
    [InlineData(ShipmentPushState.Pushed, false)]
    public void Refresh_AddressChanged_HoldsOnlyAnEntryNotYetSent(ShipmentPushState pushState, bool held)
    {
        var order = Stored();
        order.TrackingNumber = "123456789012";
        order.ShipmentPushState = pushState;

        var (changed, _) = TikTokOrderMapper.Refresh(order, Incoming(town: "北新宿"), Now);

        Assert.True(changed);
        Assert.Equal("北新宿", order.Town);
        Assert.Equal(held, order.AddressChangeUnconfirmed);
        Assert.Equal(OrderHistoryKind.ChangedOnTikTok, Assert.Single(order.History).Kind);
    }

    [Fact]
    public void ConfirmAddressChange_ClearsTheHoldOnceWithTheOperatorsName()
    {
        var order = Stored();
        order.AddressChangeUnconfirmed = true;

        Assert.True(order.ConfirmAddressChange(Now, "operator@example.jp"));
        Assert.False(order.ConfirmAddressChange(Now, "operator@example.jp"));

        Assert.False(order.AddressChangeUnconfirmed);
        Assert.Equal("operator@example.jp", Assert.Single(order.History).UserName);
    }
}
