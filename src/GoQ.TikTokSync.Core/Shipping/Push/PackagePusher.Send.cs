using System.Globalization;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Malls.Authorize;
using GoQ.TikTokSync.Core.Malls.MapCarriers;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.Time;
using GoQ.TikTokSync.TikTokShop;
using GoQ.TikTokSync.TikTokShop.Errors;
using GoQ.TikTokSync.TikTokShop.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace GoQ.TikTokSync.Core.Shipping.Push;

// The calls to TikTok (Mark Package As Shipped, Update Shipping Info, the read-back) and what their answers mean.
public sealed partial class PackagePusher
{
    /// <summary>TikTok codes for an order cancelled or with a pending after-sale request (docs/tiktok-shop-api.md#mark-package-as-shipped, docs/tiktok-shop-api.md#ship-package).</summary>
    private static readonly HashSet<int> CancelledCodes = [21011041, 21011042, 21008044, 21011007];

    /// <summary>TikTok refusing a second tracking correction (docs/tiktok-shop-api.md#correcting-tracking).</summary>
    private static readonly HashSet<int> CorrectionLimitCodes = [21011049, 21011050, 21011051, 21011052];

    private async Task<Result> SendAsync(Order order, Order snapshot, ShippingPackage package, long logEntryId, TikTokShopContext shop, bool readBackFirst, CancellationToken cancellationToken)
    {
        var tracking = package.TrackingNumber!;
        // A line cancelled on TikTok is never named: TikTok ships the order's remaining lines without it.
        var cancelledLines = snapshot.Lines.Where(l => l.IsCancelled).Select(l => l.TikTokLineItemId).ToHashSet(StringComparer.Ordinal);
        var lineIds = package.LineItemIdList.Where(id => !cancelledLines.Contains(id)).ToList();
        var parcelLines = lineIds.Count == 0 ? snapshot.Lines.Where(l => !l.IsCancelled).Select(l => l.TikTokLineItemId).ToList() : lineIds;
        // What TikTok showed for this parcel before sending: the packages it already has with our tracking are not sent again.
        ReadBackResult? shownBefore = null;
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

            shownBefore = before;
            // TikTok does not have it (or only some of its packages): from here on it is an ordinary 未送信 package, held to
            // the same rules as any other.
            if (ExportEligibility.OrderExclusionReason(snapshot, package, JapanTime.Today(time), providerMapped: true) is { } excluded)
            {
                return new Result(PackagePushOutcome.Deferred, $"照会の結果、TikTok Shop では未発送でした。送信対象外のため送信していません（{excluded}）。");
            }
        }
        else if (!package.NeedsTrackingCorrection && await AnsweredBeforeAsync(snapshot, package, lineIds, cancellationToken))
        {
            // An earlier run shipped some of the parcel's TikTok packages and then failed on another: ask TikTok which
            // ones it has, so that only the rest is sent.
            var before = await ReadBackAsync(order, package, logEntryId, shop, cancellationToken);
            if (before.AuthorizationLost)
            {
                return new Result(PackagePushOutcome.AuthorizationLost, "再認証が必要です。照会できなかったため送信していません。", before.Error);
            }

            if (!before.Known)
            {
                return new Result(PackagePushOutcome.Deferred, ReadBackFailedReason, before.Error);
            }

            if (before.Confirmed)
            {
                return new Result(PackagePushOutcome.Pushed);
            }

            if (before.Cancelled)
            {
                return new Result(PackagePushOutcome.Failed, "TikTok側でキャンセルされた注文です。");
            }

            shownBefore = before;
        }

