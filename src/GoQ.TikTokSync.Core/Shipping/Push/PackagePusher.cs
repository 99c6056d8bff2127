using System.Data.Common;
using System.Globalization;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Malls.MapCarriers;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.ProcessingLog;
using GoQ.TikTokSync.Core.Shipping.EnterTracking;
using GoQ.TikTokSync.Core.Shipping.OrderSummary;
using GoQ.TikTokSync.Core.Time;
using GoQ.TikTokSync.TikTokShop;
using GoQ.TikTokSync.TikTokShop.Errors;
using GoQ.TikTokSync.TikTokShop.Models;
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

    /// <summary>TikTok codes for an order cancelled or with a pending after-sale request (md §9.2, §9.3).</summary>
    private static readonly HashSet<int> CancelledCodes = [21011041, 21011042, 21008044, 21011007];

    /// <summary>TikTok refusing a second tracking correction (md §9.5).</summary>
    private static readonly HashSet<int> CorrectionLimitCodes = [21011049, 21011050, 21011051, 21011052];

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

    private async Task<Result> SendAsync(Order order, Order snapshot, ShippingPackage package, long logEntryId, TikTokShopContext shop, bool readBackFirst, CancellationToken cancellationToken)
    {
        var tracking = package.TrackingNumber!;
        var lineIds = package.LineItemIdList;
        if (readBackFirst)
        {
            var before = await ReadBackAsync(order, package, logEntryId, shop, cancellationToken);
            if (before.AuthorizationLost)
            {
                return new Result(PackagePushOutcome.AuthorizationLost, "再認証が必要です。照会できなかったため送信していません。", before.Error, Unknown: true);
            }

            if (!before.Known)
            {
                return new Result(PackagePushOutcome.OutcomeUnknown, ReadBackFailedReason, before.Error);
            }

            if (before.Confirmed)
            {
                return new Result(PackagePushOutcome.Pushed);
            }

            if (before.Cancelled)
            {
                return new Result(PackagePushOutcome.Failed, "TikTok側でキャンセルされた注文です。");
            }

            // TikTok does not have it: from here on it is an ordinary 未送信 package, held to the same rules as any other.
            if (ExportEligibility.OrderExclusionReason(snapshot, package, JapanTime.Today(time), providerMapped: true) is { } excluded)
            {
                return new Result(PackagePushOutcome.Deferred, $"照会の結果、TikTok Shop では未発送でした。送信対象外のため送信していません（{excluded}）。");
            }
        }

        ShippingProviderMapping? provider;
        try
        {
            provider = string.IsNullOrEmpty(order.DeliveryOptionId) ? null
                : await providers.ResolveAsync(order.MallConnectionId, order.DeliveryOptionId, package.Carrier, cancellationToken);
        }
        catch (ReauthorizationRequiredException)
        {
            return new Result(PackagePushOutcome.AuthorizationLost, "再認証が必要です");
        }
        catch (TikTokShopApiException ex)
        {
            return new Result(PackagePushOutcome.Deferred, "配送業者の一覧を TikTok Shop から取得できませんでした。次回の書き出しで再送信します。", ex);
        }

        if (provider is null)
        {
            return new Result(PackagePushOutcome.Deferred, $"{ExportEligibility.NotMapped}（{package.Carrier.JapaneseName()}）。各種設定 › モール詳細設定 › 配送業者の対応付け で設定してください。");
        }

        var correction = package.NeedsTrackingCorrection;
        for (var attempt = 0; ; attempt++)
        {
            TikTokShopApiException error;
            try
            {
                if (correction)
                {
                    await api.UpdateShippingInfoAsync(shop, order.TikTokOrderId, new TikTokUpdateShippingInfoRequest(tracking, provider.ShippingProviderId), cancellationToken);
                    Record(order, package, logEntryId, ShippingPushCall.UpdateShippingInfo, ShippingPushResult.Success, "伝票番号を訂正", null);
                    package.TrackingCorrections++;
                }
                else
                {
                    // Only a split order names its lines; otherwise TikTok ships every remaining item (md §9.2).
                    var split = lineIds.Count > 0 && !snapshot.Lines.Select(l => l.TikTokLineItemId).ToHashSet(StringComparer.Ordinal).SetEquals(lineIds);
                    var shipped = await api.MarkPackageAsShippedAsync(shop, order.TikTokOrderId, new TikTokMarkPackageShippedRequest(tracking, provider.ShippingProviderId, split ? lineIds : null), cancellationToken);
                    package.TikTokPackageId = shipped.PackageId;
                    Record(order, package, logEntryId, ShippingPushCall.MarkPackageAsShipped, ShippingPushResult.Success, shipped.Warning?.Message is { } w ? "送信成功（警告: " + w + "）" : "送信成功", null);
                }

                return new Result(PackagePushOutcome.Pushed);
            }
            catch (ReauthorizationRequiredException)
            {
                return new Result(PackagePushOutcome.AuthorizationLost, "再認証が必要です");
            }
            catch (TikTokShopApiException ex)
            {
                error = ex;
            }
            catch (HttpRequestException ex)
            {
                error = new TikTokShopApiException(TikTokShopErrorClassification.OutcomeUnknown, "(network)", null, ex.Message, null, null, ex);
            }

            var call = correction ? ShippingPushCall.UpdateShippingInfo : ShippingPushCall.MarkPackageAsShipped;
            LogPushFailed(logger, order.TikTokOrderId, error.Code, error.ApiMessage, error.RequestId, error.Classification);
            var unknown = error.Classification == TikTokShopErrorClassification.OutcomeUnknown;
            if (unknown || error.Classification == TikTokShopErrorClassification.AlreadyShipped)
            {
                Record(order, package, logEntryId, call, unknown ? ShippingPushResult.OutcomeUnknown : ShippingPushResult.Failed, unknown ? "結果不明（タイムアウト・サーバーエラー）: TikTok Shop に照会します" : "発送済みの応答: TikTok Shop に照会します", error);
                var readBack = await ReadBackAsync(order, package, logEntryId, shop, cancellationToken);
                if (readBack.AuthorizationLost)
                {
                    return new Result(PackagePushOutcome.AuthorizationLost, "再認証が必要です。送信結果を照会できませんでした。", error, Unknown: true);
                }

                if (readBack.Confirmed)
                {
                    return new Result(PackagePushOutcome.Pushed);
                }

                if (readBack.Cancelled)
                {
                    return new Result(PackagePushOutcome.Failed, "TikTok側でキャンセルされた注文です。", error);
                }

                if (!readBack.Known)
                {
                    // Neither the call nor the read-back told us what TikTok has: sending again blindly could ship twice
                    // (or spend the one tracking correction Japan allows).
                    return new Result(
                        PackagePushOutcome.OutcomeUnknown,
                        unknown ? "TikTok Shop の応答がなく、照会もできなかったため結果を確認できていません。次回の書き出しで照会してから再送信します。"
                            : "発送済みの応答を受けましたが、照会できなかったため内容を確認できていません。次回の書き出しで再度照会します。",
                        error);
                }

                if (unknown && attempt < RetriesAfterUnknownOutcome)
                {
                    continue;
                }

                return unknown
                    ? new Result(PackagePushOutcome.Deferred, "TikTok Shop の応答がありませんでした（照会の結果は未発送）。次回の書き出しで再送信します。", error)
                    : new Result(PackagePushOutcome.Failed, "TikTok Shop 側では別の内容で発送済みです。TikTok Shop セラーセンターで確認してください。", error);
            }

            Record(order, package, logEntryId, call, ShippingPushResult.Failed, Describe(error), error);
            return error switch
            {
                { Classification: TikTokShopErrorClassification.ReauthorizationNeeded or TikTokShopErrorClassification.AccessTokenExpired } => new Result(PackagePushOutcome.AuthorizationLost, "再認証が必要です", error),
                { Classification: TikTokShopErrorClassification.Retryable } => new Result(PackagePushOutcome.Deferred, "一時的なエラーのため送信できませんでした。次回の書き出しで再送信します。", error),
                _ => new Result(PackagePushOutcome.Failed, Describe(error), error),
            };
        }
    }

    /// <summary>The Japanese reason for a refused call; TikTok's code and text stay visible for support.</summary>
    public static string Describe(TikTokShopApiException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var code = error.Code?.ToString(CultureInfo.InvariantCulture) ?? error.HttpStatus?.ToString(CultureInfo.InvariantCulture) ?? "-";
        var reason = error switch
        {
            { Classification: TikTokShopErrorClassification.InvalidTracking } => "伝票番号または配送業者が TikTok Shop で受け付けられませんでした。伝票番号と配送業者を確認してください。",
            { Classification: TikTokShopErrorClassification.OnHold } => "TikTok Shop で保留中の注文です。保留が解除されてから再送信してください。",
            { Code: { } c } when CancelledCodes.Contains(c) => "TikTok側でキャンセル（またはキャンセル申請中）の注文です。",
            { Code: { } c } when CorrectionLimitCodes.Contains(c) => "伝票番号の訂正は1回までです（TikTok Shop の規定）。",
            { Classification: TikTokShopErrorClassification.MissingScope } => "アプリに発送の権限がありません。権限を追加して再認証してください。",
            _ => "TikTok Shop で受け付けられませんでした。",
        };
        return $"{reason}（{code}: {error.ApiMessage ?? error.Message}）";
    }

    private sealed record ReadBackResult(bool Known, bool Confirmed, bool Cancelled, bool AuthorizationLost = false, TikTokShopApiException? Error = null)
    {
        public static ReadBackResult Failed(TikTokShopApiException? error, bool authorizationLost = false) => new(false, false, false, authorizationLost, error);
    }

    /// <summary>Reads the order and decides whether our package is already on TikTok with our tracking number.</summary>
    private async Task<ReadBackResult> ReadBackAsync(Order order, ShippingPackage package, long logEntryId, TikTokShopContext shop, CancellationToken cancellationToken)
    {
        TikTokOrder? remote;
        try
        {
            remote = (await api.GetOrderDetailsAsync(shop, [order.TikTokOrderId], cancellationToken)).SingleOrDefault(o => o.Id == order.TikTokOrderId);
        }
        catch (ReauthorizationRequiredException)
        {
            Record(order, package, logEntryId, ShippingPushCall.ReadBack, ShippingPushResult.OutcomeUnknown, "照会できませんでした（再認証が必要です）", null);
            return ReadBackResult.Failed(null, authorizationLost: true);
        }
        catch (TikTokShopApiException ex)
        {
            Record(order, package, logEntryId, ShippingPushCall.ReadBack, ShippingPushResult.OutcomeUnknown, "照会に失敗しました", ex);
            return ReadBackResult.Failed(ex, authorizationLost: ex.Classification is TikTokShopErrorClassification.ReauthorizationNeeded or TikTokShopErrorClassification.AccessTokenExpired);
        }
        catch (Exception ex) when (ex is HttpRequestException or TikTokShopClientRateLimitException)
        {
            Record(order, package, logEntryId, ShippingPushCall.ReadBack, ShippingPushResult.OutcomeUnknown, "照会に失敗しました（TikTok Shop に接続できません）", null);
            return ReadBackResult.Failed(null);
        }

        if (remote is null)
        {
            Record(order, package, logEntryId, ShippingPushCall.ReadBack, ShippingPushResult.OutcomeUnknown, "照会で注文が見つかりませんでした", null);
            return ReadBackResult.Failed(null);
        }

        var ours = package.LineItemIdList.ToHashSet(StringComparer.Ordinal);
        var lines = remote.LineItems.Where(l => ours.Count == 0 || ours.Contains(l.Id)).ToList();
        var confirmed = lines.Count > 0 && lines.All(l => string.Equals(l.TrackingNumber, package.TrackingNumber, StringComparison.Ordinal));
        if (confirmed)
        {
            package.TikTokPackageId ??= lines.Select(l => l.PackageId).FirstOrDefault(id => !string.IsNullOrEmpty(id));
            Record(order, package, logEntryId, ShippingPushCall.ReadBack, ShippingPushResult.ConfirmedByReadBack, "照会の結果、送信済みを確認しました", null);
        }
        else
        {
            Record(order, package, logEntryId, ShippingPushCall.ReadBack, ShippingPushResult.NotShippedOnTikTok, $"照会の結果、この伝票番号では未発送です（TikTok: {remote.Status?.Value}）", null);
        }

        return new ReadBackResult(true, confirmed, remote.Status == TikTokOrderStatus.Cancelled);
    }

    private void Record(Order order, ShippingPackage package, long logEntryId, ShippingPushCall call, ShippingPushResult result, string detail, TikTokShopApiException? error) =>
        order.PushAttempts.Add(new ShippingPushAttempt
        {
            ShippingPackageId = package.Id,
            ProcessingLogEntryId = logEntryId,
            AtUtc = time.GetUtcNow().UtcDateTime,
            Call = call,
            TrackingNumber = package.TrackingNumber,
            Result = result,
            Detail = Truncate(detail, 1000),
            TikTokErrorCode = error?.Code,
            TikTokMessage = Truncate(error?.ApiMessage, 1000),
            TikTokRequestId = error?.RequestId,
        });

    private async Task FinishAsync(Order order, ShippingPackage package, long logEntryId, Result result, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var item = new ProcessingLogItem { ProcessingLogEntryId = logEntryId, TikTokOrderId = order.TikTokOrderId, TikTokErrorCode = result.Error?.Code, TikTokRequestId = result.Error?.RequestId };
        switch (result.Outcome)
        {
            case PackagePushOutcome.Pushed:
                var corrected = package.NeedsTrackingCorrection;
                package.PushState = ShipmentPushState.Pushed;
                package.PushedTrackingNumber = package.TrackingNumber;
                package.PushedCarrier = package.Carrier;
                package.PushedAtUtc = now;
                package.FailureReason = null;
                item.Outcome = ProcessingItemOutcome.Pushed;
                item.Message = (corrected ? "伝票番号を訂正: " : "送信: ") + ShippingEntry.Describe(package);
                order.RecordHistory(OrderHistoryKind.ShippingPushed, "TikTok Shop へ" + item.Message, now);
                break;
            case PackagePushOutcome.Failed:
                package.PushState = ShipmentPushState.Failed;
                package.FailureReason = Truncate(result.Reason, 1000);
                item.Outcome = ProcessingItemOutcome.Failed;
                item.Message = result.Reason;
                order.RecordHistory(OrderHistoryKind.ShippingPushFailed, "TikTok Shop への送信失敗: " + result.Reason, now);
                break;
            case PackagePushOutcome.OutcomeUnknown:
                package.PushState = ShipmentPushState.OutcomeUnknown;
                package.FailureReason = Truncate(result.Reason, 1000);
                item.Outcome = ProcessingItemOutcome.Skipped;
                item.Message = result.Reason;
                break;
            default:
                package.PushState = result.Unknown ? ShipmentPushState.OutcomeUnknown : ShipmentPushState.Pending;
                package.FailureReason = Truncate(result.Reason, 1000);
                item.Outcome = ProcessingItemOutcome.Skipped;
                item.Message = result.Reason;
                break;
        }

        package.PushStartedAtUtc = null;
        package.Touch(now);
        db.ProcessingLogItems.Add(item);
        // The order row is not touched here: the package, its attempts and the history rows are saved on their own, so an
        // operator saving the order's 備考 at this moment cannot make TikTok's answer go unrecorded.
        await db.SaveChangesAsync(cancellationToken);
        await RefreshOrderAsync(order.Id, result.Outcome == PackagePushOutcome.Pushed, now, cancellationToken);
    }

    /// <summary>Order summary and 発送情報更新後の受注ステータス, retried on a concurrent change of the order row.</summary>
    private async Task RefreshOrderAsync(long orderId, bool pushedNow, DateTime now, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var order = await db.Orders.Include(o => o.Packages).SingleAsync(o => o.Id == orderId, cancellationToken);
            ShippingSummary.Apply(order);
            if (pushedNow && order.Packages.All(p => p.PushState == ShipmentPushState.Pushed))
            {
                await MoveAfterPushAsync(order, now, cancellationToken);
            }

            order.Touch(now);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 5)
            {
                // Someone else changed the order meanwhile; read it again and reapply.
            }
        }
    }

    /// <summary>発送情報更新後の受注ステータス (connection setting; null leaves the order where it is).</summary>
    private async Task MoveAfterPushAsync(Order order, DateTime now, CancellationToken cancellationToken)
    {
        var target = await db.MallConnections.Where(c => c.Id == order.MallConnectionId).Select(c => c.StatusAfterPush).SingleAsync(cancellationToken);
        if (target is { } status && order.GoqStatus != status && order.GoqStatus != GoqOrderStatus.Cancelled)
        {
            order.RecordHistory(OrderHistoryKind.GoqStatusMoved, $"{order.GoqStatus.JapaneseName()} → {status.JapaneseName()}（発送情報更新後）", now);
            order.GoqStatus = status;
        }
    }

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

    private static string? Truncate(string? text, int length) => text is null || text.Length <= length ? text : text[..length];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Push of package {PackageId} stopped mid-way ({Cause}); left as outcome unknown for a read-back")]
    private static partial void LogLeftOutcomeUnknown(ILogger logger, long packageId, string cause);

    [LoggerMessage(Level = LogLevel.Error, Message = "Push of package {PackageId} stopped mid-way and could not be marked outcome unknown; it stays claimed until the stale-claim sweep")]
    private static partial void LogLeaveFailed(ILogger logger, Exception exception, long packageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shipping push for order {TikTokOrderId} failed: {Code} {ErrorMessage} (request {RequestId}, {Classification})")]
    private static partial void LogPushFailed(ILogger logger, string tikTokOrderId, int? code, string? errorMessage, string? requestId, TikTokShopErrorClassification classification);
}
