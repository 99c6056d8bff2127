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

/// <summary>
/// The emulator's own record of Mark Package As Shipped calls, to prove that every package was shipped exactly once
/// however often callers retried. The totals come first; <see cref="PackagesAppliedMoreThanOnce"/> is the
/// "shipped twice" count. A ship call for an already shipped package is refused (21011006 / 21008099) as TikTok does, so it
/// can never change the package's tracking number; it shows up in <see cref="RejectedAlreadyShipped"/> instead.
/// </summary>
public sealed record ShipCallRecord
{
    public int Calls => Orders.Sum(o => o.Calls);

    public int Applied => Orders.Sum(o => o.Applied);

    public int RejectedAlreadyShipped => Orders.Sum(o => o.RejectedAlreadyShipped);

    public int Rejected => Orders.Sum(o => o.Rejected);

    public int Faulted => Orders.Sum(o => o.Faulted);

    public int ResponseLost => Orders.Sum(o => o.ResponseLost);

    public int PackagesApplied => Packages.Count(p => p.Applied > 0);

    public int PackagesAppliedMoreThanOnce => Packages.Count(p => p.Applied > 1);

    /// <summary>Every order that received a ship call, by order id.</summary>
    public required IReadOnlyList<OrderShipCalls> Orders { get; init; }

    /// <summary>Every package the ship calls created, by order id and package id.</summary>
    public required IReadOnlyList<PackageShipCalls> Packages { get; init; }
}

/// <summary>
/// The Mark Package As Shipped calls for one order (the endpoint's path names the order). <paramref name="Calls"/> =
/// applied + rejected as already shipped + rejected for any other reason (credentials, body, on hold, tracking…) +
/// faulted (an injected 5xx, 36009003 or 429, or the rate limit: never applied). <paramref name="ResponseLost"/> counts
/// applied calls whose answer was cut, and is part of <paramref name="Applied"/>.
/// </summary>
public sealed record OrderShipCalls(
    string OrderId,
    string ShopId,
    int Calls,
    int Applied,
    int RejectedAlreadyShipped,
    int Rejected,
    int Faulted,
    int ResponseLost);

/// <summary>
/// One package created by a ship call. <paramref name="Applied"/> is the number of ship calls that shipped its line items
/// (1; more would be a double shipment). <paramref name="RejectedAlreadyShipped"/> counts later ship calls naming its lines
/// (or the whole order) that were refused as already shipped, <paramref name="RejectedWithOtherTrackingNumber"/> those of
/// them that carried another tracking number than the package's. <paramref name="TrackingNumber"/> and
/// <paramref name="ShippingProviderId"/> are the ones the ship call applied; <paramref name="TrackingUpdates"/> counts later
/// corrections by Update Shipping Info.
/// </summary>
public sealed record PackageShipCalls(
    string PackageId,
    string OrderId,
    string ShopId,
    IReadOnlyList<string> LineItemIds,
    string TrackingNumber,
    string ShippingProviderId,
    DateTimeOffset ShippedAt,
    int Applied,
    int RejectedAlreadyShipped,
    int RejectedWithOtherTrackingNumber,
    bool ResponseLost,
    int TrackingUpdates)
{
    /// <summary>Ship calls that concerned this package once its lines were known: the applied ones and the refused repeats.</summary>
    public int Calls => Applied + RejectedAlreadyShipped;
}

/// <summary>Fault injection on the Open API and token endpoints. Rates are 0–1; everything defaults to off.</summary>
public sealed record FaultSettings
{
    public static readonly FaultSettings None = new();

    /// <summary>Share of calls answered with HTTP 503 (a gateway overload, not a rate limit: docs/tiktok-shop-api.md#rate-limits).</summary>
    public double ServerErrorRate { get; init; }

    /// <summary>Share of calls answered with code 36009003 "Internal error" (HTTP 200).</summary>
    public double InternalErrorRate { get; init; }

    /// <summary>Added to every call before it is answered.</summary>
    public TimeSpan AddedLatency { get; init; }

    /// <summary>The next N calls get HTTP 429 / 36009002, whatever the real rate.</summary>
    public int RateLimitBurst { get; init; }

    /// <summary>Share of calls (faulted or not) whose answer is held back for <see cref="LatencySpike"/>, on top of
    /// <see cref="AddedLatency"/>. The hold comes after the call was processed, so a write whose caller gives up during
    /// the spike is applied all the same, as with a slow real answer.</summary>
    public double LatencySpikeRate { get; init; }

    public TimeSpan LatencySpike { get; init; }

    /// <summary>
    /// Share of applied Mark Package As Shipped calls whose answer is lost: the package is shipped with the call's tracking
    /// number, then the connection is cut without an answer, so the client sees a network error and cannot know the
    /// outcome. Refused calls are answered normally.
    /// </summary>
    public double ShipResponseLostRate { get; init; }

    /// <summary>Refuses settings no run could mean (a rate outside 0–1, a negative duration or burst).</summary>
    internal void Validate()
    {
        CheckRate(ServerErrorRate, nameof(ServerErrorRate));
        CheckRate(InternalErrorRate, nameof(InternalErrorRate));
        CheckRate(LatencySpikeRate, nameof(LatencySpikeRate));
        CheckRate(ShipResponseLostRate, nameof(ShipResponseLostRate));
        if (AddedLatency < TimeSpan.Zero || LatencySpike < TimeSpan.Zero || RateLimitBurst < 0)
        {
            throw new ArgumentException("Latencies and the rate-limit burst cannot be negative.");
        }
    }

    private static void CheckRate(double rate, string name)
    {
        if (double.IsNaN(rate) || rate is < 0 or > 1)
        {
            throw new ArgumentException($"{name} is a share of calls between 0 and 1, not {rate}.");
        }
    }
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
