using System.ComponentModel.DataAnnotations;
using GoQ.TikTokSync.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GoQ.TikTokSync.Core.OperationHistory;

public sealed class OperationHistoryOptions
{
    public const string SectionName = "OperationHistory";

    /// <summary>操作履歴 rows older than this many days are deleted by the daily purge, until an admin sets 保存期間.</summary>
    [Range(RetentionSettings.MinDays, RetentionSettings.MaxDays)]
    public int RetentionDays { get; set; } = 365;
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
    public async Task<(int OperationHistoryDays, int ProcessingLogDays)> GetAsync(CancellationToken cancellationToken)
    {
        var saved = await db.RetentionSettings.AsNoTracking().SingleOrDefaultAsync(s => s.Id == RetentionSettings.SingletonId, cancellationToken);
        return saved is null
            ? (history.Value.RetentionDays, processingLog.Value.RetentionDays)
            : (saved.OperationHistoryDays, saved.ProcessingLogDays);
    }
}

/// <summary>The daily purge of 操作履歴 rows older than the retention period: the only delete the history ever sees.</summary>
public sealed class OperationHistoryPurgeJob(TikTokSyncDbContext db, RetentionPolicy retention, TimeProvider time)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var (days, _) = await retention.GetAsync(cancellationToken);
        var cutoff = time.GetUtcNow().UtcDateTime.AddDays(-days);
        var old = db.OperationHistory.Where(e => e.OccurredAtUtc < cutoff);
        await db.OperationHistoryOrders.Where(o => old.Any(e => e.Id == o.OperationHistoryEntryId)).ExecuteDeleteAsync(cancellationToken);
        return await old.ExecuteDeleteAsync(cancellationToken);
    }
}
