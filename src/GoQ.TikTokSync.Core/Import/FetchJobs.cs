using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Jobs;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.ProcessingLog;
using GoQ.TikTokSync.Core.Time;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GoQ.TikTokSync.Core.Import;

/// <summary>
/// Keeps fetches of one connection from overlapping, across threads and app nodes, with a lease on the connection row:
/// one conditional UPDATE takes it, on the database's clock so that nodes whose clocks disagree still agree on who holds
/// it. The holder renews it every few seconds (<see cref="RunKeepAlive"/>) and releases it at the end; a node killed
/// mid-run stops renewing, and the lease runs out <see cref="JobOptions.LeaseDuration"/> later.
/// </summary>
public sealed partial class FetchLease(TikTokSyncDbContext db, IServiceScopeFactory scopes, IOptions<JobOptions> options, TimeProvider time, ILogger<FetchLease> logger)
{
    /// <summary>The held lease (dispose it to release), or null when another run holds the connection.</summary>
    public async Task<RunKeepAlive?> TryAcquireAsync(int mallConnectionId, CancellationToken cancellationToken)
    {
        var owner = Guid.NewGuid().ToString("N");
        var seconds = options.Value.LeaseDuration.TotalSeconds;
        // DateTime.UtcNow inside the query is the database server's clock (strftime('now') on SQLite, GETUTCDATE() on SQL Server).
        var taken = await db.MallConnections
            .Where(c => c.Id == mallConnectionId && (c.FetchLeaseOwner == null || c.FetchLeaseUntilUtc == null || c.FetchLeaseUntilUtc < DateTime.UtcNow))
            .ExecuteUpdateAsync(
                set => set.SetProperty(c => c.FetchLeaseOwner, owner).SetProperty(c => c.FetchLeaseUntilUtc, c => (DateTime?)DateTime.UtcNow.AddSeconds(seconds)),
                cancellationToken);
        if (taken != 1)
        {
            return null;
        }

        LogAcquired(logger, mallConnectionId, owner);
        return new RunKeepAlive(scopes, options.Value, time, logger, mallConnectionId, owner, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Fetch lease of connection {MallConnectionId} taken by {Owner}")]
    private static partial void LogAcquired(ILogger logger, int mallConnectionId, string owner);
}

/// <summary>
/// The recurring 10-minute fetch of one connection (Hangfire job id <c>auto-fetch-{id}</c>). Thin and re-entrant: it
/// takes the connection id only, and the work is <see cref="OrderImport"/>'s and <see cref="Export.ShippingPushRun"/>'s.
/// Each step has its own 自動処理ログ entry, which <see cref="RunGuard"/> finishes whatever ends the step; a step that
/// fails ends the job.
/// </summary>
public sealed class AutoFetchJob(TikTokSyncDbContext db, FetchLease lease, RunGuard guard, OrderImport import, Export.ShippingPushRun push, TimeProvider time)
{
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(int mallConnectionId, CancellationToken cancellationToken)
    {
        var connection = await db.MallConnections.AsNoTracking().SingleOrDefaultAsync(c => c.Id == mallConnectionId, cancellationToken);
        if (connection is null)
        {
            return;
        }

        var skip = !connection.IsEnabled ? MallConnectionDisabledException.JapaneseReason
            : !connection.AutoFetchEnabled ? "自動取得オフ"
            : connection.AuthorizationState != AuthorizationState.Authorized || string.IsNullOrEmpty(connection.ShopCipher) ? OrderImport.SkipReason(connection) : null;
        if (skip is not null)
        {
            await RecordSkipOnceAsync(connection.Id, skip, cancellationToken);
            return;
        }

        await using var held = await lease.TryAcquireAsync(connection.Id, cancellationToken);
        if (held is null)
        {
            // Another run of this connection is going (or Hangfire delivered this job a second time): skip, never wait.
            await RecordSkipOnceAsync(connection.Id, "前回の取得が実行中", cancellationToken);
            return;
        }

        var incremental = await NewEntryAsync(held, connection.Id, ProcessingKind.AutoFetch, null);
        ProcessingLogEntry? incrementalResult = null;
        if (await guard.RunAsync(incremental.Id, held, async token => incrementalResult = await import.RunAsync(incremental.Id, ImportMode.Incremental, token), cancellationToken) != RunEnd.Completed)
        {
            return;
        }

        // Once a Japanese day, the plain GoQ query over the whole window heals anything the incremental path missed.
        var today = JapanTime.Today(time);
        if (incrementalResult!.Result is ProcessingResult.Success or ProcessingResult.PartialFailure
            && (connection.LastReconciliationAtUtc is not { } last || DateOnly.FromDateTime(JapanTime.ToJst(last).DateTime) < today))
        {
            var sweep = await NewEntryAsync(held, connection.Id, ProcessingKind.StatusSweep, null);
            var swept = await guard.RunAsync(
                sweep.Id,
                held,
                async token =>
                {
                    var sweepResult = await import.RunAsync(sweep.Id, ImportMode.ConfiguredDays, token);
                    sweepResult.FoundByReconciliation = sweepResult.Created;
                    sweepResult.Reason ??= $"照合で新たに見つかった受注: {sweepResult.Created}件";
                    await db.SaveChangesAsync(token);
                },
                cancellationToken);
            if (swept != RunEnd.Completed)
            {
                return;
            }
        }

        // 自動書き出し after the import, so that the TikTok statuses it checks are as fresh as they get.
        if (connection.AutoExportEnabled)
        {
            var export = await NewEntryAsync(held, connection.Id, ProcessingKind.Export, time.GetUtcNow().UtcDateTime.AddDays(-Export.ShippingExport.AutomaticWindowDays));
            await guard.RunAsync(export.Id, held, token => push.RunAsync(export.Id, null, token), cancellationToken);
        }
    }

    /// <summary>A new entry of this run, claimed by it so that its heartbeat is beaten while the step runs.</summary>
    private async Task<ProcessingLogEntry> NewEntryAsync(RunKeepAlive held, int mallConnectionId, ProcessingKind kind, DateTime? rangeFromUtc)
    {
        var entry = new ProcessingLogEntry
        {
            Kind = kind,
            Trigger = ProcessingTrigger.Automatic,
            MallConnectionId = mallConnectionId,
            StartedAtUtc = time.GetUtcNow().UtcDateTime,
            RangeFromUtc = rangeFromUtc,
        };
        db.ProcessingLogEntries.Add(entry);
        await db.SaveChangesAsync(held.Token);
        await held.ClaimAsync(entry.Id, held.Token);
        return entry;
    }

    /// <summary>A paused connection writes one 'skipped' row, not one every ten minutes.</summary>
    private async Task RecordSkipOnceAsync(int mallConnectionId, string reason, CancellationToken cancellationToken)
    {
        var last = await db.ProcessingLogEntries.AsNoTracking()
            .Where(e => e.MallConnectionId == mallConnectionId && e.Kind == ProcessingKind.AutoFetch)
            .OrderByDescending(e => e.Id)
            .Select(e => new { e.Result, e.Reason })
            .FirstOrDefaultAsync(cancellationToken);
        if (last is { Result: ProcessingResult.Skipped } && string.Equals(last.Reason, reason, StringComparison.Ordinal))
        {
            return;
        }

        var now = time.GetUtcNow().UtcDateTime;
        db.ProcessingLogEntries.Add(new ProcessingLogEntry
        {
            Kind = ProcessingKind.AutoFetch,
            Trigger = ProcessingTrigger.Automatic,
            MallConnectionId = mallConnectionId,
            StartedAtUtc = now,
            FinishedAtUtc = now,
            Result = ProcessingResult.Skipped,
            Reason = reason,
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}

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
        var entry = new ProcessingLogEntry
        {
            Kind = ProcessingKind.ManualFetch,
            Trigger = ProcessingTrigger.Manual,
            TriggeredBy = userName,
            MallConnectionId = mallConnectionId,
            StartedAtUtc = time.GetUtcNow().UtcDateTime,
            RangeFromUtc = fromUtc,
            RangeToUtc = toUtc,
        };
        db.ProcessingLogEntries.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        jobs.Enqueue<ManualFetchJob>(job => job.RunAsync(entry.Id, CancellationToken.None));
        return entry.Id;
    }
}

/// <summary>Adds or removes a connection's recurring 10-minute fetch to match its 自動取得 setting and authorization.</summary>
public sealed class AutoFetchSchedule(IRecurringJobManager jobs, Microsoft.Extensions.Options.IOptions<MallSettingsOptions> options)
{

    public static readonly TimeZoneInfo JapanTimeZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    public static string JobId(int mallConnectionId) => $"auto-fetch-{mallConnectionId}";

    public static bool ShouldRun(MallConnection connection) =>
        connection.IsEnabled && connection.AutoFetchEnabled && connection.AuthorizationState == AuthorizationState.Authorized
        && !string.IsNullOrEmpty(connection.ShopCipher);

    public void Apply(MallConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (ShouldRun(connection))
        {
            jobs.AddOrUpdate<AutoFetchJob>(
                JobId(connection.Id),
                job => job.RunAsync(connection.Id, CancellationToken.None),
                options.Value.AutoFetchCron,
                new RecurringJobOptions { TimeZone = JapanTimeZone });
        }
        else
        {
            jobs.RemoveIfExists(JobId(connection.Id));
        }
    }

    public async Task ApplyAllAsync(TikTokSyncDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        foreach (var connection in await db.MallConnections.AsNoTracking().ToListAsync(cancellationToken))
        {
            Apply(connection);
        }
    }
}
