using System.ComponentModel.DataAnnotations;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Core.OperationHistory.Recording;
using GoQ.TikTokSync.Core.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GoQ.TikTokSync.Core.Retention.Purge;

/// <summary>
/// The daily purge of 操作履歴 rows older than the retention period: the only delete the history ever sees, and itself
/// recorded in 操作履歴 (with the count and the cutoff) whenever it deleted anything.
/// </summary>
public sealed class OperationHistoryPurgeJob(TikTokSyncDbContext db, RetentionPolicy retention, OperationHistoryRecorder recorder, TimeProvider time)
{
    /// <summary>The actor of the purge's own 操作履歴 row: no user, the application itself.</summary>
    public static readonly OperationActor System = new(null, "システム（自動削除）", null);

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var (days, _) = await retention.GetAsync(cancellationToken);
        var cutoff = time.GetUtcNow().UtcDateTime.AddDays(-days);
        var old = db.OperationHistory.Where(e => e.OccurredAtUtc < cutoff);
        await db.OperationHistoryOrders.Where(o => old.Any(e => e.Id == o.OperationHistoryEntryId)).ExecuteDeleteAsync(cancellationToken);
        var deleted = await old.ExecuteDeleteAsync(cancellationToken);
        if (deleted > 0)
        {
            await recorder.RecordAsync(
                new OperationRecord(
                    OperationKind.OperationHistoryPurged,
                    $"保存期間（{days}日）を過ぎた操作履歴 {deleted}件を削除しました",
                    $"削除対象: {JapanTime.Format(cutoff)} より前の記録",
                    "/Settings/Retention"),
                System,
                cancellationToken);
        }

        return deleted;
    }
}
