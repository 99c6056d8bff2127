using System.Data.Common;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Malls.MapCarriers;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.Shipping.OrderSummary;
using GoQ.TikTokSync.Core.Time;
using GoQ.TikTokSync.TikTokShop;
using GoQ.TikTokSync.TikTokShop.Errors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GoQ.TikTokSync.Core.Shipping.Push;

public enum PackagePushOutcome
{
    Pushed,
    Failed,

    /// <summary>Left Pending (transient error, mapping missing, read back as not shipped): a later run tries again.</summary>
    Deferred,

    /// <summary>Left 結果確認中: a call may have reached TikTok and no read-back settled it; the next run reads back first.</summary>
    OutcomeUnknown,

    /// <summary>Another run holds the package, or it is no longer eligible: nothing was sent.</summary>
    NotClaimed,

    /// <summary>The connection needs 再認証: the run stops.</summary>
    AuthorizationLost,
}

/// <summary>
/// Sends one package to TikTok exactly once. The package is claimed Pending → Pushing with one conditional UPDATE on its
/// concurrency token, so of two runs only one sends it. After a timeout or 5xx (outcome unknown) or an "already shipped"
/// answer the order is read back before anything else is sent: TikTok showing our tracking number on our lines means done.
/// When that read-back fails too, or the run stops mid-call for any reason, the package is left 結果確認中
/// (<see cref="ShipmentPushState.OutcomeUnknown"/>): the next run reads it back before it may send anything.
/// </summary>
public sealed partial class PackagePusher(
    TikTokSyncDbContext db,
    ITikTokShopApiClient api,
    ShippingProviders providers,
    IServiceScopeFactory scopes,
    IOptions<ShippingPushOptions> options,
    TimeProvider time,
    ILogger<PackagePusher> logger)
{
    /// <summary>After an unknown outcome the call is repeated at most this many times within one run (after a read-back).</summary>
    public const int RetriesAfterUnknownOutcome = 1;

    public const string ReadBackFailedReason = "TikTok Shop に照会できなかったため送信していません。次回の書き出しで再度照会します。";

    public const string InterruptedReason = "送信処理が中断されたため結果を確認できていません。次回の書き出しで TikTok Shop に照会します。";

    public async Task<PackagePushOutcome> PushAsync(long packageId, long logEntryId, TikTokShopContext shop, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shop);
        var seen = await db.ShippingPackages.AsNoTracking().SingleOrDefaultAsync(p => p.Id == packageId, cancellationToken);
        if (seen is null)
        {
            return PackagePushOutcome.NotClaimed;
        }

        var order = await db.Orders.AsNoTracking().Include(o => o.Packages).Include(o => o.Lines).AsSplitQuery().SingleAsync(o => o.Id == seen.OrderId, cancellationToken);
        // A package whose last call has no known outcome (or whose run died mid-call) is read back before anything else;
        // the eligibility rules are applied after that read-back, when it says TikTok does not have the package.
        var readBackFirst = seen.PushState is ShipmentPushState.OutcomeUnknown or ShipmentPushState.Pushing;
        if (!readBackFirst && ExportEligibility.ExclusionReason(order, seen, JapanTime.Today(time), providerMapped: true) is not null)
        {
            return PackagePushOutcome.NotClaimed;
        }

        // A 送信中 claim is taken over only once it is stale on the database's clock: the node that made it may be alive
        // and in the middle of its call, whatever this node's own clock says.
        var staleOffset = -options.Value.StaleClaimAfter.TotalSeconds;
        var claim = Guid.NewGuid();
        var claimed = await db.ShippingPackages
            .Where(p => p.Id == packageId && p.Version == seen.Version && p.PushState == seen.PushState)
            .Where(p => p.PushState != ShipmentPushState.Pushing || p.PushStartedAtUtc == null || p.PushStartedAtUtc < DateTime.UtcNow.AddSeconds(staleOffset))
            .ExecuteUpdateAsync(set => set.SetProperty(p => p.PushState, ShipmentPushState.Pushing)
                .SetProperty(p => p.PushStartedAtUtc, p => (DateTime?)DateTime.UtcNow)
                .SetProperty(p => p.Attempts, p => p.Attempts + 1)
                .SetProperty(p => p.Version, claim), cancellationToken);
        if (claimed == 0)
        {
            return PackagePushOutcome.NotClaimed;
        }

        try
        {
            // Tracked without its packages: only the claimed package and new child rows are written through it.
            var package = await db.ShippingPackages.SingleAsync(p => p.Id == packageId, cancellationToken);
            var trackedOrder = await db.Orders.SingleAsync(o => o.Id == package.OrderId, cancellationToken);
            var outcome = await SendAsync(trackedOrder, order, package, logEntryId, shop, readBackFirst, cancellationToken);
            await FinishAsync(trackedOrder, package, logEntryId, outcome, cancellationToken);
            return outcome.Outcome;
        }
        catch (Exception ex)
        {
            // Whatever stopped this push (shutdown, a lost lease, an error of ours), a request may already have reached
            // TikTok: the package waits as 結果確認中 for a read-back, never as plain 未送信.
            await LeaveOutcomeUnknownAsync(seen.OrderId, packageId, claim, ex);
            throw;
        }
    }

    /// <summary>How a push ended; <paramref name="Unknown"/> keeps a non-final outcome's package 結果確認中 rather than 未送信.</summary>
    private sealed record Result(PackagePushOutcome Outcome, string? Reason = null, TikTokShopApiException? Error = null, bool Unknown = false);

    /// <summary>Hands a claimed package back as 結果確認中 after the push stopped mid-way; best effort, on a context of its own.</summary>
    private async Task LeaveOutcomeUnknownAsync(long orderId, long packageId, Guid claim, Exception cause)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var fresh = scope.ServiceProvider.GetRequiredService<TikTokSyncDbContext>();
            var now = time.GetUtcNow().UtcDateTime;
            // Only our own claim: a package this push already finished (or someone else took over) is left as it is.
            var left = await fresh.ShippingPackages
                .Where(p => p.Id == packageId && p.Version == claim && p.PushState == ShipmentPushState.Pushing)
                .ExecuteUpdateAsync(set => set.SetProperty(p => p.PushState, ShipmentPushState.OutcomeUnknown)
                    .SetProperty(p => p.FailureReason, InterruptedReason)
                    .SetProperty(p => p.PushStartedAtUtc, (DateTime?)null)
                    .SetProperty(p => p.UpdatedAtUtc, now)
                    .SetProperty(p => p.Version, Guid.NewGuid()), CancellationToken.None);
            if (left == 1)
            {
                LogLeftOutcomeUnknown(logger, packageId, cause.GetType().Name);
                await ShippingSummary.RefreshAsync(fresh, orderId, now, CancellationToken.None);
            }
        }
        catch (Exception ex) when (ex is DbException or DbUpdateException or InvalidOperationException or TimeoutException)
        {
            // The claim then stays 送信中 and is turned 結果確認中 by the janitor after StaleClaimAfter.
            LogLeaveFailed(logger, ex, packageId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Push of package {PackageId} stopped mid-way ({Cause}); left as outcome unknown for a read-back")]
    private static partial void LogLeftOutcomeUnknown(ILogger logger, long packageId, string cause);

    [LoggerMessage(Level = LogLevel.Error, Message = "Push of package {PackageId} stopped mid-way and could not be marked outcome unknown; it stays claimed until the stale-claim sweep")]
    private static partial void LogLeaveFailed(ILogger logger, Exception exception, long packageId);
}
