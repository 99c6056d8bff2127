using System.Runtime.ExceptionServices;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Jobs;
using GoQ.TikTokSync.Core.Malls.Authorize;
using GoQ.TikTokSync.Core.Malls.MapCarriers;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.ProcessingLog;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GoQ.TikTokSync.Core.Shipping.Push;

/// <summary>
/// One [発送情報を更新] run (or the automatic one): the candidates of its window, or the packages the operator ticked,
/// pushed by a few workers in parallel so that a large run approaches TikTok's 50 calls per second; the client's rate
/// limiter keeps it under. Counts go to the run's 自動処理ログ entry once a second while it runs and when its workers stop
/// (送信 = Updated, 失敗 = Failed, 保留 = Skipped), which is what the progress bar reads.
/// </summary>
public sealed class ShippingPushRun(TikTokSyncDbContext db, TikTokShopConnections connections, ShippingProviders providers, IServiceScopeFactory scopes, TimeProvider time, IOptions<ShippingPushOptions> options)
{
    /// <summary>Calls in flight at once; with TikTok's ~100–300 ms answers this is what reaches the 50 QPS ceiling.</summary>
    public const int Workers = 8;

    /// <summary>How often the run's counts (the progress bar's figures) are written while it runs.</summary>
    public static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(1);

    public async Task<ProcessingLogEntry> RunAsync(long logEntryId, IReadOnlyCollection<long>? packageIds, CancellationToken cancellationToken)
    {
        var entry = await db.ProcessingLogEntries.SingleAsync(e => e.Id == logEntryId, cancellationToken);
        if (entry.FinishedAtUtc is not null)
        {
            // Run before (a second delivery of the job, or its re-run after an app restart): never twice.
            return entry;
        }

        var connection = await db.MallConnections.AsNoTracking().SingleAsync(c => c.Id == entry.MallConnectionId, cancellationToken);
        if (connection.SyncBlockReason is { } blocked)
        {
            return await FinishAsync(entry, ProcessingResult.Skipped, blocked, cancellationToken);
        }

        var shop = connections.ContextFor(connection);
        List<long> targets;
        if (packageIds is { Count: > 0 })
        {
            targets = await db.ShippingPackages.Where(p => packageIds.Contains(p.Id) && db.Orders.Any(o => o.Id == p.OrderId && o.MallConnectionId == connection.Id))
                .OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(cancellationToken);
        }
        else
        {
            var list = await ExportEligibility.ListAsync(db, providers, connection.Id, entry.RangeFromUtc, entry.RangeToUtc, time, cancellationToken, options.Value.BuyerCancellationWait);
            targets = list.Candidates.Select(c => c.PackageId).ToList();
        }

        entry.ExpectedOrders = targets.Count;
        await db.SaveChangesAsync(cancellationToken);
        if (targets.Count == 0)
        {
            return await FinishAsync(entry, ProcessingResult.Success, "送信対象の受注はありません", cancellationToken);
        }

        // One worker takes all packages of an order, in entry order: a split order's parcels reach TikTok one after another.
        var orderOf = await db.ShippingPackages.Where(p => targets.Contains(p.Id)).Select(p => new { p.Id, p.OrderId }).ToListAsync(cancellationToken);
        // Orders TikTok combined into one parcel (同梱) go to the same worker too: the first ships it, the others then only
        // read it back, so two workers can never both send it.
        var shipmentOf = await CombinedShipmentKeysAsync(orderOf.Select(p => p.OrderId).Distinct().ToList(), cancellationToken);
        var queue = new Queue<long[]>(orderOf.GroupBy(p => shipmentOf.GetValueOrDefault(p.OrderId, p.OrderId))
            .OrderBy(g => g.Min(p => p.Id))
            .Select(g => g.OrderBy(p => p.OrderId).ThenBy(p => p.Id).Select(p => p.Id).ToArray()));
        var gate = new object();
        var tally = new OutcomeTally(logEntryId);
        var authorizationLost = false;
        ExceptionDispatchInfo? stoppedBy = null;
        async Task WorkAsync()
        {
            await using var scope = scopes.CreateAsyncScope();
            var pusher = scope.ServiceProvider.GetRequiredService<PackagePusher>();
            var workerDb = scope.ServiceProvider.GetRequiredService<TikTokSyncDbContext>();
            while (true)
            {
                long[]? group;
                lock (gate)
                {
                    if (authorizationLost || stoppedBy is not null || !queue.TryDequeue(out group))
                    {
                        return;
                    }
                }

                foreach (var id in group)
                {
                    PackagePushOutcome outcome;
                    try
                    {
                        outcome = await pusher.PushAsync(id, logEntryId, shop, cancellationToken);
                        workerDb.ChangeTracker.Clear();
                        tally.Add(outcome);
                        if (tally.FlushDue(time))
                        {
                            await tally.FlushAsync(workerDb, time, cancellationToken);
                        }
                    }
                    catch (Exception ex)
                    {
                        // The pusher has left its package safe (結果確認中). The other workers finish the package they hold
                        // and take no more; the run then ends with this exception.
                        lock (gate)
                        {
                            stoppedBy ??= ExceptionDispatchInfo.Capture(ex);
                        }

                        return;
                    }

                    if (outcome == PackagePushOutcome.AuthorizationLost)
                    {
                        lock (gate)
                        {
                            authorizationLost = true;
                        }

                        return;
                    }
                }
            }
        }

        try
        {
            await Task.WhenAll(Enumerable.Range(0, Math.Min(Workers, queue.Count)).Select(_ => Task.Run(WorkAsync, cancellationToken)));
        }
        finally
        {
            // Whatever ended the workers, the packages they finished are counted.
            await tally.FlushAsync(db, time, CancellationToken.None);
        }

        stoppedBy?.Throw();

        await db.Entry(entry).ReloadAsync(cancellationToken);
        if (authorizationLost)
        {
            return await FinishAsync(entry, ProcessingResult.Failure, "再認証が必要です。残りの受注は送信していません。", cancellationToken);
        }

        var result = entry.Failed == 0 && entry.Skipped == 0 ? ProcessingResult.Success : entry.Updated > 0 ? ProcessingResult.PartialFailure : ProcessingResult.Failure;
        var notClaimed = targets.Count - entry.Updated - entry.Failed - entry.Skipped;
        return await FinishAsync(entry, result, notClaimed > 0 ? $"他の実行が送信中・または対象外になった受注: {notClaimed}件" : null, cancellationToken);
    }

