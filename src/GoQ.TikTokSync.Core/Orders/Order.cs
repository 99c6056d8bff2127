using GoQ.TikTokSync.TikTokShop.Models;

namespace GoQ.TikTokSync.Core.Orders;

/// <summary>
/// A TikTok Shop order in the store. TikTok-owned fields are refreshed on every import; operator-owned fields
/// (GoQ status, shipping entry, notes) are never overwritten by an import.
/// </summary>
public class Order
{
    public long Id { get; set; }

    public int MallConnectionId { get; set; }

    public string TikTokOrderId { get; set; } = string.Empty;

    public TikTokOrderStatus TikTokStatus { get; set; } = new(string.Empty);

    public GoqOrderStatus GoqStatus { get; set; }

    public bool IsOnHold { get; set; }

    /// <summary>Set when TikTok reports CANCELLED after the order was imported; cleared from view once acknowledged.</summary>
    public bool IsCancelledOnTikTok { get; set; }

    public bool CancellationAcknowledged { get; set; }

    public string? CancelReason { get; set; }

    /// <summary>The buyer asked TikTok to cancel (is_buyer_request_cancel); the seller or TikTok has not decided yet.</summary>
    public bool IsBuyerCancelRequested { get; set; }

    /// <summary>
    /// 住所変更: TikTok changed the delivery address after a tracking number was entered and before it was sent. The package
    /// may have been labelled for the old address, so 自動書き出し holds it until an operator confirms on 受注詳細.
    /// </summary>
    public bool AddressChangeUnconfirmed { get; set; }

    public DateTime OrderedAtUtc { get; set; }

    public DateTime? PaidAtUtc { get; set; }

    public DateTime TikTokUpdatedAtUtc { get; set; }

    public DateTime? ShipByUtc { get; set; }

    public string? BuyerUserId { get; set; }

    public string? BuyerMessage { get; set; }

    public string? SellerNote { get; set; }

    public string? RecipientName { get; set; }

    public string? RecipientNameKana { get; set; }

    /// <summary>Seven digits, no hyphen; shown as 〒123-4567.</summary>
    public string? PostalCode { get; set; }

    public string? Prefecture { get; set; }

    public string? City { get; set; }

    public string? Town { get; set; }

    /// <summary>丁目・番地 (address_line1).</summary>
    public string? AddressLine { get; set; }

    /// <summary>Building and room (address_line2).</summary>
    public string? Building { get; set; }

    public string? FullAddress { get; set; }

    /// <summary>As TikTok sends it, e.g. (+81)08012345678; formatted for display.</summary>
    public string? PhoneNumber { get; set; }

    /// <summary>Domestic digits only (08012345678), so that a search matches whatever format the operator types; null when masked.</summary>
    public string? PhoneDigits { get; set; }

    /// <summary>TikTok's shipping_type: SELLER (the seller ships) or TIKTOK (TikTok's logistics ship; null for orders imported before it was kept).</summary>
    public string? ShippingType { get; set; }

    /// <summary>TikTok ships this order itself: nothing of ours (発送情報を更新, 送り状) applies to it.</summary>
    public bool IsShippedByTikTok => string.Equals(ShippingType, TikTokShippingType, StringComparison.OrdinalIgnoreCase);

    /// <summary>TikTok sent the phone number masked (TikTok-shipped orders): shown as sent, flagged on screens.</summary>
    public bool IsPhoneMasked => JapaneseAddress.IsMasked(PhoneNumber);

    public const string TikTokShippingType = "TIKTOK";

    /// <summary>Why a TikTok-shipped order is in no list of what we send or print (データ書出's 対象外, 送り状, 受注詳細).</summary>
    public const string ShippedByTikTokReason = "TikTok配送の注文のため対象外";

    public string Currency { get; set; } = "JPY";

    public decimal SubTotal { get; set; }

    public decimal ShippingFee { get; set; }

    public decimal SellerDiscount { get; set; }

    public decimal PlatformDiscount { get; set; }

    public decimal TotalAmount { get; set; }

    public string? DeliveryOptionId { get; set; }

    public string? WarehouseId { get; set; }

    // The shipping fields below summarise the order's packages (the most recently entered one, and the state that
    // needs the operator most) so that the list, search and CSV matching read one row; the packages are the truth.
    public Carrier? Carrier { get; set; }

