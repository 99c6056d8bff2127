using System.Globalization;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Core.OperationHistory.Recording;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.ProcessingLog;
using GoQ.TikTokSync.Core.Shipping.EnterTracking;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Core.Shipping.Push;

public enum LogResendOutcome
{
    Started,
    NotFound,
    ConnectionDisabled,

    /// <summary>No failed package left (sending or sent meanwhile).</summary>
    NothingToResend,
}

/// <summary>
/// 再送信 from the 自動処理ログ: every failed package of the order goes back in line and is pushed now; the 操作履歴 row
/// names the packages, the run and the log it came from.
/// </summary>
public sealed class ResendFromLog(TikTokSyncDbContext db, ShippingExport export, ShippingEntry shippingEntry, OperationHistoryRecorder history)
{
    public async Task<(LogResendOutcome Outcome, long? RunId)> ResendAsync(long logId, long orderId, string userName, CancellationToken cancellationToken)
    {
        var order = await db.Orders.AsNoTracking().Where(o => o.Id == orderId).Select(o => new { o.MallConnectionId, o.TikTokOrderId }).SingleOrDefaultAsync(cancellationToken);
        if (order is null)
        {
            return (LogResendOutcome.NotFound, null);
        }

        if (!await db.MallConnections.AnyAsync(c => c.Id == order.MallConnectionId && c.IsEnabled, cancellationToken))
        {
            return (LogResendOutcome.ConnectionDisabled, null);
        }

        var failedPackages = await db.ShippingPackages.AsNoTracking().Where(p => p.OrderId == orderId && p.PushState == ShipmentPushState.Failed).ToListAsync(cancellationToken);
        var failed = failedPackages.Select(p => p.Id).ToList();
        var run = failed.Count == 0 ? null : await export.ResendAsync(order.MallConnectionId, failed, userName, shippingEntry, cancellationToken);
        if (run is not { } runId)
        {
            return (LogResendOutcome.NothingToResend, null);
        }

        var runUrl = ExportRunPages.Url(runId);
        var details = failedPackages.Select(p => "荷物: " + ShippingEntry.Describe(p))
            .Append("実行: " + runUrl)
            .Append("自動処理ログ: /ProcessingLog/" + logId.ToString(CultureInfo.InvariantCulture));
        await history.RecordAsync(
            new OperationRecord(
                OperationKind.ShippingResent,
                $"受注 {order.TikTokOrderId} の発送情報を再送信（自動処理ログから）",
                string.Join('\n', details),
                runUrl,
                [(orderId, order.TikTokOrderId)]),
            cancellationToken);
        return (LogResendOutcome.Started, runId);
    }
}
