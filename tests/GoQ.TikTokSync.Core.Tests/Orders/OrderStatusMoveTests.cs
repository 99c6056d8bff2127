using GoQ.TikTokSync.Core.Orders;

namespace GoQ.TikTokSync.Core.Tests.Orders;

/// <summary>Moving an order's GoQ status, and the shipping summary an order keeps of its packages.</summary>
public sealed class OrderStatusMoveTests
{
    private static readonly DateTime Now = new(2026, 12, 5, 1, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void MoveTo_OtherStatus_MovesTouchesAndWritesOneHistoryLineWithTheOperator()
    {
        var order = new Order { GoqStatus = GoqOrderStatus.AwaitingShipment };
        var version = order.Version;

        var moved = order.MoveTo(GoqOrderStatus.Processed, Now, "yamada");

        Assert.True(moved);
        Assert.Equal(GoqOrderStatus.Processed, order.GoqStatus);
        Assert.NotEqual(version, order.Version);
        Assert.Equal(Now, order.UpdatedAtUtc);
        var line = Assert.Single(order.History);
        Assert.Equal(OrderHistoryKind.GoqStatusMoved, line.Kind);
        Assert.Equal($"{GoqOrderStatus.AwaitingShipment.JapaneseName()} → {GoqOrderStatus.Processed.JapaneseName()}", line.Detail);
        Assert.Equal("yamada", line.UserName);
        Assert.Equal(Now, line.AtUtc);
    }

    [Fact]
    public void MoveTo_WithNote_PutsTheNoteInBracketsAfterTheMove()
    {
        var order = new Order { GoqStatus = GoqOrderStatus.AwaitingShipment };

        order.MoveTo(GoqOrderStatus.Processed, Now, userName: null, note: "発送情報更新後");

        var line = Assert.Single(order.History);
        Assert.Equal($"{GoqOrderStatus.AwaitingShipment.JapaneseName()} → {GoqOrderStatus.Processed.JapaneseName()}（発送情報更新後）", line.Detail);
        Assert.Null(line.UserName);
    }

    [Fact]
    public void MoveTo_StatusItIsAlreadyIn_ChangesNothing()
    {
        var order = new Order { GoqStatus = GoqOrderStatus.Processed };
        var version = order.Version;

        var moved = order.MoveTo(GoqOrderStatus.Processed, Now, "yamada");

        Assert.False(moved);
        Assert.Empty(order.History);
        Assert.Equal(version, order.Version);
    }

    [Fact]
    public void SummarisePackages_FailedAndPushed_ShowsFailedLatestEntryAndLatestPush()
    {
        var order = new Order();
        order.Packages.Add(new ShippingPackage { Id = 1, Carrier = Carrier.Sagawa, TrackingNumber = "100000000004", PushState = ShipmentPushState.Pushed, PushedTrackingNumber = "100000000004", PushedAtUtc = Now.AddHours(-1), UpdatedAtUtc = Now.AddHours(-1) });
        order.Packages.Add(new ShippingPackage { Id = 2, Carrier = Carrier.Yamato, TrackingNumber = "400000000002", PushState = ShipmentPushState.Failed, UpdatedAtUtc = Now });

        order.SummarisePackages();

        Assert.Equal(ShipmentPushState.Failed, order.ShipmentPushState);
        Assert.Equal(Carrier.Yamato, order.Carrier);
        Assert.Equal("400000000002", order.TrackingNumber);
        Assert.Equal("100000000004", order.PushedTrackingNumber);
        Assert.Equal(Now.AddHours(-1), order.PushedAtUtc);
    }

    [Fact]
    public void SummarisePackages_NoPackages_IsNotReadyAndEmpty()
    {
        var order = new Order { Carrier = Carrier.Sagawa, TrackingNumber = "100000000004", ShipmentPushState = ShipmentPushState.Pending };

        order.SummarisePackages();

        Assert.Equal(ShipmentPushState.NotReady, order.ShipmentPushState);
        Assert.Null(order.Carrier);
        Assert.Null(order.TrackingNumber);
    }
}
