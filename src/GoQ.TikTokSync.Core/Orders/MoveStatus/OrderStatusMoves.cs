using GoQ.TikTokSync.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Core.Orders.MoveStatus;

/// <summary>An order a status move actually moved, with the status it left (for 操作履歴).</summary>
public sealed record OrderStatusMove(long OrderId, string TikTokOrderId, GoqOrderStatus From);

/// <summary>Operator actions on GoQ statuses, each recorded in the order's history with the operator's name.</summary>
public static class OrderStatusMoves
{
    /// <summary>Moves the orders not already in <paramref name="target"/>; returns those it moved.</summary>
    public static async Task<IReadOnlyList<OrderStatusMove>> MoveAsync(TikTokSyncDbContext db, IReadOnlyCollection<long> orderIds, GoqOrderStatus target, string userName, TimeProvider time, CancellationToken cancellationToken)
    {
        var moves = await StageMoveAsync(db, orderIds, target, userName, time, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return moves;
    }

    /// <summary><see cref="MoveAsync"/> without the save, for a caller that saves the moves with more (its 操作履歴 row).</summary>
    public static async Task<IReadOnlyList<OrderStatusMove>> StageMoveAsync(TikTokSyncDbContext db, IReadOnlyCollection<long> orderIds, GoqOrderStatus target, string userName, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow().UtcDateTime;
        var orders = await db.Orders.Where(o => orderIds.Contains(o.Id) && o.GoqStatus != target).ToListAsync(cancellationToken);
        var moves = orders.Select(o => new OrderStatusMove(o.Id, o.TikTokOrderId, o.GoqStatus)).ToList();
        foreach (var order in orders)
        {
            order.MoveTo(target, now, userName);
        }

        return moves;
    }

    /// <summary>The 操作履歴 lines of a move: per status left, how many went to <paramref name="target"/> and their numbers.</summary>
    public static IEnumerable<string> DetailLines(IReadOnlyList<OrderStatusMove> moves, GoqOrderStatus target) => moves
        .GroupBy(m => m.From)
        .OrderBy(g => g.Key)
        .Select(g => $"{g.Key.JapaneseName()} → {target.JapaneseName()}: {OrderOperationText.CountText(g.Count())}（{OrderOperationText.Numbers(g.Select(m => m.TikTokOrderId))}）");

    /// <summary>Marks TikTok-side cancellations as seen (not saved); returns the orders that were still unacknowledged.</summary>
    public static async Task<IReadOnlyList<(long OrderId, string TikTokOrderId)>> StageAcknowledgeCancellationsAsync(TikTokSyncDbContext db, IReadOnlyCollection<long> orderIds, string userName, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow().UtcDateTime;
        var orders = await db.Orders.Where(o => orderIds.Contains(o.Id) && o.IsCancelledOnTikTok && !o.CancellationAcknowledged).ToListAsync(cancellationToken);
        foreach (var order in orders)
        {
            order.CancellationAcknowledged = true;
            order.Touch(now);
            order.RecordHistory(OrderHistoryKind.CancellationAcknowledged, "TikTok側キャンセルを確認", now, userName);
        }

        return orders.Select(o => (o.Id, o.TikTokOrderId)).ToList();
    }
}