    public string? TrackingNumber { get; set; }

    /// <summary>出荷日 as a JST calendar date.</summary>
    public DateOnly? ShipDate { get; set; }

    public ShipmentPushState ShipmentPushState { get; set; } = ShipmentPushState.NotReady;

    public string? PushedTrackingNumber { get; set; }

    public DateTime? PushedAtUtc { get; set; }

    public List<ShippingPackage> Packages { get; set; } = [];

    public List<ShippingPushAttempt> PushAttempts { get; set; } = [];

    /// <summary>備考: the operator's own notes.</summary>
    public string? OperatorNote { get; set; }

    public DateTime ImportedAtUtc { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    public Guid Version { get; set; } = Guid.NewGuid();

    public List<OrderLine> Lines { get; set; } = [];

    public List<OrderHistoryEntry> History { get; set; } = [];

    /// <summary>
    /// A new order from TikTok, its TikTok fields already set, lands in <paramref name="targetStatus"/> (受注格納先ステータス);
    /// one TikTok has cancelled already goes straight to キャンセル with nothing left for the operator to acknowledge.
    /// </summary>
    public void ReceiveFromTikTok(GoqOrderStatus targetStatus, DateTime nowUtc)
    {
        GoqStatus = targetStatus;
        if (TikTokStatus == TikTokOrderStatus.Cancelled)
        {
            GoqStatus = GoqOrderStatus.Cancelled;
            IsCancelledOnTikTok = true;
            CancellationAcknowledged = true;
        }

        RecordHistory(OrderHistoryKind.Imported, $"TikTok Shop から取込 ({TikTokStatusLabels.Label(TikTokStatus)})", nowUtc);
    }

    /// <summary>
    /// Records that TikTok moved the order from <paramref name="previousTikTokStatus"/> to <see cref="TikTokStatus"/> (already
    /// refreshed). A first cancellation on TikTok's side overrides the operator's status: the order moves to キャンセル and
    /// waits for the operator to acknowledge it. Returns the history text, or null when the status did not change.
    /// </summary>
    public string? RecordTikTokStatusChange(TikTokOrderStatus previousTikTokStatus, DateTime nowUtc)
    {
        if (previousTikTokStatus == TikTokStatus)
        {
            return null;
        }

        if (TikTokStatus == TikTokOrderStatus.Cancelled && !IsCancelledOnTikTok)
        {
            var before = GoqStatus;
            IsCancelledOnTikTok = true;
            CancellationAcknowledged = false;
            GoqStatus = GoqOrderStatus.Cancelled;
            var cancelled = $"TikTok側でキャンセル（移動前のステータス: {before.JapaneseName()}）";
            RecordHistory(OrderHistoryKind.CancelledOnTikTok, cancelled, nowUtc);
            return cancelled;
        }

        // Operators read this in 自動処理ログ and the order's history: TikTok's codes in Japanese.
        var changed = $"TikTokステータス: {TikTokStatusLabels.Label(previousTikTokStatus)} → {TikTokStatusLabels.Label(TikTokStatus)}";
        RecordHistory(OrderHistoryKind.TikTokStatusChanged, changed, nowUtc);
        return changed;
    }

    /// <summary>Some lines cancelled on TikTok while the order itself goes on (一部キャンセル).</summary>
    public bool IsPartlyCancelled => TikTokStatus != TikTokOrderStatus.Cancelled && Lines.Any(l => l.IsCancelled);

    /// <summary>
    /// TikTok changed the delivery address of an order already imported (address fields already refreshed). When a tracking
    /// number was entered and not yet sent, the entry is held for the operator (<see cref="AddressChangeUnconfirmed"/>).
    /// </summary>
    public void RecordRecipientAddressChange(DateTime nowUtc)
    {
        var trackingWaiting = TrackingNumber is not null
            && ShipmentPushState is ShipmentPushState.Pending or ShipmentPushState.Failed;
        if (trackingWaiting)
        {
            AddressChangeUnconfirmed = true;
        }

        RecordHistory(
            OrderHistoryKind.ChangedOnTikTok,
            trackingWaiting ? "TikTok側で配送先住所が変更されました（伝票番号の入力後。確認するまで自動書き出しの対象外）" : "TikTok側で配送先住所が変更されました",
            nowUtc);
    }

    /// <summary>The operator checked the entry against the new address (受注詳細); the order may be pushed again. False when there was nothing to confirm.</summary>
    public bool ConfirmAddressChange(DateTime nowUtc, string userName)
    {
        if (!AddressChangeUnconfirmed)
        {
            return false;
        }

        AddressChangeUnconfirmed = false;
        RecordHistory(OrderHistoryKind.AddressChangeConfirmed, "住所変更を確認しました", nowUtc, userName);
        Touch(nowUtc);
        return true;
    }

    /// <summary>
    /// Marks the order changed: every writer that read the previous <see cref="Version"/> (an operator's form, another node)
    /// now gets a concurrency conflict instead of overwriting this change.
    /// </summary>
    public void Touch(DateTime nowUtc)
    {
        UpdatedAtUtc = nowUtc;
        Version = Guid.NewGuid();
    }

    /// <summary>A line of 受注詳細's 履歴; <paramref name="userName"/> is null for automatic changes.</summary>
    public void RecordHistory(OrderHistoryKind kind, string detail, DateTime atUtc, string? userName = null) =>
        History.Add(new OrderHistoryEntry
        {
            AtUtc = atUtc,
            Kind = kind,
            Detail = detail.Length <= OrderHistoryEntry.DetailMaxLength ? detail : detail[..OrderHistoryEntry.DetailMaxLength],
            UserName = userName,
        });

    /// <summary>
    /// Moves the GoQ status and says so in 履歴 (<c>A → B</c>, with <paramref name="note"/> in brackets when given).
    /// An order already in <paramref name="target"/> is left alone; returns whether it moved.
    /// </summary>
    public bool MoveTo(GoqOrderStatus target, DateTime nowUtc, string? userName, string? note = null)
    {
        if (GoqStatus == target)
        {
            return false;
        }

        var detail = $"{GoqStatus.JapaneseName()} → {target.JapaneseName()}";
        RecordHistory(OrderHistoryKind.GoqStatusMoved, note is null ? detail : $"{detail}（{note}）", nowUtc, userName);
        GoqStatus = target;
        Touch(nowUtc);
        return true;
    }

    /// <summary>
    /// Writes the shipping summary from the packages: the most recently entered one, the state that needs the operator
    /// most (失敗 before 結果確認中 before 送信中 before 未送信), and the latest push.
    /// </summary>
    public void SummarisePackages()
    {
        var latest = Packages.OrderByDescending(p => p.UpdatedAtUtc).ThenByDescending(p => p.Id).FirstOrDefault();
        Carrier = latest?.Carrier;
        TrackingNumber = latest?.TrackingNumber;
        ShipDate = latest?.ShipDate;
        ShipmentPushState = Packages.Count == 0 ? ShipmentPushState.NotReady
            : Packages.Any(p => p.PushState == ShipmentPushState.Failed) ? ShipmentPushState.Failed
            : Packages.Any(p => p.PushState == ShipmentPushState.OutcomeUnknown) ? ShipmentPushState.OutcomeUnknown
            : Packages.Any(p => p.PushState == ShipmentPushState.Pushing) ? ShipmentPushState.Pushing
            : Packages.Any(p => p.PushState == ShipmentPushState.Pending) ? ShipmentPushState.Pending
            : ShipmentPushState.Pushed;
        var pushed = Packages.Where(p => p.PushedAtUtc is not null).OrderByDescending(p => p.PushedAtUtc).FirstOrDefault();
        PushedTrackingNumber = pushed?.PushedTrackingNumber;
        PushedAtUtc = pushed?.PushedAtUtc;
    }
}

public enum ShipmentPushState
{
    /// <summary>Order summary only: no package entered yet.</summary>
    NotReady,
    Pending,
    Pushing,
    Pushed,
    Failed,

    /// <summary>
    /// 結果確認中: a call left for TikTok and no answer came back (timeout, 5xx, a run that died mid-call), and reading the
    /// order back did not settle it. Nothing is sent for the package until a read-back says whether TikTok has it.
    /// </summary>
    OutcomeUnknown,
}
