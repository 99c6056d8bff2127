using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Core.OperationHistory.Recording;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Core.Orders.MoveStatus;

/// <summary>
/// 受注一覧's bulk status actions: ステータス移動 and キャンセル確認. The orders' own history and the 操作履歴 row are saved
/// together; orders that did not change (already in the target, already acknowledged) are not on record. A null result
/// means the save lost a race with an import or a push and nothing was saved.
/// </summary>
public sealed class StatusMovesFromList(TikTokSyncDbContext db, OperationHistoryRecorder history, TimeProvider time)
{
    public async Task<IReadOnlyList<OrderStatusMove>?> MoveAsync(IReadOnlyCollection<long> orderIds, GoqOrderStatus target, string userName, CancellationToken cancellationToken)
    {
        var moves = await OrderStatusMoves.StageMoveAsync(db, orderIds, target, userName, time, cancellationToken);
        if (moves.Count > 0)
        {
            var orders = moves.Select(m => (m.OrderId, m.TikTokOrderId)).ToList();
            var details = OrderStatusMoves.DetailLines(moves, target);
            history.Add(new OperationRecord(
                OperationKind.StatusMoved,
                $"受注 {OrderOperationText.CountText(moves.Count)}を {target.JapaneseName()} に移動",
                string.Join('\n', details),
                OrderOperationText.TargetUrl(orders, $"/Orders?status={target}"),
                orders));
        }

        return await SaveAsync(cancellationToken) ? moves : null;
    }

    public async Task<IReadOnlyList<(long OrderId, string TikTokOrderId)>?> AcknowledgeCancellationsAsync(IReadOnlyCollection<long> orderIds, string userName, CancellationToken cancellationToken)
    {
        var acknowledged = await OrderStatusMoves.StageAcknowledgeCancellationsAsync(db, orderIds, userName, time, cancellationToken);
        if (acknowledged.Count > 0)
        {
            history.Add(new OperationRecord(
                OperationKind.CancellationAcknowledged,
                $"TikTok側キャンセル {OrderOperationText.CountText(acknowledged.Count)}を確認済みに",
                "受注番号: " + OrderOperationText.Numbers(acknowledged.Select(o => o.TikTokOrderId)),
                OrderOperationText.TargetUrl(acknowledged, "/Orders"),
                acknowledged));
        }

        return await SaveAsync(cancellationToken) ? acknowledged : null;
    }

    private async Task<bool> SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
