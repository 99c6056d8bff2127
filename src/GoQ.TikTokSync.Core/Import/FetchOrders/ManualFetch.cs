using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Jobs;
using GoQ.TikTokSync.Core.ProcessingLog;
using GoQ.TikTokSync.Core.Time;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GoQ.TikTokSync.Core.Import.FetchOrders;

/// <summary>
/// A manual fetch (データ取込) runs as a background job; its log entry, created by the page, carries the request. When an
/// automatic fetch holds the connection the job does not wait on a worker: it schedules itself again a little later.
/// </summary>
public sealed class ManualFetchJob(TikTokSyncDbContext db, FetchLease lease, RunGuard guard, OrderImport import, IBackgroundJobClient jobs, IOptions<JobOptions> options, TimeProvider time)
{
    /// <summary>How long a manual fetch keeps coming back for a connection that another run holds before it gives up.</summary>
    public static readonly TimeSpan LeaseWait = TimeSpan.FromMinutes(10);

    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(long logEntryId, CancellationToken cancellationToken)
    {
        var entry = await db.ProcessingLogEntries.AsNoTracking().SingleAsync(e => e.Id == logEntryId, cancellationToken);
        if (entry.FinishedAtUtc is not null)
        {
            return;
        }

        var connectionId = entry.MallConnectionId!.Value;
        await using var held = await lease.TryAcquireAsync(connectionId, cancellationToken);
        if (held is null)
        {
            if (entry.HeartbeatAtUtc is not null)
            {
                // Taken up already: this is a second delivery, and the copy running the entry is the one holding the lease.
                return;
            }

            if (time.GetUtcNow().UtcDateTime - entry.StartedAtUtc > LeaseWait)
            {
                await db.ProcessingLogEntries.Where(e => e.Id == logEntryId && e.FinishedAtUtc == null && e.HeartbeatAtUtc == null).ExecuteUpdateAsync(
                    set => set.SetProperty(e => e.Result, ProcessingResult.Skipped)
                        .SetProperty(e => e.Reason, "自動取得が実行中のため開始できませんでした")
                        .SetProperty(e => e.FinishedAtUtc, time.GetUtcNow().UtcDateTime),
                    cancellationToken);
                return;
            }

            jobs.Schedule<ManualFetchJob>(job => job.RunAsync(logEntryId, CancellationToken.None), options.Value.BusyRetryDelay);
            return;
        }

        // Taken up under the lease: a second delivery of this job by Hangfire finds the entry finished or taken here.
        if (!await held.ClaimAsync(logEntryId, held.Token))
        {
            return;
        }

        var mode = entry.RangeFromUtc is null ? ImportMode.ConfiguredDays : ImportMode.DateRange;
        await guard.RunAsync(logEntryId, held, token => import.RunAsync(logEntryId, mode, token), cancellationToken);
    }
}

/// <summary>Starts manual fetches: validates nothing itself (the page does), records the request, enqueues the job.</summary>
public sealed class ManualFetch(TikTokSyncDbContext db, IBackgroundJobClient jobs, TimeProvider time)
{
    public async Task<long> StartAsync(int mallConnectionId, DateTime? fromUtc, DateTime? toUtc, string userName, CancellationToken cancellationToken)
    {
        var entry = ProcessingLogEntry.Start(ProcessingKind.ManualFetch, ProcessingTrigger.Manual, mallConnectionId, time.GetUtcNow().UtcDateTime, userName, fromUtc, toUtc);
        db.ProcessingLogEntries.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        jobs.Enqueue<ManualFetchJob>(job => job.RunAsync(entry.Id, CancellationToken.None));
        return entry.Id;
    }
}
