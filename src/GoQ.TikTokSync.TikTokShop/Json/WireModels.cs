using System.Text.Json.Serialization;
using GoQ.TikTokSync.TikTokShop.Models;

namespace GoQ.TikTokSync.TikTokShop.Json;

/// <summary>The envelope around every Open API and token response; <c>code == 0</c> is success.</summary>
internal sealed record TikTokShopEnvelope<TData>
{
    /// <summary>Null when the body carried no code, which is never a success.</summary>
    [JsonPropertyName("code")]
    public int? Code { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }

    [JsonPropertyName("request_id")]
    public string? RequestId { get; init; }

    /// <summary>May be null on errors.</summary>
    [JsonPropertyName("data")]
    public TData? Data { get; init; }
}

/// <summary>A <c>data</c> object whose content the client does not use.</summary>
internal sealed record NoData;

internal sealed record AuthorizedShopsData
{
    [JsonPropertyName("shops")]
    [JsonConverter(typeof(NullAsEmptyListJsonConverter<TikTokAuthorizedShop>))]
    public IReadOnlyList<TikTokAuthorizedShop> Shops { get; init; } = [];
}

internal sealed record OrderDetailData
{
    [JsonPropertyName("orders")]
    [JsonConverter(typeof(NullAsEmptyListJsonConverter<TikTokOrder>))]
    public IReadOnlyList<TikTokOrder> Orders { get; init; } = [];
}

internal sealed record ShippingProvidersData
{
    [JsonPropertyName("shipping_providers")]
    [JsonConverter(typeof(NullAsEmptyListJsonConverter<TikTokShippingProvider>))]
    public IReadOnlyList<TikTokShippingProvider> ShippingProviders { get; init; } = [];
}

internal sealed record TokenData
{
    [JsonPropertyName("access_token")]
    public string? AccessToken { get; init; }

    /// <summary>Absolute Unix seconds despite the name; 64-bit because live values already exceed Int32.</summary>
    [JsonPropertyName("access_token_expire_in")]
    public long AccessTokenExpireIn { get; init; }

    [JsonPropertyName("refresh_token")]
    public string? RefreshToken { get; init; }

    /// <summary>Absolute Unix seconds (e.g. 4912765591, year 2125, seen live).</summary>
    [JsonPropertyName("refresh_token_expire_in")]
    public long RefreshTokenExpireIn { get; init; }

    [JsonPropertyName("open_id")]
    public string? OpenId { get; init; }

    [JsonPropertyName("seller_name")]
    public string? SellerName { get; init; }

    [JsonPropertyName("seller_base_region")]
    public string? SellerBaseRegion { get; init; }

    [JsonPropertyName("user_type")]
    public int? UserType { get; init; }

    [JsonPropertyName("granted_scopes")]
    [JsonConverter(typeof(NullAsEmptyListJsonConverter<string>))]
    public IReadOnlyList<string> GrantedScopes { get; init; } = [];
}

/// <summary>Order search body; every filter is optional and left out when not set.</summary>
internal sealed record OrderSearchBody
{
    [JsonPropertyName("order_status")]
    public string? OrderStatus { get; init; }

    [JsonPropertyName("create_time_ge")]
    public long? CreateTimeGe { get; init; }

    [JsonPropertyName("create_time_lt")]
    public long? CreateTimeLt { get; init; }

    [JsonPropertyName("update_time_ge")]
    public long? UpdateTimeGe { get; init; }

    [JsonPropertyName("update_time_lt")]
    public long? UpdateTimeLt { get; init; }
}

internal sealed record MarkPackageShippedBody
{
    [JsonPropertyName("tracking_number")]
    public required string TrackingNumber { get; init; }

    [JsonPropertyName("shipping_provider_id")]
    public required string ShippingProviderId { get; init; }

    /// <summary>Null is left out, which ships every remaining item.</summary>
    [JsonPropertyName("order_line_item_ids")]
    public IReadOnlyList<string>? OrderLineItemIds { get; init; }
}

internal sealed record UpdateShippingInfoBody
{
    [JsonPropertyName("tracking_number")]
    public required string TrackingNumber { get; init; }

    [JsonPropertyName("shipping_provider_id")]
    public required string ShippingProviderId { get; init; }
}
