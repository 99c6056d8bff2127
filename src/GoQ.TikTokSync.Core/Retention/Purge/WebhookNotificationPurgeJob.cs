using System.ComponentModel.DataAnnotations;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Jobs;
using GoQ.TikTokSync.Core.Webhooks;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GoQ.TikTokSync.Core.Retention.Purge;

/// <summary>
/// The daily purge of old webhook deliveries (their dedupe keys), on <see cref="WebhookOptions.DedupeRetention"/> rather
/// than the 自動処理ログ's 保存期間, so that shortening the log never shortens how long a replay is recognised.
/// </summary>
public sealed class WebhookNotificationPurgeJob(TikTokSyncDbContext db, IOptions<WebhookOptions> options, TimeProvider time)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow().UtcDateTime - options.Value.DedupeRetention;
        return await db.WebhookNotifications.Where(n => n.ReceivedAtUtc < cutoff).ExecuteDeleteAsync(cancellationToken);
    }
}