        if (lineIds.Count == 0 && package.LineItemIdList.Count > 0)
        {
            return new Result(PackagePushOutcome.Deferred, "この荷物の商品はすべてTikTok側でキャンセルされたため送信していません。");
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
        var tikTokPackages = TikTokPackageCalls.PackageIdsOf(snapshot.Lines, lineIds);
        var combinedWith = tikTokPackages.Count == 0 ? []
            : await db.OrderLines.Where(l => l.OrderId != order.Id && l.PackageId != null && tikTokPackages.Contains(l.PackageId))
                .Join(db.Orders.Where(o => o.MallConnectionId == order.MallConnectionId), l => l.OrderId, o => o.Id, (l, o) => new { o.Id, o.TikTokOrderId })
                .Distinct().ToListAsync(cancellationToken);
        if (!correction && combinedWith.Count > 0)
        {
            // TikTok combined these orders into one parcel: once one of them shipped it, the others are shipped with it and
            // are only read back, never sent again.
            var combinedIds = combinedWith.Select(c => c.Id).ToList();
            var shippedBy = await db.ShippingPackages.AsNoTracking()
                .Where(p => combinedIds.Contains(p.OrderId) && p.PushState == ShipmentPushState.Pushed && p.TikTokPackageId != null && tikTokPackages.Contains(p.TikTokPackageId))
                .Select(p => p.OrderId).FirstOrDefaultAsync(cancellationToken);
            if (shippedBy != 0)
            {
                var other = combinedWith.First(c => c.Id == shippedBy).TikTokOrderId;
                var viaOther = await ReadBackAsync(order, package, logEntryId, shop, cancellationToken);
                if (viaOther.AuthorizationLost)
                {
                    return new Result(PackagePushOutcome.AuthorizationLost, "再認証が必要です。照会できなかったため送信していません。", viaOther.Error);
                }

                if (!viaOther.Known)
                {
                    return new Result(PackagePushOutcome.Deferred, ReadBackFailedReason, viaOther.Error);
                }

                if (viaOther.Confirmed)
                {
                    Record(order, package, logEntryId, ShippingPushCall.ReadBack, ShippingPushResult.ConfirmedByReadBack, $"同梱の荷物として注文 {other} で送信済みです（送信は1回のみ）", null);
                    return new Result(PackagePushOutcome.Pushed);
                }

                return new Result(PackagePushOutcome.Failed, $"{CombinedLabel}の荷物は注文 {other} で送信済みですが、この注文の伝票番号と一致しません。同じ伝票番号を登録してください。");
            }
        }

        var calls = TikTokPackageCalls.ForParcel(snapshot.Lines, lineIds).ToList();
        if (!correction && shownBefore is not null && SkipShippedPackages(order, snapshot, package, logEntryId, parcelLines, shownBefore, provider.ShippingProviderId, ref calls) is { } settled)
        {
            return settled;
        }

        var remapped = false;
        for (var attempt = 0; ; attempt++)
        {
            TikTokShopApiException error;
            try
            {
                if (correction)
                {
                    // TikTok's own parcels (a split or a combination) are corrected one package at a time, once each in Japan.
                    var perPackage = snapshot.Packages.Count > 1 || combinedWith.Count > 0
                                     || snapshot.Lines.Select(l => l.PackageId).Where(id => !string.IsNullOrEmpty(id)).Distinct(StringComparer.Ordinal).Count() > 1;
                    var targets = tikTokPackages.Count > 0 ? tikTokPackages : package.TikTokPackageId is { } known ? [known] : [];
                    if (perPackage && targets.Count > 0)
                    {
                        foreach (var tikTokPackageId in targets)
                        {
                            await api.UpdatePackageShippingInfoAsync(shop, tikTokPackageId, new TikTokUpdateShippingInfoRequest(tracking, provider.ShippingProviderId), cancellationToken);
                        }
                    }
                    else
                    {
                        await api.UpdateShippingInfoAsync(shop, order.TikTokOrderId, new TikTokUpdateShippingInfoRequest(tracking, provider.ShippingProviderId), cancellationToken);
                    }

                    Record(order, package, logEntryId, ShippingPushCall.UpdateShippingInfo, ShippingPushResult.Success, "伝票番号を訂正", null);
                    package.CountTrackingCorrection();
                }
                else
                {
                    // Only a split order names its lines; otherwise TikTok ships every remaining item (docs/tiktok-shop-api.md#mark-package-as-shipped). A parcel over
                    // several of TikTok's packages is one call per package; the calls already answered are not repeated.
                    while (calls.Count > 0)
                    {
                        var shipped = await api.MarkPackageAsShippedAsync(shop, order.TikTokOrderId, new TikTokMarkPackageShippedRequest(tracking, provider.ShippingProviderId, calls[0]), cancellationToken);
                        package.TikTokPackageId ??= shipped.PackageId;
                        Record(order, package, logEntryId, ShippingPushCall.MarkPackageAsShipped, ShippingPushResult.Success, shipped.Warning?.Message is { } w ? "送信成功（警告: " + w + "）" : "送信成功", null);
                        calls.RemoveAt(0);
                    }
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

            if (!correction && error.Code is { } specifyCode && TikTokPackageCalls.SpecifyLinesCodes.Contains(specifyCode))
            {
                // TikTok cut the order into packages after we read it: read its packages back, re-map the lines, retry once.
                Record(order, package, logEntryId, ShippingPushCall.MarkPackageAsShipped, ShippingPushResult.Failed, "注文明細の指定が必要との応答: TikTok Shop の荷物を照会します", error);
                if (!remapped && await RemapLinesAsync(order, snapshot, package, logEntryId, shop, cancellationToken))
                {
                    remapped = true;
                    var sent = lineIds.Count == 0 ? snapshot.Lines.Where(l => !l.IsCancelled).Select(l => l.TikTokLineItemId).ToList() : lineIds.ToList();
                    var pending = calls.Where(c => c is not null).SelectMany(c => c!).ToHashSet(StringComparer.Ordinal);
                    var left = calls.Contains(null) ? sent : sent.Where(pending.Contains).ToList();
                    calls = TikTokPackageCalls.ForParcel(snapshot.Lines, left).ToList();
                    continue;
                }

                return new Result(PackagePushOutcome.Failed, SpecifyLinesReason(error), error);
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

                if (!correction && readBack.Known)
                {
                    // Some of the parcel's TikTok packages carry our tracking (shipped by this run's earlier calls, or by
                    // this very call whose answer was lost): they are done, and only the others are still to be sent.
                    var callsBefore = calls.Count;
                    var skipped = SkipShippedPackages(order, snapshot, package, logEntryId, parcelLines, readBack, provider.ShippingProviderId, ref calls);
                    if (skipped is { Outcome: PackagePushOutcome.Pushed })
                    {
                        return skipped;
                    }

                    if (skipped is null && !unknown && calls.Count < callsBefore)
                    {
                        // "Already shipped" meant a package we had shipped ourselves: go on with the remaining ones.
                        continue;
                    }
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
            if (CredentialProblems.HoldReason(error) is { } hold)
            {
                // Every other package would be refused the same way: stop the run, keep the package for after 再認証.
                await CredentialHold.HoldAsync(db, order.MallConnectionId, hold, time.GetUtcNow().UtcDateTime, cancellationToken);
                return new Result(PackagePushOutcome.AuthorizationLost, hold, error);
            }

            return error switch
            {
                { Classification: TikTokShopErrorClassification.ReauthorizationNeeded or TikTokShopErrorClassification.AccessTokenExpired } => new Result(PackagePushOutcome.AuthorizationLost, "再認証が必要です", error),
                { Classification: TikTokShopErrorClassification.Retryable } => new Result(PackagePushOutcome.Deferred, "一時的なエラーのため送信できませんでした。次回の書き出しで再送信します。", error),
                _ => new Result(PackagePushOutcome.Failed, Describe(error), error),
            };
        }
    }

    /// <summary>受注一覧/受注詳細's word for orders TikTok combined into one parcel.</summary>
    public const string CombinedLabel = "同梱";

    /// <summary>Why a parcel could not be shipped even after its lines were re-mapped onto TikTok's packages.</summary>
    public static string SpecifyLinesReason(TikTokShopApiException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var reason = error.Code == 21011036
            ? "同じ商品（SKU）を複数の荷物に分けて発送することは TikTok Shop で認められていません。同じ商品は1つの荷物にまとめて登録してください。"
            : "TikTok Shop で複数の荷物に分かれている注文のため、荷物ごとに発送する商品の指定が必要です。"
              + "受注詳細の発送情報で、TikTok Shop の荷物ごとに商品を分けて登録してください。";
        return reason + $"（{error.Code?.ToString(CultureInfo.InvariantCulture) ?? "-"}: {error.ApiMessage ?? error.Message}）";
    }

    /// <summary>Reads the order back and takes TikTok's line → package assignment (into the store too). False when unread.</summary>
    private async Task<bool> RemapLinesAsync(Order order, Order snapshot, ShippingPackage package, long logEntryId, TikTokShopContext shop, CancellationToken cancellationToken)
    {
        TikTokOrder? remote;
        try
        {
            remote = (await api.GetOrderDetailsAsync(shop, [order.TikTokOrderId], cancellationToken)).SingleOrDefault(o => o.Id == order.TikTokOrderId);
        }
        catch (Exception ex) when (ex is TikTokShopApiException or HttpRequestException or TikTokShopClientRateLimitException)
        {
            Record(order, package, logEntryId, ShippingPushCall.ReadBack, ShippingPushResult.OutcomeUnknown, "荷物の照会に失敗しました", ex as TikTokShopApiException);
            return false;
        }

        if (remote is null)
        {
            return false;
        }

        var packageOf = remote.LineItems.ToDictionary(l => l.Id, l => l.PackageId, StringComparer.Ordinal);
        var stored = await db.OrderLines.Where(l => l.OrderId == order.Id).ToListAsync(cancellationToken);
        foreach (var line in snapshot.Lines.Concat(stored))
        {
            if (packageOf.TryGetValue(line.TikTokLineItemId, out var tikTokPackage))
            {
                line.PackageId = tikTokPackage;
            }
        }

        var packages = remote.LineItems.Select(l => l.PackageId).Where(id => !string.IsNullOrEmpty(id)).Distinct(StringComparer.Ordinal).Count();
        Record(order, package, logEntryId, ShippingPushCall.ReadBack, ShippingPushResult.NotShippedOnTikTok, $"照会の結果、TikTok Shop の荷物は{packages}個です。荷物ごとに明細を指定して再送信します", null);
        return true;
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

    /// <summary>Drops the calls for the TikTok packages already shipped with this parcel's tracking number (recording each);
    /// a result when nothing is left to send (送信済み) or a line shows another tracking number, else null.</summary>
    private Result? SkipShippedPackages(Order order, Order snapshot, ShippingPackage package, long logEntryId, IReadOnlyList<string> parcelLines, ReadBackResult shown, string? providerId,
        ref List<IReadOnlyList<string>?> calls)
    {
        var progress = TikTokPackageCalls.ProgressOf(shown.Lines, parcelLines, package.TrackingNumber!, providerId);
        if (progress.ShippedOtherwise.Count > 0)
        {
            return new Result(PackagePushOutcome.Failed, "TikTok Shop 側では別の内容で発送済みです。TikTok Shop セラーセンターで確認してください。");
        }

        if (progress.ShippedWithOurTracking.Count == 0)
        {
            return null;
        }

        foreach (var tikTokPackage in progress.DonePackages)
        {
            Record(order, package, logEntryId, ShippingPushCall.ReadBack, ShippingPushResult.ConfirmedByReadBack, $"照会の結果、TikTok Shop の荷物 {tikTokPackage} はこの伝票番号で発送済みです（再送信しません）", null);
        }

        package.TikTokPackageId ??= progress.DonePackages.Count > 0 ? progress.DonePackages[0] : null;
        var remaining = parcelLines.Where(id => !progress.ShippedWithOurTracking.Contains(id)).ToList();
        if (remaining.Count == 0)
        {
            return new Result(PackagePushOutcome.Pushed);
        }

        calls = TikTokPackageCalls.ForParcel(snapshot.Lines, remaining).ToList();
        return null;
    }

    /// <summary>Whether an earlier ship call of this parcel, with its current tracking number, may have reached TikTok while
    /// the parcel covers several TikTok packages (only then can TikTok hold part of it).</summary>
    private Task<bool> AnsweredBeforeAsync(Order snapshot, ShippingPackage package, IReadOnlyList<string> lineIds, CancellationToken cancellationToken) =>
        TikTokPackageCalls.PackageIdsOf(snapshot.Lines, lineIds).Count < 2
            ? Task.FromResult(false)
            : db.ShippingPushAttempts.AnyAsync(
                a => a.ShippingPackageId == package.Id && a.Call == ShippingPushCall.MarkPackageAsShipped && a.TrackingNumber == package.TrackingNumber
                     && (a.Result == ShippingPushResult.Success || a.Result == ShippingPushResult.OutcomeUnknown), cancellationToken);

    private sealed record ReadBackResult(bool Known, bool Confirmed, bool Cancelled, bool AuthorizationLost = false, TikTokShopApiException? Error = null, IReadOnlyList<TikTokOrderLineItem>? RemoteLines = null)
    {
        public IReadOnlyList<TikTokOrderLineItem> Lines => RemoteLines ?? [];

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
        // A line cancelled on its own is never shipped: it does not count against the package being on TikTok.
        var lines = remote.LineItems.Where(l => (ours.Count == 0 || ours.Contains(l.Id)) && l.DisplayStatus != TikTokOrderStatus.Cancelled).ToList();
        var confirmed = lines.Count > 0 && lines.All(l => string.Equals(l.TrackingNumber, package.TrackingNumber, StringComparison.Ordinal));
        if (confirmed)
        {
            package.TikTokPackageId ??= lines.Select(l => l.PackageId).FirstOrDefault(id => !string.IsNullOrEmpty(id));
            Record(order, package, logEntryId, ShippingPushCall.ReadBack, ShippingPushResult.ConfirmedByReadBack, "照会の結果、送信済みを確認しました", null);
        }
        else
        {
            var partly = lines.Any(l => string.Equals(l.TrackingNumber, package.TrackingNumber, StringComparison.Ordinal));
            Record(order, package, logEntryId, ShippingPushCall.ReadBack, ShippingPushResult.NotShippedOnTikTok,
                partly ? $"照会の結果、この伝票番号で発送済みなのは一部の荷物のみです（TikTok: {remote.Status?.Value}）" : $"照会の結果、この伝票番号では未発送です（TikTok: {remote.Status?.Value}）", null);
        }

        return new ReadBackResult(true, confirmed, remote.Status == TikTokOrderStatus.Cancelled, RemoteLines: remote.LineItems);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shipping push for order {TikTokOrderId} failed: {Code} {ErrorMessage} (request {RequestId}, {Classification})")]
    private static partial void LogPushFailed(ILogger logger, string tikTokOrderId, int? code, string? errorMessage, string? requestId, TikTokShopErrorClassification classification);
}
