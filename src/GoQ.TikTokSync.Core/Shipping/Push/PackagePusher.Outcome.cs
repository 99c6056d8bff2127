using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.ProcessingLog;
using GoQ.TikTokSync.Core.Shipping.EnterTracking;
using GoQ.TikTokSync.Core.Shipping.OrderSummary;
using GoQ.TikTokSync.TikTokShop.Errors;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Core.Shipping.Push;

// What a push leaves behind: the package's state, the order's attempts, history, summary and status, the log item.
public sealed partial class PackagePusher
{
    private void Record(Order order, ShippingPackage package, long logEntryId, ShippingPushCall call, ShippingPushResult result, string detail, TikTokShopApiException? error) =>
        order.PushAttempts.Add(new ShippingPushAttempt
        {
            ShippingPackageId = package.Id,
            ProcessingLogEntryId = logEntryId,
            AtUtc = time.GetUtcNow().UtcDateTime,
            Call = call,
            TrackingNumber = package.TrackingNumber,
            Result = result,
            Detail = Truncate(detail, 1000),
            TikTokErrorCode = error?.Code,
            TikTokMessage = Truncate(error?.ApiMessage, 1000),
            TikTokRequestId = error?.RequestId,
        });

    private static string? Truncate(string? text, int length) => text is null || text.Length <= length ? text : text[..length];


    private async Task FinishAsync(Order order, ShippingPackage package, long logEntryId, Result result, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var item = new ProcessingLogItem { ProcessingLogEntryId = logEntryId, TikTokOrderId = order.TikTokOrderId, TikTokErrorCode = result.Error?.Code, TikTokRequestId = result.Error?.RequestId };
        switch (result.Outcome)
        {
            case PackagePushOutcome.Pushed:
                var corrected = package.MarkPushed(now);
                item.Outcome = ProcessingItemOutcome.Pushed;
                item.Message = (corrected ? "伝票番号を訂正: " : "送信: ") + ShippingEntry.Describe(package);
                order.RecordHistory(OrderHistoryKind.ShippingPushed, "TikTok Shop へ" + item.Message, now);
                break;
            case PackagePushOutcome.Failed:
                package.MarkFailed(result.Reason, now);
                item.Outcome = ProcessingItemOutcome.Failed;
                item.Message = result.Reason;
                order.RecordHistory(OrderHistoryKind.ShippingPushFailed, "TikTok Shop への送信失敗: " + result.Reason, now);
                break;
            default:
                if (result.Outcome == PackagePushOutcome.OutcomeUnknown || result.Unknown)
                {
                    package.MarkOutcomeUnknown(result.Reason, now);
                }
                else
                {
                    package.PutOff(result.Reason, now);
                }

                item.Outcome = ProcessingItemOutcome.Skipped;
                item.Message = result.Reason;
                break;
        }

        db.ProcessingLogItems.Add(item);
        // The order row is not touched here: the package, its attempts and the history rows are saved on their own, so an
        // operator saving the order's 備考 at this moment cannot make TikTok's answer go unrecorded.
        await db.SaveChangesAsync(cancellationToken);
        var pushedNow = result.Outcome == PackagePushOutcome.Pushed;
        await ShippingSummary.RefreshAsync(db, order.Id, now, cancellationToken, (fresh, ct) => pushedNow && fresh.Packages.All(p => p.PushState == ShipmentPushState.Pushed)
            ? MoveAfterPushAsync(fresh, now, ct)
            : Task.CompletedTask);
    }

    /// <summary>発送情報更新後の受注ステータス (connection setting; null leaves the order where it is).</summary>
    private async Task MoveAfterPushAsync(Order order, DateTime now, CancellationToken cancellationToken)
    {
        var target = await db.MallConnections.Where(c => c.Id == order.MallConnectionId).Select(c => c.StatusAfterPush).SingleAsync(cancellationToken);
        if (target is { } status && order.GoqStatus != GoqOrderStatus.Cancelled)
        {
            order.MoveTo(status, now, userName: null, note: "発送情報更新後");
        }
    }
}
