using GoQ.TikTokSync.TikTokShop.Emulator.Orders;

namespace GoQ.TikTokSync.TikTokShop.Emulator;

/// <summary>An order as the control surface lists it.</summary>
public sealed record EmulatorOrderSummary(
    string OrderId,
    string ShopId,
    string Status,
    DateTimeOffset CreateTime,
    DateTimeOffset UpdateTime,
    int LineItemCount,
    bool IsBuyerRequestCancel,
    string DeliveryOptionId,
    string? CancellationInitiator);

/// <summary>One package created by Mark Package As Shipped, with what the seller sent.</summary>
public sealed record ShippedPackage(
    string PackageId,
    string TrackingNumber,
    string ShippingProviderId,
    string ShippingProviderName,
    IReadOnlyList<string> LineItemIds,
    DateTimeOffset RtsTime);

/// <summary>
/// What a seller pushed for one order: the packages, and how often the fulfilment endpoints were called
/// (successful calls, and all attempts including refused ones).
/// </summary>
public sealed record ShippedOrder(
    string OrderId,
    string ShopId,
    string Status,
    string? TrackingNumber,
    string? ShippingProviderId,
    DateTimeOffset? RtsTime,
    IReadOnlyList<ShippedPackage> Packages,
    int ShipCallCount,
    int ShipAttemptCount,
    int UpdateShippingInfoCallCount,
    int UpdateShippingInfoAttemptCount);

/// <summary>Fault injection on the Open API and token endpoints. Rates are 0–1; everything defaults to off.</summary>
public sealed record FaultSettings
{
    public static readonly FaultSettings None = new();

    /// <summary>Share of calls answered with HTTP 503 (a gateway overload, not a rate limit: md §4.3).</summary>
    public double ServerErrorRate { get; init; }

    /// <summary>Share of calls answered with code 36009003 "Internal error" (HTTP 200).</summary>
    public double InternalErrorRate { get; init; }

    /// <summary>Added to every call before it is answered.</summary>
    public TimeSpan AddedLatency { get; init; }

    /// <summary>The next N calls get HTTP 429 / 36009002, whatever the real rate.</summary>
    public int RateLimitBurst { get; init; }
}

/// <summary>Parameters of an order created on demand.</summary>
public sealed record NewOrderRequest
{
    /// <summary>UNPAID, ON_HOLD or AWAITING_SHIPMENT. ON_HOLD always moves on after the hold window, as on TikTok.</summary>
    public string Status { get; init; } = OrderStatuses.AwaitingShipment;

    /// <summary>Different SKUs in the order (1–5); random when null.</summary>
    public int? DistinctSkus { get; init; }

    /// <summary>Units of each SKU; each unit is its own line item. Random when null.</summary>
    public int? UnitsPerSku { get; init; }

    /// <summary>The order's delivery option; the standard one when null.</summary>
    public string? DeliveryOptionId { get; init; }

    /// <summary>For an UNPAID order: the buyer pays after this long. Null: the buyer never pays (the system cancels later).</summary>
    public TimeSpan? PaysAfter { get; init; }
}

/// <summary>One webhook POST the emulator made, for read-back in tests and the demo.</summary>
public sealed record WebhookDeliveryAttempt(
    string NotificationId,
    string EventType,
    string ShopId,
    Uri Address,
    int Attempt,
    int? StatusCode,
    string? Failure,
    DateTimeOffset AttemptedAt,
    string Body,
    string Signature);
