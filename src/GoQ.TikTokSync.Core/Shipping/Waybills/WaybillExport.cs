using System.Globalization;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Core.OperationHistory.Recording;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.Orders.ListOrders;
using GoQ.TikTokSync.Core.Orders.MoveStatus;
using GoQ.TikTokSync.Core.Shipping.EnterTracking;
using GoQ.TikTokSync.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Core.Shipping.Waybills;

/// <summary>
/// Which orders 送り状CSV出力 exports: the ticked ones (<see cref="Ids"/>), or with <see cref="WholeTab"/> the list's current
/// tab (search, else status), in both cases narrowed to one 店舗 when <see cref="ConnectionId"/> is set.
/// </summary>
public sealed record WaybillRequest(IReadOnlyCollection<long> Ids, bool WholeTab, GoqOrderStatus? Status, string? Search, int? ConnectionId, WaybillFormat Format, string? ShipDate);

/// <summary>The file to download, or (File null) the <see cref="Message"/> saying why there is none.</summary>
public sealed record WaybillPreparation(WaybillPlan Plan, DateOnly? ShipDate, WaybillFile? File, string? Message);

/// <summary>
/// 送り状CSV出力: builds the file from the operator's choice and, when asked, moves the exported orders to another GoQ
/// status; the moves and their 操作履歴 row are one save.
/// </summary>
public sealed class WaybillExport(TikTokSyncDbContext db, OperationHistoryRecorder history, TimeProvider time)
{
    /// <summary>One carrier upload; a whole tab beyond this is more than a day's slips and an unbounded query.</summary>
    public const int MaxOrders = 1000;

    public async Task<WaybillPreparation> PrepareAsync(WaybillRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var nothing = new WaybillPlan([], []);
        if (!ShippingEntry.TryParseShipDate(request.ShipDate, time, out var parsed) || parsed is not { } shipDate)
        {
            return new(nothing, null, null, "出荷予定日の形式が正しくありません（例: 2026/11/28）。");
        }

        var ids = request.Ids.Distinct().ToList();
        if (ids.Count == 0 && !request.WholeTab)
        {
            return new(nothing, shipDate, null, "送り状CSVを出力する受注を受注一覧で選択してください。");
        }

        var query = db.Orders.AsNoTracking().Include(o => o.Lines).Include(o => o.Packages).AsSplitQuery();
        if (ids.Count > 0)
        {
            query = query.Where(o => ids.Contains(o.Id));
        }
        else if (!string.IsNullOrWhiteSpace(request.Search))
        {
            query = OrderSearch.Apply(query, request.Search);
        }
        else if (request.Status is { } status)
        {
            query = query.Where(o => o.GoqStatus == status);
        }

        if (request.ConnectionId is { } connectionId)
        {
            query = query.Where(o => o.MallConnectionId == connectionId);
        }

        // The list's order (newest first), so the slips come out as the operator saw the rows.
        var orders = await query.OrderByDescending(o => o.OrderedAtUtc).ThenByDescending(o => o.Id).Take(MaxOrders + 1).ToListAsync(cancellationToken);
        if (orders.Count > MaxOrders)
        {
            return new(nothing, shipDate, null, $"一度に出力できるのは{OrderOperationText.CountText(MaxOrders)}の受注までです。タブや店舗で絞り込むか、受注を選択してください。");
        }

        var plan = WaybillCsv.Plan(orders, shipDate);
        if (plan.Shipments.Count == 0)
        {
            return new(plan, shipDate, null, orders.Count == 0 ? "該当する受注がありません。" : "出力できる受注がありません（下記の理由で除外されました）。");
        }

        return new(plan, shipDate, WaybillCsv.Write(request.Format, plan.Shipments, JapanTime.ToJst(time.GetUtcNow())), null);
    }

    /// <summary>Moves the exported orders not already in <paramref name="target"/>, with one 操作履歴 row, in one save.</summary>
    public async Task<IReadOnlyList<OrderStatusMove>> MoveExportedAsync(WaybillPreparation exported, WaybillFormat format, GoqOrderStatus target, string userName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exported);
        ArgumentNullException.ThrowIfNull(format);
        var orderIds = exported.Plan.Shipments.Select(s => s.OrderId).Distinct().ToList();
        var moves = await OrderStatusMoves.StageMoveAsync(db, orderIds, target, userName, time, cancellationToken);
        if (moves.Count > 0)
        {
            var orders = moves.Select(m => (m.OrderId, m.TikTokOrderId)).ToList();
            var details = OrderStatusMoves.DetailLines(moves, target)
                .Prepend($"送り状CSV: {format.Label}（{exported.File?.FileName}、{OrderOperationText.CountText(exported.Plan.Shipments.Count)}）");
            history.Add(new OperationRecord(
                OperationKind.StatusMoved,
                $"送り状CSV出力で受注 {OrderOperationText.CountText(moves.Count)}を {target.JapaneseName()} に移動",
                string.Join('\n', details),
                OrderOperationText.TargetUrl(orders, $"/Orders?status={target}"),
                orders));
        }

        await db.SaveChangesAsync(cancellationToken);
        return moves;
    }
}
