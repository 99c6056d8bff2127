using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.ProcessingLog;

namespace GoQ.TikTokSync.Core.Jobs;

public static class RunEntries
{
    /// <summary>
    /// Ends a run's tracked 自動処理ログ entry the way the run itself decided (as opposed to <see cref="RunGuard"/>, which closes
    /// an entry the run could not close) and saves it with the run's other pending changes.
    /// </summary>
    public static async Task<ProcessingLogEntry> FinishRunAsync(this TikTokSyncDbContext db, ProcessingLogEntry entry, ProcessingResult result, string? reason, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(time);
        entry.Finish(result, reason, time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return entry;
    }
}
