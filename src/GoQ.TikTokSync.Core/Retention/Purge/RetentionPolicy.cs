using System.ComponentModel.DataAnnotations;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Core.ProcessingLog;
using GoQ.TikTokSync.Core.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GoQ.TikTokSync.Core.Retention.Purge;

/// <summary>The effective 保存期間: the saved row, otherwise the configured defaults.</summary>
public sealed class RetentionPolicy(TikTokSyncDbContext db, IOptions<OperationHistoryOptions> history, IOptions<ProcessingLogOptions> processingLog)
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
