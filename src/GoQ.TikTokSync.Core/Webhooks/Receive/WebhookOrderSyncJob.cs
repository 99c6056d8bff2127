using System.ComponentModel.DataAnnotations;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Import.FetchOrders;
using GoQ.TikTokSync.Core.Jobs;
using GoQ.TikTokSync.Core.ProcessingLog;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GoQ.TikTokSync.Core.Webhooks.Receive;

/// <summary>
/// Re-reads the orders named by a connection's unprocessed webhook notifications and stores them through
/// <see cref="OrderImport.SyncOrdersAsync"/>. Thin like the fetch jobs: it takes the connection id only, and holds the
/// connection's <see cref="FetchLease"/> so it never overlaps the 10-minute job or a manual fetch.
/// </summary>
public sealed partial class WebhookOrderSyncJob(
    TikTokSyncDbContext db,
    FetchLease lease,
    RunGuard guard,
    OrderImport import,
    IBackgroundJobClient jobs,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookOrderSyncJob> logger)
{
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(int mallConnectionId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.CoalesceWindow > TimeSpan.Zero)
        {
            await Task.Delay(settings.CoalesceWindow, time, cancellationToken);
        }

        // Waits a moment: the holder is most often the previous sync finishing its last round (a notification arrived just
        // after it looked), which lets go within milliseconds; a fetch holds it for longer, and then the sync steps back.
        await using var held = await lease.AcquireWithinAsync(mallConnectionId, settings.BusyWait, cancellationToken);
        if (held is null)
        {
            // Not waited for any longer on a worker: the queued marker stays set, so new notifications keep joining this
            // rescheduled run instead of queueing more.
            LogRescheduled(logger, mallConnectionId, settings.RescheduleDelay);
            jobs.Schedule<WebhookOrderSyncJob>(job => job.RunAsync(mallConnectionId, CancellationToken.None), settings.RescheduleDelay);
            return;
        }

        // Rounds until nothing is waiting: notifications that arrive while a round reads TikTok are taken by the next round
        // at once instead of by the job they queued, which would find this run holding the connection and step back.
        // A steady stream ends the run after a minute anyway, so the 10-minute fetch is never kept off the connection;
        // what is left has queued a run of its own.
        var roundsUntil = time.GetUtcNow() + MaxRoundsDuration;
        BatchEnd end;
        do
        {
            // Cleared before reading: a notification stored from here on queues a run of its own, so none is left behind.
            await db.MallConnections.Where(c => c.Id == mallConnectionId)
                .ExecuteUpdateAsync(set => set.SetProperty(c => c.WebhookSyncQueuedAtUtc, (DateTime?)null), held.Token);
            while ((end = await RunBatchAsync(mallConnectionId, settings.MaxNotificationsPerBatch, held, cancellationToken)) == BatchEnd.More)
            {
            }
        }
        while (end == BatchEnd.Done && time.GetUtcNow() < roundsUntil && await AnyPendingAsync(mallConnectionId, held.Token));

        if (end == BatchEnd.Interrupted)
        {
            // Another run took the connection over; what is left waits for a later sync.
            jobs.Schedule<WebhookOrderSyncJob>(job => job.RunAsync(mallConnectionId, CancellationToken.None), settings.RescheduleDelay);
        }
    }

    private static readonly TimeSpan MaxRoundsDuration = TimeSpan.FromMinutes(1);

    private Task<bool> AnyPendingAsync(int mallConnectionId, CancellationToken cancellationToken) =>
        db.WebhookNotifications.AnyAsync(n => n.MallConnectionId == mallConnectionId && n.ProcessedAtUtc == null, cancellationToken);

    private enum BatchEnd
    {
        Done,
        More,
        Interrupted,
    }

    /// <summary>One 自動処理ログ entry for the notifications waiting now.</summary>
    private async Task<BatchEnd> RunBatchAsync(int mallConnectionId, int maxNotifications, RunKeepAlive held, CancellationToken jobToken)
    {
        var pending = await db.WebhookNotifications.AsNoTracking()
            .Where(n => n.MallConnectionId == mallConnectionId && n.ProcessedAtUtc == null)
            .OrderBy(n => n.Id)
            .Take(maxNotifications)
            .Select(n => new { n.Id, n.TikTokOrderId })
            .ToListAsync(held.Token);
        if (pending.Count == 0)
        {
            return BatchEnd.Done;
        }

        var entry = ProcessingLogEntry.Start(ProcessingKind.Webhook, ProcessingTrigger.Automatic, mallConnectionId, time.GetUtcNow().UtcDateTime);
        db.ProcessingLogEntries.Add(entry);
        await db.SaveChangesAsync(held.Token);
        await held.ClaimAsync(entry.Id, held.Token);

        var orderIds = pending.Select(n => n.TikTokOrderId).OfType<string>().ToList();
        ProcessingResult? result = null;
        var end = await guard.RunAsync(
            entry.Id,
            held,
            async token =>
            {
                var synced = await import.SyncOrdersAsync(entry.Id, orderIds, token);
                if (synced.Result is ProcessingResult.Success or ProcessingResult.PartialFailure && string.IsNullOrEmpty(synced.Reason))
                {
                    synced.Reason = $"通知 {pending.Count}件 / 受注 {orderIds.Distinct(StringComparer.Ordinal).Count()}件";
                    await db.SaveChangesAsync(token);
                }

                result = synced.Result;
            },
            jobToken);
        if (end == RunEnd.Interrupted)
        {
            return BatchEnd.Interrupted;
        }

        // Marked done even when TikTok failed or the run broke: the 10-minute job is the safety net, and a broken
        // connection must not make every later batch drag a growing backlog along.
        var ids = pending.Select(n => n.Id).ToList();
        var now = time.GetUtcNow().UtcDateTime;
        await db.WebhookNotifications.Where(n => ids.Contains(n.Id)).ExecuteUpdateAsync(
            set => set.SetProperty(n => n.ProcessedAtUtc, now).SetProperty(n => n.ProcessingLogEntryId, entry.Id),
            CancellationToken.None);
        LogBatch(logger, mallConnectionId, pending.Count, orderIds.Count, result ?? ProcessingResult.Failure);
        return end == RunEnd.Completed && pending.Count == maxNotifications ? BatchEnd.More : BatchEnd.Done;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook sync of connection {MallConnectionId} found a running fetch; rescheduled in {Delay}")]
    private static partial void LogRescheduled(ILogger logger, int mallConnectionId, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook sync of connection {MallConnectionId}: {NotificationCount} notification(s), {OrderCount} order id(s), {Result}")]
    private static partial void LogBatch(ILogger logger, int mallConnectionId, int notificationCount, int orderCount, ProcessingResult? result);
}