    /// <summary>For orders sharing a TikTok package with another of <paramref name="orderIds"/>, the smallest such order id.</summary>
    private async Task<Dictionary<long, long>> CombinedShipmentKeysAsync(List<long> orderIds, CancellationToken cancellationToken)
    {
        var lines = await db.OrderLines.Where(l => orderIds.Contains(l.OrderId) && l.PackageId != null)
            .Select(l => new { l.OrderId, l.PackageId }).Distinct().ToListAsync(cancellationToken);
        var key = new Dictionary<long, long>();
        long Root(long id) => key.TryGetValue(id, out var parent) && parent != id ? Root(parent) : id;
        foreach (var shared in lines.GroupBy(l => l.PackageId!, StringComparer.Ordinal).Where(g => g.Select(l => l.OrderId).Distinct().Skip(1).Any()))
        {
            var roots = shared.Select(l => Root(l.OrderId)).Distinct().Order().ToList();
            foreach (var root in roots)
            {
                key[root] = roots[0];
            }

            foreach (var line in shared)
            {
                key.TryAdd(line.OrderId, roots[0]);
            }
        }

        return key.Keys.ToDictionary(id => id, Root);
    }

    /// <summary>
    /// The run's 送信/失敗/保留 counts, written to its log entry at most every <see cref="ProgressInterval"/> (and once when
    /// the workers stop) rather than once per package: at TikTok's pace that is one UPDATE a second instead of 50, which a
    /// SQLite store would otherwise serialise behind the workers' own saves.
    /// </summary>
    private sealed class OutcomeTally(long logEntryId)
    {
        private int _writing;
        private int _updated;
        private int _failed;
        private int _skipped;
        private int _unchanged;
        private long _lastFlushTicks;

