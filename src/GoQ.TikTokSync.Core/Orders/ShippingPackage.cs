
namespace GoQ.TikTokSync.Core.Orders;

/// <summary>
/// One parcel of an order as the operator enters it: carrier, tracking number (stored bare), 出荷日 and the order lines
/// inside it. It is pushed to TikTok with Mark Package As Shipped exactly once; <see cref="PushState"/> and the
/// concurrency token <see cref="Version"/> make sure two runs (manual and automatic, or two nodes) never both push it.
/// </summary>
public class ShippingPackage
{
    public long Id { get; set; }

    public long OrderId { get; set; }

    public Carrier Carrier { get; set; }

    /// <summary>Digits only; null while only the ship date has been entered (bulk 出荷日 entry).</summary>
    public string? TrackingNumber { get; set; }

    /// <summary>出荷日 as a JST calendar date. TikTok has no ship-date field: it records the push time (docs/tiktok-shop-api.md#mark-package-as-shipped).</summary>
    public DateOnly? ShipDate { get; set; }

    /// <summary>TikTok line item ids in this parcel, comma separated; chosen at entry (default: every line not in another package).</summary>
    public string LineItemIds { get; set; } = string.Empty;

    public ShipmentPushState PushState { get; set; } = ShipmentPushState.Pending;

    /// <summary>When the current push claimed the package; a claim far older than any call is a crashed run.</summary>
    public DateTime? PushStartedAtUtc { get; set; }

    /// <summary>Why the last push failed or was put off, in Japanese for the operator.</summary>
    public string? FailureReason { get; set; }

    public string? TikTokPackageId { get; set; }

    /// <summary>The tracking number TikTok has for this package; differs from <see cref="TrackingNumber"/> after an edit.</summary>
    public string? PushedTrackingNumber { get; set; }

    public Carrier? PushedCarrier { get; set; }

    public DateTime? PushedAtUtc { get; set; }

    /// <summary>Update Shipping Info calls that succeeded; Japan allows one per order (docs/tiktok-shop-api.md#correcting-tracking).</summary>
    public int TrackingCorrections { get; set; }

    public int Attempts { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    public Guid Version { get; set; } = Guid.NewGuid();

    /// <summary>Marks the package changed, so a push or an edit that read it before cannot overwrite this change.</summary>
    public void Touch(DateTime nowUtc)
    {
        UpdatedAtUtc = nowUtc;
        Version = Guid.NewGuid();
    }

    public IReadOnlyList<string> LineItemIdList =>
        LineItemIds.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Pushed, and then the operator changed the number: the next push is an Update Shipping Info.</summary>
    public bool NeedsTrackingCorrection =>
        PushedTrackingNumber is not null && TrackingNumber is not null
        && !string.Equals(PushedTrackingNumber, TrackingNumber, StringComparison.Ordinal);

    // The package's push life cycle. The claim (Pending → Pushing) is a conditional UPDATE on the concurrency token and
    // stays SQL; these methods settle a claimed package, or an operator's entry, on the tracked entity.

    public const int FailureReasonMaxLength = 1000;

    /// <summary>
    /// Takes what the operator entered (already checked). A failed package, or a pushed one whose number now differs from
    /// TikTok's, goes back in line: the operator's save is the 再送信 request.
    /// </summary>
    public void ApplyEntry(Carrier carrier, string? trackingNumber, DateOnly? shipDate, IEnumerable<string> lineItemIds, DateTime nowUtc)
    {
        Carrier = carrier;
        TrackingNumber = trackingNumber ?? TrackingNumber;
        ShipDate = shipDate;
        LineItemIds = string.Join(',', lineItemIds);
        if (PushState == ShipmentPushState.Failed || (PushState == ShipmentPushState.Pushed && NeedsTrackingCorrection))
        {
            PushState = ShipmentPushState.Pending;
            FailureReason = null;
        }

        Touch(nowUtc);
    }

    /// <summary>TikTok accepted an Update Shipping Info; Japan allows one per order.</summary>
    public void CountTrackingCorrection() => TrackingCorrections++;

    /// <summary>TikTok has this package with our number and carrier. Returns whether the push was a tracking correction.</summary>
    public bool MarkPushed(DateTime nowUtc)
    {
        var corrected = NeedsTrackingCorrection;
        PushedTrackingNumber = TrackingNumber;
        PushedCarrier = Carrier;
        PushedAtUtc = nowUtc;
        Settle(ShipmentPushState.Pushed, null, nowUtc);
        return corrected;
    }

    /// <summary>TikTok refused it: nothing is sent again until the operator fixes the entry or asks for 再送信.</summary>
    public void MarkFailed(string? reason, DateTime nowUtc) => Settle(ShipmentPushState.Failed, reason, nowUtc);

    /// <summary>結果確認中: a call may have reached TikTok; the next push reads the order back before it may send.</summary>
    public void MarkOutcomeUnknown(string? reason, DateTime nowUtc) => Settle(ShipmentPushState.OutcomeUnknown, reason, nowUtc);

    /// <summary>Nothing reached TikTok (transient error, mapping missing, not eligible after a read-back): a later run tries again.</summary>
    public void PutOff(string? reason, DateTime nowUtc) => Settle(ShipmentPushState.Pending, reason, nowUtc);

    private void Settle(ShipmentPushState state, string? reason, DateTime nowUtc)
    {
        PushState = state;
        FailureReason = reason is null || reason.Length <= FailureReasonMaxLength ? reason : reason[..FailureReasonMaxLength];
        PushStartedAtUtc = null;
        Touch(nowUtc);
    }
}

/// <summary>One call (or read-back) made to push a package, kept per order: time, tracking, result and TikTok's answer.</summary>
public class ShippingPushAttempt
{
    public long Id { get; set; }

    public long OrderId { get; set; }

    public long? ShippingPackageId { get; set; }

    public long? ProcessingLogEntryId { get; set; }

    public DateTime AtUtc { get; set; }

    public ShippingPushCall Call { get; set; }

    public string? TrackingNumber { get; set; }

    public ShippingPushResult Result { get; set; }

    /// <summary>Japanese summary for the order page (例: 送信成功, 結果不明のため照会).</summary>
    public string? Detail { get; set; }

    public long? TikTokErrorCode { get; set; }

    public string? TikTokMessage { get; set; }

    public string? TikTokRequestId { get; set; }
}

public enum ShippingPushCall
{
    MarkPackageAsShipped,
    UpdateShippingInfo,
    ReadBack,
}

public enum ShippingPushResult
{
    Success,
    Failed,
    OutcomeUnknown,
    ConfirmedByReadBack,
    NotShippedOnTikTok,
}
