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
/// limiter keeps it under. Counts go to the run's 自動処理ログ entry as they happen (送信 = Updated, 失敗 = Failed,
/// 保留 = Skipped), which is what the progress bar reads.
/// </summary>
public sealed class ShippingPushRun(TikTokSyncDbContext db, TikTokShopConnections connections, ShippingProviders providers, IServiceScopeFactory scopes, TimeProvider time, IOptions<ShippingPushOptions> options)
{
    /// <summary>Calls in flight at once; with TikTok's ~100–300 ms answers this is what reaches the 50 QPS ceiling.</summary>
    public const int Workers = 8;

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
                        await CountAsync(workerDb, logEntryId, outcome, cancellationToken);
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

        await Task.WhenAll(Enumerable.Range(0, Math.Min(Workers, queue.Count)).Select(_ => Task.Run(WorkAsync, cancellationToken)));
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

    private static Task<int> CountAsync(TikTokSyncDbContext workerDb, long logEntryId, PackagePushOutcome outcome, CancellationToken cancellationToken)
    {
        var entries = workerDb.ProcessingLogEntries.Where(e => e.Id == logEntryId);
        return outcome switch
        {
            PackagePushOutcome.Pushed => entries.ExecuteUpdateAsync(s => s.SetProperty(e => e.Updated, e => e.Updated + 1), cancellationToken),
            PackagePushOutcome.Failed => entries.ExecuteUpdateAsync(s => s.SetProperty(e => e.Failed, e => e.Failed + 1), cancellationToken),
            PackagePushOutcome.Deferred or PackagePushOutcome.OutcomeUnknown or PackagePushOutcome.AuthorizationLost => entries.ExecuteUpdateAsync(s => s.SetProperty(e => e.Skipped, e => e.Skipped + 1), cancellationToken),
            _ => entries.ExecuteUpdateAsync(s => s.SetProperty(e => e.Unchanged, e => e.Unchanged + 1), cancellationToken),
        };
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
