using System.ComponentModel.DataAnnotations;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GoQ.TikTokSync.Core.OperationHistory;

public sealed class OperationHistoryOptions : IValidatableObject
{
    public const string SectionName = "OperationHistory";

    /// <summary>操作履歴 rows older than this many days are deleted by the daily purge, until an admin sets 保存期間.</summary>
    [Range(RetentionSettings.MinDays, RetentionSettings.MaxDays)]
    public int RetentionDays { get; set; } = 365;

    /// <summary>
    /// The shortest 保存期間 anyone may set for 操作履歴. Only configuration changes it, never the screen: an admin who could
    /// set one day could wipe the audit trail of what they just did.
    /// </summary>
    [Range(RetentionSettings.MinDays, RetentionSettings.MaxDays)]
    public int MinRetentionDays { get; set; } = 90;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RetentionDays < MinRetentionDays)
        {
            yield return new ValidationResult(
                $"OperationHistory:RetentionDays ({RetentionDays}) must not be below OperationHistory:MinRetentionDays ({MinRetentionDays}).",
                [nameof(RetentionDays)]);
        }
    }
}

/// <summary>
/// 保存期間 as an admin set it on screen (one row). Absent until first saved; the configured options are the defaults.
/// </summary>
public class RetentionSettings
{
    public const int SingletonId = 1;
    public const int MinDays = 1;
    public const int MaxDays = 3650;

    public int Id { get; set; } = SingletonId;

    public int OperationHistoryDays { get; set; }

    public int ProcessingLogDays { get; set; }

    public DateTime UpdatedAtUtc { get; set; }
}

/// <summary>The effective 保存期間: the saved row, otherwise the configured defaults.</summary>
public sealed class RetentionPolicy(TikTokSyncDbContext db, IOptions<OperationHistoryOptions> history, IOptions<ProcessingLog.ProcessingLogOptions> processingLog)
{
    public int OperationHistoryFloorDays => history.Value.MinRetentionDays;

    /// <remarks>
    /// A row saved below the floor (before the floor existed, or by hand in the database) is read as the floor, so the
    /// purge never deletes younger 操作履歴 than configuration allows.
    /// </remarks>
    public async Task<(int OperationHistoryDays, int ProcessingLogDays)> GetAsync(CancellationToken cancellationToken)
    {
        var saved = await db.RetentionSettings.AsNoTracking().SingleOrDefaultAsync(s => s.Id == RetentionSettings.SingletonId, cancellationToken);
        return saved is null
            ? (history.Value.RetentionDays, processingLog.Value.RetentionDays)
            : (Math.Max(saved.OperationHistoryDays, OperationHistoryFloorDays), saved.ProcessingLogDays);
    }
}

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
