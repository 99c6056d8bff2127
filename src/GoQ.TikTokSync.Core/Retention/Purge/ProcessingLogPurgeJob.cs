using System.ComponentModel.DataAnnotations;
using GoQ.TikTokSync.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Core.Retention.Purge;

/// <summary>
/// The daily purge of old 自動処理ログ rows (their per-order items go with them). Webhook dedupe rows have their own
/// retention and purge (<see cref="WebhookNotificationPurgeJob"/>).
/// </summary>
public sealed class ProcessingLogPurgeJob(TikTokSyncDbContext db, TimeProvider time, RetentionPolicy retention)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var (_, days) = await retention.GetAsync(cancellationToken);
        var cutoff = time.GetUtcNow().UtcDateTime.AddDays(-days);
        var old = db.ProcessingLogEntries.Where(e => e.StartedAtUtc < cutoff);
        await db.ProcessingLogItems.Where(i => old.Any(e => e.Id == i.ProcessingLogEntryId)).ExecuteDeleteAsync(cancellationToken);
        return await old.ExecuteDeleteAsync(cancellationToken);
    }
}
