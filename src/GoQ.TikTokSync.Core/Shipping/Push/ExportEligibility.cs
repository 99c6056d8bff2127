using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Malls.MapCarriers;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.Time;
using GoQ.TikTokSync.TikTokShop.Errors;
using GoQ.TikTokSync.TikTokShop.Models;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Core.Shipping.Push;

/// <summary>One package on the データ書出 page: a candidate (Exclusion null) or excluded, with the reason the operator can act on.</summary>
public sealed record ExportRow(
    long PackageId,
    long OrderId,
    string TikTokOrderId,
    DateTime OrderedAtUtc,
    string? RecipientName,
    TikTokOrderStatus TikTokStatus,
    Carrier Carrier,
    string? TrackingNumber,
    DateOnly? ShipDate,
    ShipmentPushState PushState,
    bool IsCorrection,
    string? Exclusion);

public sealed record ExportList(IReadOnlyList<ExportRow> Candidates, IReadOnlyList<ExportRow> Excluded);

/// <summary>
/// Which packages [発送情報を更新] sends (manual: 出荷日入力済み + 伝票番号入力済み; TikTok側でキャンセルされた注文は書き出さない),
/// and why the others are not sent. The push re-checks the same rules on each package just before it claims it.
/// </summary>
public static class ExportEligibility
{
    public const string NotMapped = "配送業者の対応付けなし";

    public const string AddressChanged = "住所変更の確認待ち（受注詳細で確認してください）";

    public const string CancelRequested = "購入者がキャンセルを申請中";