        public void Add(PackagePushOutcome outcome)
        {
            switch (outcome)
            {
                case PackagePushOutcome.Pushed:
                    Interlocked.Increment(ref _updated);
                    break;
                case PackagePushOutcome.Failed:
                    Interlocked.Increment(ref _failed);
                    break;
                case PackagePushOutcome.Deferred or PackagePushOutcome.OutcomeUnknown or PackagePushOutcome.AuthorizationLost:
                    Interlocked.Increment(ref _skipped);
                    break;
                default:
                    Interlocked.Increment(ref _unchanged);
                    break;
            }
        }

        /// <summary>Whether the counts were last written longer than <see cref="ProgressInterval"/> ago (or never).</summary>
        public bool FlushDue(TimeProvider time) =>
            time.GetUtcNow().UtcTicks - Interlocked.Read(ref _lastFlushTicks) >= ProgressInterval.Ticks;

        /// <summary>
        /// Adds the counts taken since the last write to the entry. One writer at a time: a worker finding another one
        /// writing leaves its counts to the next write (the last one runs after the workers have stopped).
        /// </summary>
        public async Task FlushAsync(TikTokSyncDbContext db, TimeProvider time, CancellationToken cancellationToken)
        {
            if (Interlocked.CompareExchange(ref _writing, 1, 0) != 0)
            {
                return;
            }

            try
            {
                Interlocked.Exchange(ref _lastFlushTicks, time.GetUtcNow().UtcTicks);
                var updated = Interlocked.Exchange(ref _updated, 0);
                var failed = Interlocked.Exchange(ref _failed, 0);
                var skipped = Interlocked.Exchange(ref _skipped, 0);
                var unchanged = Interlocked.Exchange(ref _unchanged, 0);
                if (updated + failed + skipped + unchanged == 0)
                {
                    return;
                }

                try
                {
                    await db.ProcessingLogEntries.Where(e => e.Id == logEntryId).ExecuteUpdateAsync(
                        s => s.SetProperty(e => e.Updated, e => e.Updated + updated)
                            .SetProperty(e => e.Failed, e => e.Failed + failed)
                            .SetProperty(e => e.Skipped, e => e.Skipped + skipped)
                            .SetProperty(e => e.Unchanged, e => e.Unchanged + unchanged),
                        cancellationToken);
                }
                catch
                {
                    // Not written: keep them for the next write.
                    Interlocked.Add(ref _updated, updated);
                    Interlocked.Add(ref _failed, failed);
                    Interlocked.Add(ref _skipped, skipped);
                    Interlocked.Add(ref _unchanged, unchanged);
                    throw;
                }
            }
            finally
            {
                Volatile.Write(ref _writing, 0);
            }
        }
    }

    private Task<ProcessingLogEntry> FinishAsync(ProcessingLogEntry entry, ProcessingResult result, string? reason, CancellationToken cancellationToken) =>
        db.FinishRunAsync(entry, result, reason, time, cancellationToken);
}

/// <summary>
/// [発送情報を更新] (and 再送信) runs as a background job; its log entry, created by the page, carries the window. The entry
/// ends finished whatever ends the run (<see cref="RunGuard"/>).
/// </summary>
public sealed class ShippingPushJob(ShippingPushRun run, RunGuard guard)
{
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(long logEntryId, long[]? packageIds, CancellationToken cancellationToken)
    {
        await using var alive = guard.KeepAlive(cancellationToken);
        // Only the copy that takes the entry up runs it: Hangfire may deliver a long run a second time while it still
        // runs, or again after an app restart once it was finished as 中断.
        if (!await alive.ClaimAsync(logEntryId, cancellationToken))
        {
            return;
        }

        await guard.RunAsync(logEntryId, alive, token => run.RunAsync(logEntryId, packageIds, token), cancellationToken);
    }
}
