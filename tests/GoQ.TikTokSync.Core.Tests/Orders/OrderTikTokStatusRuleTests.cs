using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.TikTokShop.Models;

namespace GoQ.TikTokSync.Core.Tests.Orders;

public sealed class OrderTikTokStatusRuleTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 1, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void ReceiveFromTikTok_OpenOrder_LandsInTargetStatusWithImportLine()
    {
        var order = new Order { TikTokStatus = TikTokOrderStatus.AwaitingShipment };

        order.ReceiveFromTikTok(GoqOrderStatus.AwaitingShipment, Now);

        Assert.Equal(GoqOrderStatus.AwaitingShipment, order.GoqStatus);
        Assert.False(order.IsCancelledOnTikTok);
        var line = Assert.Single(order.History);
        Assert.Equal(OrderHistoryKind.Imported, line.Kind);
        Assert.Equal("TikTok Shop から取込 (発送待ち)", line.Detail);
        Assert.Equal(Now, line.AtUtc);
        Assert.Null(line.UserName);
    }

    [Fact]
    public void ReceiveFromTikTok_AlreadyCancelled_GoesToCancelledAcknowledged()
    {
        var order = new Order { TikTokStatus = TikTokOrderStatus.Cancelled };

        order.ReceiveFromTikTok(GoqOrderStatus.NewOrder, Now);

        Assert.Equal(GoqOrderStatus.Cancelled, order.GoqStatus);
        Assert.True(order.IsCancelledOnTikTok);
        Assert.True(order.CancellationAcknowledged);
        Assert.Equal("TikTok Shop から取込 (キャンセル)", Assert.Single(order.History).Detail);
    }

    [Fact]
    public void RecordTikTokStatusChange_SameStatus_RecordsNothing()
    {
        var order = new Order { TikTokStatus = TikTokOrderStatus.InTransit, GoqStatus = GoqOrderStatus.Processed };

        Assert.Null(order.RecordTikTokStatusChange(TikTokOrderStatus.InTransit, Now));
        Assert.Empty(order.History);
    }

    [Fact]
    public void RecordTikTokStatusChange_Moved_KeepsOperatorStatusAndRecordsJapaneseLine()
    {
        var order = new Order { TikTokStatus = TikTokOrderStatus.InTransit, GoqStatus = GoqOrderStatus.Processed };

        var text = order.RecordTikTokStatusChange(TikTokOrderStatus.AwaitingShipment, Now);

        Assert.Equal("TikTokステータス: 発送待ち → 配送中", text);
        Assert.Equal(GoqOrderStatus.Processed, order.GoqStatus);
        var line = Assert.Single(order.History);
        Assert.Equal(OrderHistoryKind.TikTokStatusChanged, line.Kind);
        Assert.Equal(text, line.Detail);
    }

    [Fact]
    public void RecordTikTokStatusChange_FirstCancellation_MovesToCancelledForOperatorToAcknowledge()
    {
        var order = new Order { TikTokStatus = TikTokOrderStatus.Cancelled, GoqStatus = GoqOrderStatus.AwaitingShipment, CancellationAcknowledged = true };

        var text = order.RecordTikTokStatusChange(TikTokOrderStatus.AwaitingShipment, Now);

        Assert.Equal("TikTok側でキャンセル（移動前のステータス: 発送待ち）", text);
        Assert.Equal(GoqOrderStatus.Cancelled, order.GoqStatus);
        Assert.True(order.IsCancelledOnTikTok);
        Assert.False(order.CancellationAcknowledged);
        var line = Assert.Single(order.History);
        Assert.Equal(OrderHistoryKind.CancelledOnTikTok, line.Kind);
        Assert.Equal(text, line.Detail);
    }

    [Fact]
    public void RecordTikTokStatusChange_CancelledAgainAfterKnownCancellation_IsAPlainStatusLine()
    {
        var order = new Order { TikTokStatus = TikTokOrderStatus.Cancelled, GoqStatus = GoqOrderStatus.Processed, IsCancelledOnTikTok = true, CancellationAcknowledged = true };

        var text = order.RecordTikTokStatusChange(TikTokOrderStatus.Completed, Now);

        Assert.Equal("TikTokステータス: 完了 → キャンセル", text);
        Assert.Equal(GoqOrderStatus.Processed, order.GoqStatus);
        Assert.True(order.CancellationAcknowledged);
        Assert.Equal(OrderHistoryKind.TikTokStatusChanged, Assert.Single(order.History).Kind);
    }
}
