using System.Globalization;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Malls.MapCarriers;
using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Core.OperationHistory.Recording;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.ProcessingLog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GoQ.TikTokSync.Core.Shipping.Push;

/// <summary>The enabled shops in display order, each with its candidates and excluded packages of the window (none without one).</summary>
public sealed record ExportCandidatesView(IReadOnlyList<MallConnection> Connections, IDictionary<int, ExportList> Lists);

/// <summary>
/// A push the operator asked for: <see cref="RunId"/> when it started; otherwise <see cref="NotFound"/>, or the window's
/// errors and the shop's refusals (nothing selected, shop not ready).
/// </summary>
public sealed record PushStartResult(bool NotFound, long? RunId, IReadOnlyList<ExportWindowError> WindowErrors, IReadOnlyList<string> Refusals);

/// <summary>
/// データ書出 › TikTok Shop 書出し口: the candidates per shop, and [発送情報を更新] / [選択した受注の発送情報を更新], which start
/// the run and then record the 操作履歴 row naming the orders asked for and the run.
/// </summary>
public sealed class PushStart(TikTokSyncDbContext db, ShippingProviders providers, ShippingExport export, OperationHistoryRecorder history, TimeProvider time, IOptions<ShippingPushOptions> options)
{
    public async Task<ExportCandidatesView> ListAsync(ExportWindow? window, CancellationToken cancellationToken)
    {
        var connections = await db.MallConnections.AsNoTracking().Where(c => c.IsEnabled).OrderBy(c => c.DisplayOrder).ThenBy(c => c.Id).ToListAsync(cancellationToken);
        var lists = new Dictionary<int, ExportList>();
        if (window is not null)
        {
            foreach (var connection in connections)
            {
                lists[connection.Id] = await ExportEligibility.ListAsync(db, providers, connection.Id, window.FromUtc, window.ToUtc, time, cancellationToken, options.Value.BuyerCancellationWait);
            }
        }

        return new(connections, lists);
    }

    /// <summary>What <see cref="StartAsync"/> would refuse, without starting anything (for input the page already rejected).</summary>
    public async Task<PushStartResult> CheckAsync(int connectionId, string? fromText, string? toText, IReadOnlyCollection<long>? selected, CancellationToken cancellationToken) =>
        (await CheckCoreAsync(connectionId, fromText, toText, selected, cancellationToken)).Result;

    /// <summary>
    /// Pushes the window's candidates of one shop, or only <paramref name="selected"/> packages when not null.
    /// <paramref name="fromText"/> and <paramref name="toText"/> are the 作成期間 as typed (JST dates).
    /// </summary>
    public async Task<PushStartResult> StartAsync(int connectionId, string? fromText, string? toText, IReadOnlyCollection<long>? selected, string userName, CancellationToken cancellationToken)
    {
        var (connection, window, refused) = await CheckCoreAsync(connectionId, fromText, toText, selected, cancellationToken);
        if (connection is null || window is null)
        {
            return refused;
        }

        long runId;
        List<(long PackageId, long OrderId, string TikTokOrderId)> packages;
        if (selected is null)
        {
            // The run picks its candidates with the same rules a moment later; these are the ones the operator asked for.
            packages = (await ExportEligibility.ListAsync(db, providers, connectionId, window.FromUtc, window.ToUtc, time, cancellationToken, options.Value.BuyerCancellationWait)).Candidates
                .Select(c => (c.PackageId, c.OrderId, c.TikTokOrderId)).ToList();
            runId = await export.StartAsync(connectionId, window.FromUtc, window.ToUtc, null, userName, cancellationToken);
        }
        else
        {
            runId = await export.StartAsync(connectionId, window.FromUtc, window.ToUtc, selected, userName, cancellationToken);
            packages = (await db.ShippingPackages.AsNoTracking()
                .Where(p => selected.Contains(p.Id))
                .Join(db.Orders.Where(o => o.MallConnectionId == connectionId), p => p.OrderId, o => o.Id, (p, o) => new { PackageId = p.Id, OrderId = o.Id, o.TikTokOrderId })
                .ToListAsync(cancellationToken))
                .Select(r => (r.PackageId, r.OrderId, r.TikTokOrderId)).ToList();
        }

        var action = selected is null ? "発送情報を更新" : "選択した受注の発送情報を更新";
        await history.RecordAsync(Record(connection, runId, action, $"{fromText} 〜 {toText}", packages), cancellationToken);
        return new(false, runId, [], []);
    }

    private async Task<(MallConnection? Connection, ExportWindow? Window, PushStartResult Result)> CheckCoreAsync(int connectionId, string? fromText, string? toText, IReadOnlyCollection<long>? selected, CancellationToken cancellationToken)
    {
        var connection = await db.MallConnections.AsNoTracking().SingleOrDefaultAsync(c => c.Id == connectionId, cancellationToken);
        if (connection is null)
        {
            return (null, null, new(true, null, [], []));
        }

        var refusals = new List<string>();
        if (selected is { Count: 0 })
        {
            refusals.Add("送信する受注を選択してください。");
        }

        var (window, windowErrors) = ExportWindow.Parse(fromText, toText);
        if (connection.SyncBlockReason is { } blocked)
        {
            refusals.Add($"送信できません（{blocked}）。モール詳細設定で認証とショップ選択を行ってください。");
        }

        var refused = new PushStartResult(false, null, windowErrors, refusals);
        return window is null || refusals.Count > 0 ? (connection, null, refused) : (connection, window, refused);
    }

    private static OperationRecord Record(MallConnection connection, long runId, string action, string window, List<(long PackageId, long OrderId, string TikTokOrderId)> packages)
    {
        var orders = packages.Select(p => (p.OrderId, p.TikTokOrderId)).DistinctBy(o => o.OrderId).ToList();
        var details = new List<string>
        {
            "モール: " + connection.DisplayName,
            "作成期間: " + window,
            $"対象: 受注 {orders.Count.ToString(CultureInfo.InvariantCulture)}件（荷物 {packages.Count.ToString(CultureInfo.InvariantCulture)}件）",
        };
        if (orders.Count > 0)
        {
            details.Add("受注番号: " + OrderOperationText.Numbers(orders.Select(o => o.TikTokOrderId)));
        }

        details.Add("実行: " + ExportRunPages.Url(runId));
        return new OperationRecord(
            OperationKind.ShippingPushed,
            $"「{connection.DisplayName}」の{action}（受注 {orders.Count.ToString(CultureInfo.InvariantCulture)}件）",
            string.Join('\n', details),
            ExportRunPages.Url(runId),
            orders);
    }
}