    /// <summary>
    /// Null when the package is to be sent now. The hold is read from the status only: TikTok's is_on_hold_order (stored as
    /// Order.IsOnHold) says the order went through the hold flow and stays true after the hold ends (docs/tiktok-shop-api.md#order-statuses).
    /// A 結果確認中 package is always a candidate: the run reads it back from TikTok before anything else, and applies the
    /// rules below only if TikTok does not have it (its order may well look shipped here because it was).
    /// </summary>
    public static string? ExclusionReason(Order order, ShippingPackage package, DateOnly todayJst, bool providerMapped)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(package);
        return package.PushState switch
        {
            ShipmentPushState.Pushed when !package.NeedsTrackingCorrection => "送信済み",
            ShipmentPushState.Pushing => "送信中",
            ShipmentPushState.Failed => $"送信失敗: {package.FailureReason}（受注詳細から再送信できます）",
            ShipmentPushState.OutcomeUnknown => null,
            _ => OrderExclusionReason(order, package, todayJst, providerMapped),
        };
    }

    /// <summary>Why an unsent package (or a correction) of this order cannot be sent now; null when it can.</summary>
    public static string? OrderExclusionReason(Order order, ShippingPackage package, DateOnly todayJst, bool providerMapped)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(package);
        var correction = package.NeedsTrackingCorrection;
        return order.IsCancelledOnTikTok || order.TikTokStatus == TikTokOrderStatus.Cancelled ? "TikTok側でキャンセル"
            : order.IsShippedByTikTok ? Order.ShippedByTikTokReason
            : order.TikTokStatus == TikTokOrderStatus.Unpaid ? "未払い"
            : order.TikTokStatus == TikTokOrderStatus.OnHold ? "保留中"
            : !correction && order.IsBuyerCancelRequested ? CancelRequested
            : order.AddressChangeUnconfirmed ? AddressChanged
            : package.TrackingNumber is null ? "伝票番号未入力"
            : package.ShipDate is null ? "出荷日未入力"
            : package.ShipDate > todayJst ? "出荷日が未来"
            : !correction && order.TikTokStatus != TikTokOrderStatus.AwaitingShipment && order.TikTokStatus != TikTokOrderStatus.PartiallyShipping
                ? $"TikTok Shop のステータスが発送待ちではありません（{TikTokStatusLabels.Label(order.TikTokStatus)}）"
            : correction && (order.TikTokStatus == TikTokOrderStatus.Delivered || order.TikTokStatus == TikTokOrderStatus.Completed) ? "配達済みのため伝票番号を訂正できません"
            : !providerMapped ? NotMapped
            : null;
    }

    /// <summary>
    /// An order of the old flow (is_on_hold_order=false) reads AWAITING_SHIPMENT while its buyer may still cancel; it is
    /// not sent until <paramref name="wait"/> after payment has passed. Null when it may be sent; the reason names the
    /// time (JST) it clears.
    /// </summary>
    public static string? BuyerCancellationWaitReason(Order order, DateTime nowUtc, TimeSpan wait)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.IsOnHold || wait <= TimeSpan.Zero || order.PaidAtUtc is not { } paid || order.TikTokStatus != TikTokOrderStatus.AwaitingShipment)
        {
            return null;
        }

        var clears = paid + wait;
        return nowUtc < clears
            ? $"購入者がキャンセルできる時間内（{JapanTime.Format(clears)} 以降に送信対象）"
            : null;
    }

    /// <summary>Packages of orders created in [fromUtc, toUtc) of one connection, split into candidates and excluded ones.</summary>
    public static async Task<ExportList> ListAsync(TikTokSyncDbContext db, ShippingProviders providers, int mallConnectionId, DateTime? fromUtc, DateTime? toUtc, TimeProvider time, CancellationToken cancellationToken, TimeSpan? buyerCancellationWait = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var query = db.Orders.AsNoTracking().Where(o => o.MallConnectionId == mallConnectionId && o.Packages.Count > 0);
        if (fromUtc is { } from)
        {
            query = query.Where(o => o.OrderedAtUtc >= from);
        }

        if (toUtc is { } to)
        {
            query = query.Where(o => o.OrderedAtUtc < to);
        }

        var orders = await query
            .Include(o => o.Packages)
            .OrderBy(o => o.OrderedAtUtc).ThenBy(o => o.Id)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        return await ClassifyAsync(providers, orders, time, cancellationToken, buyerCancellationWait);
    }

    public static async Task<ExportList> ClassifyAsync(ShippingProviders providers, IReadOnlyList<Order> orders, TimeProvider time, CancellationToken cancellationToken, TimeSpan? buyerCancellationWait = null)
    {
        ArgumentNullException.ThrowIfNull(providers);
        ArgumentNullException.ThrowIfNull(orders);
        ArgumentNullException.ThrowIfNull(time);
        var today = JapanTime.Today(time);
        var nowUtc = time.GetUtcNow().UtcDateTime;
        var wait = buyerCancellationWait ?? ShippingPushOptions.OldFlowBuyerCancellationWindow;
        var mapped = new Dictionary<(int, string, Carrier), bool>();
        var candidates = new List<ExportRow>();
        var excluded = new List<ExportRow>();
        foreach (var order in orders)
        {
            foreach (var package in order.Packages.OrderBy(p => p.Id))
            {
                var isMapped = await IsMappedAsync(providers, mapped, order, package.Carrier, cancellationToken);
                var reason = ExclusionReason(order, package, today, isMapped);
                if (reason is null && package.PushState == ShipmentPushState.Pending)
                {
                    reason = BuyerCancellationWaitReason(order, nowUtc, wait);
                }

                var row = new ExportRow(package.Id, order.Id, order.TikTokOrderId, order.OrderedAtUtc, order.RecipientName, order.TikTokStatus,
                    package.Carrier, package.TrackingNumber, package.ShipDate, package.PushState, package.NeedsTrackingCorrection, reason);
                (reason is null ? candidates : excluded).Add(row);
            }
        }

        return new ExportList(candidates, excluded);
    }

    private static async Task<bool> IsMappedAsync(ShippingProviders providers, Dictionary<(int, string, Carrier), bool> cache, Order order, Carrier carrier, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(order.DeliveryOptionId))
        {
            return false;
        }

        var key = (order.MallConnectionId, order.DeliveryOptionId, carrier);
        if (!cache.TryGetValue(key, out var known))
        {
            try
            {
                known = await providers.ResolveAsync(order.MallConnectionId, order.DeliveryOptionId, carrier, cancellationToken) is not null;
            }
            catch (Exception ex) when (ex is TikTokShopApiException or HttpRequestException or InvalidOperationException or ReauthorizationRequiredException)
            {
                // TikTok cannot be asked right now; the push resolves it again and says so if it really is missing.
                known = true;
            }

            cache[key] = known;
        }

        return known;
    }
}
