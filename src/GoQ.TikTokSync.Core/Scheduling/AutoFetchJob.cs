using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Import.FetchOrders;
using GoQ.TikTokSync.Core.Jobs;
using GoQ.TikTokSync.Core.ProcessingLog;
using GoQ.TikTokSync.Core.Shipping.Push;
using GoQ.TikTokSync.Core.Time;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GoQ.TikTokSync.Core.Scheduling;

/// <summary>
/// The recurring 10-minute fetch of one connection (Hangfire job id <c>auto-fetch-{id}</c>). Thin and re-entrant: it
/// takes the connection id only, and the work is <see cref="OrderImport"/>'s and <see cref="ShippingPushRun"/>'s.
/// Each step has its own 自動処理ログ entry, which <see cref="RunGuard"/> finishes whatever ends the step; a step that
/// fails ends the job.
/// </summary>
public sealed class AutoFetchJob(TikTokSyncDbContext db, FetchLease lease, RunGuard guard, OrderImport import, ShippingPushRun push, TimeProvider time)
{
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(int mallConnectionId, CancellationToken cancellationToken)
    {
        var connection = await db.MallConnections.AsNoTracking().SingleOrDefaultAsync(c => c.Id == mallConnectionId, cancellationToken);
        if (connection is null)
        {
            return;
        }

        if (connection.AutoFetchBlockReason is { } skip)
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
                    var sweepResult = await import.RunAsync(sweep.Id, ImportMode.Reconciliation, token);
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
            var export = await NewEntryAsync(held, connection.Id, ProcessingKind.Export, time.GetUtcNow().UtcDateTime.AddDays(-ShippingExport.AutomaticWindowDays));
            await guard.RunAsync(export.Id, held, token => push.RunAsync(export.Id, null, token), cancellationToken);
        }
    }

    /// <summary>A new entry of this run, claimed by it so that its heartbeat is beaten while the step runs.</summary>
    private async Task<ProcessingLogEntry> NewEntryAsync(RunKeepAlive held, int mallConnectionId, ProcessingKind kind, DateTime? rangeFromUtc)
    {
        var entry = ProcessingLogEntry.Start(kind, ProcessingTrigger.Automatic, mallConnectionId, time.GetUtcNow().UtcDateTime, rangeFromUtc: rangeFromUtc);
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

        db.ProcessingLogEntries.Add(ProcessingLogEntry.Instant(ProcessingKind.AutoFetch, mallConnectionId, ProcessingResult.Skipped, reason, time.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(cancellationToken);
    }
}
