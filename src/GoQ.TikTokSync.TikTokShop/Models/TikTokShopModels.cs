using System.Text.Json.Serialization;
using GoQ.TikTokSync.TikTokShop.Json;

namespace GoQ.TikTokSync.TikTokShop.Models;

/// <summary>A shop the access token is authorized for (Get Authorized Shops).</summary>
public sealed record TikTokAuthorizedShop
{
    /// <summary>The shop id; webhooks call it <c>shop_id</c>.</summary>
    [JsonPropertyName("id")]
    public string Id { get; init; } = string.Empty;

    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>Market, e.g. <c>JP</c>.</summary>
    [JsonPropertyName("region")]
    public string? Region { get; init; }

    /// <summary><c>CROSS_BORDER</c> or <c>LOCAL</c>.</summary>
    [JsonPropertyName("seller_type")]
    public string? SellerType { get; init; }

    /// <summary>Opaque; passed as <c>shop_cipher</c> on every shop-scoped call.</summary>
    [JsonPropertyName("cipher")]
    public string Cipher { get; init; } = string.Empty;

    /// <summary>The shop code shown in Seller Center.</summary>
    [JsonPropertyName("code")]
    public string? Code { get; init; }
}

/// <summary>A carrier that may be used for a delivery option.</summary>
public sealed record TikTokShippingProvider
{
    [JsonPropertyName("id")]
    public string Id { get; init; } = string.Empty;

    [JsonPropertyName("name")]
    public string Name { get; init; } = string.Empty;
}

/// <summary>The outcome of Mark Package As Shipped.</summary>
public sealed record TikTokMarkPackageShippedResult
{
    [JsonPropertyName("order_id")]
    public string? OrderId { get; init; }

    [JsonPropertyName("order_line_item_ids")]
    [JsonConverter(typeof(NullAsEmptyListJsonConverter<string>))]
    public IReadOnlyList<string> OrderLineItemIds { get; init; } = [];

    [JsonPropertyName("package_id")]
    public string? PackageId { get; init; }

    /// <summary>Present on success with a caveat, e.g. "match more than one provider".</summary>
    [JsonPropertyName("warning")]
    public TikTokWarning? Warning { get; init; }
}

public sealed record TikTokWarning
{
    [JsonPropertyName("message")]
    public string? Message { get; init; }
}

/// <summary>A package as read back with Get Package Detail.</summary>
public sealed record TikTokPackageDetail
{
    [JsonPropertyName("package_id")]
    public string PackageId { get; init; } = string.Empty;

    [JsonPropertyName("package_status")]
    public TikTokPackageStatus? PackageStatus { get; init; }

    [JsonPropertyName("tracking_number")]
    public string? TrackingNumber { get; init; }

    [JsonPropertyName("shipping_provider_id")]
    public string? ShippingProviderId { get; init; }

    [JsonPropertyName("shipping_provider_name")]
    public string? ShippingProviderName { get; init; }

    [JsonPropertyName("delivery_option_id")]
    public string? DeliveryOptionId { get; init; }

    [JsonPropertyName("delivery_option_name")]
    public string? DeliveryOptionName { get; init; }

    [JsonPropertyName("shipping_type")]
    public string? ShippingType { get; init; }

    [JsonPropertyName("handover_method")]
    public string? HandoverMethod { get; init; }

    [JsonPropertyName("split_and_combine_tag")]
    public string? SplitAndCombineTag { get; init; }

    [JsonPropertyName("last_mile_tracking_number")]
    public string? LastMileTrackingNumber { get; init; }

    [JsonPropertyName("note_tag")]
    public string? NoteTag { get; init; }

    [JsonPropertyName("has_multi_skus")]
    public bool? HasMultiSkus { get; init; }

    [JsonPropertyName("order_line_item_ids")]
    [JsonConverter(typeof(NullAsEmptyListJsonConverter<string>))]
    public IReadOnlyList<string> OrderLineItemIds { get; init; } = [];

    [JsonPropertyName("orders")]
    [JsonConverter(typeof(NullAsEmptyListJsonConverter<TikTokPackageOrderReference>))]
    public IReadOnlyList<TikTokPackageOrderReference> Orders { get; init; } = [];

    [JsonPropertyName("recipient_address")]
    public TikTokRecipientAddress? RecipientAddress { get; init; }

    [JsonPropertyName("create_time")]
    [JsonConverter(typeof(UnixSecondsJsonConverter))]
    public DateTimeOffset? CreateTime { get; init; }

    [JsonPropertyName("update_time")]
    [JsonConverter(typeof(UnixSecondsJsonConverter))]
    public DateTimeOffset? UpdateTime { get; init; }
}

public sealed record TikTokPackageOrderReference
{
    [JsonPropertyName("id")]
    public string Id { get; init; } = string.Empty;
}

/// <summary>One page of order search; persist <see cref="NextPageToken"/> to resume after a crash.</summary>
public sealed record TikTokOrderSearchPage
{
    [JsonPropertyName("orders")]
    [JsonConverter(typeof(NullAsEmptyListJsonConverter<TikTokOrder>))]
    public IReadOnlyList<TikTokOrder> Orders { get; init; } = [];

    /// <summary>Opaque, may contain <c>+</c> and <c>/</c>; empty or null on the last page.</summary>
    [JsonPropertyName("next_page_token")]
    public string? NextPageToken { get; init; }

    [JsonPropertyName("total_count")]
    public long? TotalCount { get; init; }

    [JsonIgnore]
    public bool HasMorePages => !string.IsNullOrEmpty(NextPageToken);
}

/// <summary>Order search field to sort by. Always sent: the platform default differs between endpoints.</summary>
public enum TikTokOrderSortField
{
    UpdateTime = 0,
    CreateTime,
}

public enum TikTokSortOrder
{
    Ascending = 0,
    Descending,
}

/// <summary>
/// Filters and paging for order search. Time bounds are half-open: <c>From</c> inclusive (<c>_ge</c>),
/// <c>Before</c> exclusive (<c>_lt</c>).
/// </summary>
public sealed record TikTokOrderSearchRequest
{
    public const int MaxPageSize = 100;

    /// <summary>One status only; the API takes no list.</summary>
    public TikTokOrderStatus? Status { get; init; }

    public DateTimeOffset? CreateTimeFrom { get; init; }

    public DateTimeOffset? CreateTimeBefore { get; init; }

    /// <summary>
    /// Update times may exceed the requested window while data refreshes; overlap windows and dedupe by id and
    /// update time.
    /// </summary>
    public DateTimeOffset? UpdateTimeFrom { get; init; }

    public DateTimeOffset? UpdateTimeBefore { get; init; }

    /// <summary>1 to 100.</summary>
    public int PageSize { get; init; } = 50;

    public TikTokOrderSortField SortField { get; init; } = TikTokOrderSortField.UpdateTime;

    public TikTokSortOrder SortOrder { get; init; } = TikTokSortOrder.Ascending;
}

/// <param name="TrackingNumber">The carrier's tracking number.</param>
/// <param name="ShippingProviderId">From Get Shipping Providers for the order's delivery option.</param>
/// <param name="OrderLineItemIds">Null (or empty) ships every remaining item; a subset split-ships.</param>
public sealed record TikTokMarkPackageShippedRequest(
    string TrackingNumber,
    string ShippingProviderId,
    IReadOnlyList<string>? OrderLineItemIds = null);

/// <summary>Corrects tracking on an already shipped order. Japan allows one correction per order.</summary>
public sealed record TikTokUpdateShippingInfoRequest(string TrackingNumber, string ShippingProviderId);
