using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.ProcessingLog;
using GoQ.TikTokSync.Core.Shipping;
using GoQ.TikTokSync.Core.Shipping.OrderSummary;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GoQ.TikTokSync.Core.Jobs;

/// <summary>What one janitor pass closed.</summary>
public sealed record JanitorResult(int EntriesOfStoppedNodes, int EntriesNeverStarted, int PackagesLeftSending);

/// <summary>
/// Cleans up after nodes that died without a word (kill -9, power loss): a running 自動処理ログ entry whose heartbeat
/// stopped more than <see cref="JobOptions.HeartbeatTimeout"/> ago is finished as 中断, and a package left 送信中 for longer
/// than <see cref="ShippingPushOptions.StaleClaimAfter"/> becomes 結果確認中, so the next push reads it back from TikTok
/// before anything is sent. Ages are measured on the database's clock, like the heartbeats and claims themselves.
/// </summary>
public sealed partial class RunJanitor(
    TikTokSyncDbContext db,
    IOptions<JobOptions> jobOptions,
    IOptions<ShippingPushOptions> pushOptions,
    TimeProvider time,
    ILogger<RunJanitor> logger)
{
    /// <summary>
    /// An entry no job ever took up (its job lost from the queue, or left by a version without heartbeats) is closed after
    /// this long; a queued fetch that keeps stepping back for a busy connection gives up after 10 minutes on its own.
    /// </summary>
    public static readonly TimeSpan NeverStartedAfter = TimeSpan.FromDays(1);

    public const string PackageReason = "送信中に処理が止まったため結果を確認できていません。次回の書き出しで TikTok Shop に照会します。";

    public async Task<JanitorResult> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var heartbeatOffset = -jobOptions.Value.HeartbeatTimeout.TotalSeconds;
        var stopped = await db.ProcessingLogEntries
            .Where(e => e.FinishedAtUtc == null && e.HeartbeatAtUtc != null && e.HeartbeatAtUtc < DateTime.UtcNow.AddSeconds(heartbeatOffset))
            .ExecuteUpdateAsync(
                set => set.SetProperty(e => e.Result, ProcessingResult.Interrupted)
                    .SetProperty(e => e.Reason, RunFailureReasons.NodeStopped)
                    .SetProperty(e => e.FinishedAtUtc, now),
                cancellationToken);

        // StartedAtUtc is written from the app's clock, so it is compared with the app's clock.
        var queuedBefore = now - NeverStartedAfter;
        var neverStarted = await db.ProcessingLogEntries
            .Where(e => e.FinishedAtUtc == null && e.HeartbeatAtUtc == null && e.StartedAtUtc < queuedBefore)
            .ExecuteUpdateAsync(
                set => set.SetProperty(e => e.Result, ProcessingResult.Interrupted)
                    .SetProperty(e => e.Reason, RunFailureReasons.NeverStarted)
                    .SetProperty(e => e.FinishedAtUtc, now),
                cancellationToken);

        var claimOffset = -pushOptions.Value.StaleClaimAfter.TotalSeconds;
        var stuck = await db.ShippingPackages.AsNoTracking()
            .Where(p => p.PushState == ShipmentPushState.Pushing && (p.PushStartedAtUtc == null || p.PushStartedAtUtc < DateTime.UtcNow.AddSeconds(claimOffset)))
            .Select(p => new { p.Id, p.OrderId, p.Version })
            .ToListAsync(cancellationToken);
        var released = 0;
        foreach (var package in stuck)
        {
            // On the version read above: a push that takes the claim over at this moment keeps it.
            var changed = await db.ShippingPackages
                .Where(p => p.Id == package.Id && p.Version == package.Version && p.PushState == ShipmentPushState.Pushing)
                .ExecuteUpdateAsync(
                    set => set.SetProperty(p => p.PushState, ShipmentPushState.OutcomeUnknown)
                        .SetProperty(p => p.FailureReason, PackageReason)
                        .SetProperty(p => p.PushStartedAtUtc, (DateTime?)null)
                        .SetProperty(p => p.UpdatedAtUtc, now)
                        .SetProperty(p => p.Version, Guid.NewGuid()),
                    cancellationToken);
            if (changed == 1)
            {
                released++;
                await ShippingSummary.RefreshAsync(db, package.OrderId, now, cancellationToken);
            }
        }

        if (stopped + neverStarted + released > 0)
        {
            LogCleaned(logger, stopped, neverStarted, released);
        }

        return new JanitorResult(stopped, neverStarted, released);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Janitor: {Stopped} run(s) of stopped nodes and {NeverStarted} never-started run(s) finished as interrupted; {Packages} package(s) left sending marked outcome unknown")]
    private static partial void LogCleaned(ILogger logger, int stopped, int neverStarted, int packages);
}

/// <summary>The recurring janitor (Hangfire job id <c>run-janitor</c>, every minute by default): thin, the work is <see cref="RunJanitor"/>'s.</summary>
public sealed class RunJanitorJob(RunJanitor janitor)
{
    public const string JobId = "run-janitor";

    [Hangfire.AutomaticRetry(Attempts = 0)]
    public Task RunAsync(CancellationToken cancellationToken) => janitor.RunAsync(cancellationToken);
}
