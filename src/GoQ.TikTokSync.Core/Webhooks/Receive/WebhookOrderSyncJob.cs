using System.ComponentModel.DataAnnotations;
using System.Data.Common;
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

        try
        {
            await RunRoundsAsync(mallConnectionId, settings, held, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The marker set by this run would keep later notifications from queueing one until it goes stale: freed, so
            // that the next notification queues a run that takes what this one left.
            LogRunBroke(logger, ex, mallConnectionId, ex.GetType().Name);
            await FreeMarkerAsync(mallConnectionId);
            throw;
        }
    }

    /// <summary>
    /// Rounds until nothing is waiting: notifications that arrive while a round reads TikTok are taken by the next round.
    /// While the run goes on its queued marker stays set (renewed each round), so those notifications queue no job of their
    /// own: a burst enqueues one job, not one per round, which kept the intake (and TikTok's deliveries) waiting. A steady
    /// stream ends the run after a minute anyway, so the 10-minute fetch is never kept off the connection.
    /// </summary>
    private async Task RunRoundsAsync(int mallConnectionId, WebhookOptions settings, RunKeepAlive held, CancellationToken cancellationToken)
    {
        var roundsUntil = time.GetUtcNow() + MaxRoundsDuration;
        while (true)
        {
            await MarkQueuedAsync(mallConnectionId, held.Token);
            BatchEnd end;
            while ((end = await RunBatchAsync(mallConnectionId, settings.MaxNotificationsPerBatch, held, cancellationToken)) == BatchEnd.More)
            {
            }

            if (end == BatchEnd.Interrupted)
            {
                // Another run took the connection over; what is left waits for this later sync (the marker stays set for it).
                jobs.Schedule<WebhookOrderSyncJob>(job => job.RunAsync(mallConnectionId, CancellationToken.None), settings.RescheduleDelay);
                return;
            }

            var roundsOver = time.GetUtcNow() + settings.RoundGap >= roundsUntil;
            if (!roundsOver && settings.RoundGap > TimeSpan.Zero)
            {
                // A moment for more of a burst to gather, the marker still set so that it queues no job: one round of many
                // orders costs the store and TikTok far less than many rounds of a few, and leaves the database to the
                // intake while the burst goes on.
                await Task.Delay(settings.RoundGap, time, held.Token);
                if (await AnyPendingAsync(mallConnectionId, held.Token))
                {
                    continue;
                }
            }

            // Handing over: the marker is cleared before the last look, so a notification stored after that look finds no
            // marker and queues a run of its own, and one stored before it is seen here. None is left behind.
            await ClearMarkerAsync(mallConnectionId, held.Token);
            if (!await AnyPendingAsync(mallConnectionId, held.Token))
            {
                return;
            }

            if (roundsOver)
            {
                // Long enough on this connection: what is left goes to a run of its own, unless a notification queued one already.
                await WebhookIntake.QueueOrderSyncAsync(db, jobs, mallConnectionId, time.GetUtcNow().UtcDateTime, held.Token);
                return;
            }
        }
    }

    private async Task FreeMarkerAsync(int mallConnectionId)
    {
        try
        {
            await ClearMarkerAsync(mallConnectionId, CancellationToken.None);
        }
        catch (Exception ex) when (ex is DbException or DbUpdateException or InvalidOperationException or TimeoutException)
        {
            // The store itself is failing; the intake takes the marker as lost once it is stale (WebhookIntake.StaleQueuedSync).
            LogMarkerNotFreed(logger, ex, mallConnectionId);
        }
    }

    private Task<int> ClearMarkerAsync(int mallConnectionId, CancellationToken cancellationToken) =>
        db.MallConnections.Where(c => c.Id == mallConnectionId)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.WebhookSyncQueuedAtUtc, (DateTime?)null), cancellationToken);

    private Task<int> MarkQueuedAsync(int mallConnectionId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return db.MallConnections.Where(c => c.Id == mallConnectionId)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.WebhookSyncQueuedAtUtc, now), cancellationToken);
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook sync of connection {MallConnectionId} broke off with {ExceptionType}; the next notification queues a new run")]
    private static partial void LogRunBroke(ILogger logger, Exception exception, int mallConnectionId, string exceptionType);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook sync of connection {MallConnectionId} could not free its queued marker after breaking off")]
    private static partial void LogMarkerNotFreed(ILogger logger, Exception exception, int mallConnectionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook sync of connection {MallConnectionId} found a running fetch; rescheduled in {Delay}")]
    private static partial void LogRescheduled(ILogger logger, int mallConnectionId, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook sync of connection {MallConnectionId}: {NotificationCount} notification(s), {OrderCount} order id(s), {Result}")]
    private static partial void LogBatch(ILogger logger, int mallConnectionId, int notificationCount, int orderCount, ProcessingResult? result);
}
