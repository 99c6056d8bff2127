using System.Text.Json.Serialization;
using GoQ.TikTokSync.TikTokShop.Json;

namespace GoQ.TikTokSync.TikTokShop.Models;

/// <summary>
/// Order status (<c>status</c>, <c>order_status</c>) and line-item <c>display_status</c> (docs/tiktok-shop-api.md#order-statuses).
/// Open: a value TikTok adds later is kept as is instead of failing the whole order.
/// </summary>
[JsonConverter(typeof(TikTokStringValueJsonConverter<TikTokOrderStatus>))]
public readonly record struct TikTokOrderStatus(string Value) : ITikTokStringValue<TikTokOrderStatus>
{
    public static readonly TikTokOrderStatus Unpaid = new("UNPAID");
    public static readonly TikTokOrderStatus OnHold = new("ON_HOLD");
    public static readonly TikTokOrderStatus AwaitingShipment = new("AWAITING_SHIPMENT");
    public static readonly TikTokOrderStatus PartiallyShipping = new("PARTIALLY_SHIPPING");
    public static readonly TikTokOrderStatus AwaitingCollection = new("AWAITING_COLLECTION");
    public static readonly TikTokOrderStatus InTransit = new("IN_TRANSIT");
    public static readonly TikTokOrderStatus Delivered = new("DELIVERED");
    public static readonly TikTokOrderStatus Completed = new("COMPLETED");
    public static readonly TikTokOrderStatus Cancelled = new("CANCELLED");

    public static IReadOnlyList<TikTokOrderStatus> KnownValues { get; } =
        [Unpaid, OnHold, AwaitingShipment, PartiallyShipping, AwaitingCollection, InTransit, Delivered, Completed, Cancelled];

    public string Value { get; } = Value ?? string.Empty;

    public bool IsKnown => KnownValues.Contains(this);

    public static TikTokOrderStatus FromValue(string value) => new(value);

    public override string ToString() => Value;
}

/// <summary>Package status on packages and line items (<c>package_status</c>).</summary>
[JsonConverter(typeof(TikTokStringValueJsonConverter<TikTokPackageStatus>))]
public readonly record struct TikTokPackageStatus(string Value) : ITikTokStringValue<TikTokPackageStatus>
{
    public static readonly TikTokPackageStatus ToFulfill = new("TO_FULFILL");
    public static readonly TikTokPackageStatus Processing = new("PROCESSING");
    public static readonly TikTokPackageStatus Fulfilling = new("FULFILLING");
    public static readonly TikTokPackageStatus Completed = new("COMPLETED");
    public static readonly TikTokPackageStatus Cancelled = new("CANCELLED");

    public static IReadOnlyList<TikTokPackageStatus> KnownValues { get; } = [ToFulfill, Processing, Fulfilling, Completed, Cancelled];

    public string Value { get; } = Value ?? string.Empty;

    public bool IsKnown => KnownValues.Contains(this);

    public static TikTokPackageStatus FromValue(string value) => new(value);

    public override string ToString() => Value;
}
