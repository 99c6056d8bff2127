using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.ProcessingLog;
using GoQ.TikTokSync.Core.Time;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Core.Import;

/// <summary>
/// Keeps fetches of one connection from overlapping, across threads and app nodes, with a lease on the connection row:
/// one conditional UPDATE takes it, one releases it, and a lease left by a crashed node simply expires.
/// </summary>
public sealed class FetchLease(TikTokSyncDbContext db, TimeProvider time)
{
    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(30);

    public async Task<string?> TryAcquireAsync(int mallConnectionId, CancellationToken cancellationToken)
    {
        var owner = Guid.NewGuid().ToString("N");
        var now = time.GetUtcNow().UtcDateTime;
        var until = now + Duration;
        var taken = await db.MallConnections
            .Where(c => c.Id == mallConnectionId && (c.FetchLeaseOwner == null || c.FetchLeaseUntilUtc < now))
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.FetchLeaseOwner, owner).SetProperty(c => c.FetchLeaseUntilUtc, until), cancellationToken);
        return taken == 1 ? owner : null;
    }

    public Task ReleaseAsync(int mallConnectionId, string owner) =>
        db.MallConnections
            .Where(c => c.Id == mallConnectionId && c.FetchLeaseOwner == owner)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.FetchLeaseOwner, (string?)null).SetProperty(c => c.FetchLeaseUntilUtc, (DateTime?)null));
}

/// <summary>
/// The recurring 10-minute fetch of one connection (Hangfire job id <c>auto-fetch-{id}</c>). Thin and re-entrant: it
/// takes the connection id only, and the work is <see cref="OrderImport"/>'s.
/// </summary>
public sealed class AutoFetchJob(TikTokSyncDbContext db, FetchLease lease, OrderImport import, Export.ShippingPushRun push, TimeProvider time)
{
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(int mallConnectionId, CancellationToken cancellationToken)
    {
        var connection = await db.MallConnections.AsNoTracking().SingleOrDefaultAsync(c => c.Id == mallConnectionId, cancellationToken);
        if (connection is null)
        {
            return;
        }

        var skip = !connection.AutoFetchEnabled ? "自動取得オフ" : connection.AuthorizationState != AuthorizationState.Authorized || string.IsNullOrEmpty(connection.ShopCipher) ? OrderImport.SkipReason(connection) : null;
        if (skip is not null)
        {
            await RecordSkipOnceAsync(connection.Id, skip, cancellationToken);
            return;
        }

        var owner = await lease.TryAcquireAsync(connection.Id, cancellationToken);
        if (owner is null)
        {
            await RecordSkipOnceAsync(connection.Id, "前回の取得が実行中", cancellationToken);
            return;
        }

        try
        {
            var incremental = await NewEntryAsync(connection.Id, ProcessingKind.AutoFetch, cancellationToken);
            var incrementalResult = await import.RunAsync(incremental.Id, ImportMode.Incremental, cancellationToken);

            // Once a Japanese day, the plain GoQ query over the whole window heals anything the incremental path missed.
            var today = JapanTime.Today(time);
            if (incrementalResult.Result is ProcessingResult.Success or ProcessingResult.PartialFailure
                && (connection.LastReconciliationAtUtc is not { } last || DateOnly.FromDateTime(JapanTime.ToJst(last).DateTime) < today))
            {
                var sweep = await NewEntryAsync(connection.Id, ProcessingKind.StatusSweep, cancellationToken);
                var sweepResult = await import.RunAsync(sweep.Id, ImportMode.ConfiguredDays, cancellationToken);
                sweepResult.FoundByReconciliation = sweepResult.Created;
                sweepResult.Reason ??= $"照合で新たに見つかった受注: {sweepResult.Created}件";
                await db.SaveChangesAsync(cancellationToken);
            }

            // 自動書き出し after the import, so that the TikTok statuses it checks are as fresh as they get.
            if (connection.AutoExportEnabled)
            {
                var export = new ProcessingLogEntry
                {
                    Kind = ProcessingKind.Export,
                    Trigger = ProcessingTrigger.Automatic,
                    MallConnectionId = connection.Id,
                    StartedAtUtc = time.GetUtcNow().UtcDateTime,
                    RangeFromUtc = time.GetUtcNow().UtcDateTime.AddDays(-Export.ShippingExport.AutomaticWindowDays),
                };
                db.ProcessingLogEntries.Add(export);
                await db.SaveChangesAsync(cancellationToken);
                await push.RunAsync(export.Id, null, cancellationToken);
            }
        }
        finally
        {
            await lease.ReleaseAsync(connection.Id, owner);
        }
    }

    private async Task<ProcessingLogEntry> NewEntryAsync(int mallConnectionId, ProcessingKind kind, CancellationToken cancellationToken)
    {
        var entry = new ProcessingLogEntry { Kind = kind, Trigger = ProcessingTrigger.Automatic, MallConnectionId = mallConnectionId, StartedAtUtc = time.GetUtcNow().UtcDateTime };
        db.ProcessingLogEntries.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
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

/// <summary>A manual fetch (データ取込) runs as a background job; its log entry, created by the page, carries the request.</summary>
public sealed class ManualFetchJob(TikTokSyncDbContext db, FetchLease lease, OrderImport import, TimeProvider time)
{
    /// <summary>How long a manual fetch waits for a running automatic one of the same connection to finish.</summary>
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
        var giveUpAt = time.GetUtcNow() + LeaseWait;
        string? owner;
        while ((owner = await lease.TryAcquireAsync(connectionId, cancellationToken)) is null)
        {
            if (time.GetUtcNow() > giveUpAt)
            {
                await db.ProcessingLogEntries.Where(e => e.Id == logEntryId).ExecuteUpdateAsync(
                    set => set.SetProperty(e => e.Result, ProcessingResult.Skipped)
                        .SetProperty(e => e.Reason, "自動取得が実行中のため開始できませんでした")
                        .SetProperty(e => e.FinishedAtUtc, time.GetUtcNow().UtcDateTime),
                    cancellationToken);
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), time, cancellationToken);
        }

        try
        {
            await import.RunAsync(logEntryId, entry.RangeFromUtc is null ? ImportMode.ConfiguredDays : ImportMode.DateRange, cancellationToken);
        }
        finally
        {
            await lease.ReleaseAsync(connectionId, owner);
        }
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
