using System.Text.Json.Serialization;
using GoQ.TikTokSync.TikTokShop.Json;

namespace GoQ.TikTokSync.TikTokShop.Models;

/// <summary>
/// An order as returned by order search and order detail (202309; docs/tiktok-shop-api.md#order-object). Ids are strings,
/// times are instants read from Unix seconds, money is decimal read from strings.
/// </summary>
public sealed record TikTokOrder
{
    [JsonPropertyName("id")]
    public string Id { get; init; } = string.Empty;

    [JsonPropertyName("status")]
    public TikTokOrderStatus? Status { get; init; }

    [JsonPropertyName("order_type")]
    public string? OrderType { get; init; }

    [JsonPropertyName("create_time")]
    [JsonConverter(typeof(UnixSecondsJsonConverter))]
    public DateTimeOffset? CreateTime { get; init; }

    /// <summary>Time of the last status change.</summary>
    [JsonPropertyName("update_time")]
    [JsonConverter(typeof(UnixSecondsJsonConverter))]
    public DateTimeOffset? UpdateTime { get; init; }

    [JsonPropertyName("paid_time")]
    [JsonConverter(typeof(UnixSecondsJsonConverter))]
    public DateTimeOffset? PaidTime { get; init; }

    /// <summary>When the seller shipped (a ship call succeeded).</summary>
    [JsonPropertyName("rts_time")]
    [JsonConverter(typeof(UnixSecondsJsonConverter))]
    public DateTimeOffset? RtsTime { get; init; }

    /// <summary>Latest time to ship.</summary>
    [JsonPropertyName("rts_sla_time")]
    [JsonConverter(typeof(UnixSecondsJsonConverter))]
    public DateTimeOffset? RtsSlaTime { get; init; }

    /// <summary>Latest time the carrier must collect.</summary>
    [JsonPropertyName("tts_sla_time")]
    [JsonConverter(typeof(UnixSecondsJsonConverter))]
    public DateTimeOffset? TtsSlaTime { get; init; }

    [JsonPropertyName("delivery_sla_time")]
    [JsonConverter(typeof(UnixSecondsJsonConverter))]
    public DateTimeOffset? DeliverySlaTime { get; init; }

    /// <summary>The order is cancelled if it is not awaiting collection by then.</summary>
    [JsonPropertyName("shipping_due_time")]
    [JsonConverter(typeof(UnixSecondsJsonConverter))]
    public DateTimeOffset? ShippingDueTime { get; init; }

    [JsonPropertyName("collection_due_time")]
    [JsonConverter(typeof(UnixSecondsJsonConverter))]
    public DateTimeOffset? CollectionDueTime { get; init; }

    [JsonPropertyName("delivery_due_time")]
    [JsonConverter(typeof(UnixSecondsJsonConverter))]
    public DateTimeOffset? DeliveryDueTime { get; init; }

    [JsonPropertyName("collection_time")]
    [JsonConverter(typeof(UnixSecondsJsonConverter))]
    public DateTimeOffset? CollectionTime { get; init; }

    [JsonPropertyName("delivery_time")]
    [JsonConverter(typeof(UnixSecondsJsonConverter))]
    public DateTimeOffset? DeliveryTime { get; init; }

    [JsonPropertyName("cancel_time")]
    [JsonConverter(typeof(UnixSecondsJsonConverter))]
    public DateTimeOffset? CancelTime { get; init; }

    [JsonPropertyName("request_cancel_time")]
    [JsonConverter(typeof(UnixSecondsJsonConverter))]
    public DateTimeOffset? RequestCancelTime { get; init; }

    [JsonPropertyName("cancel_order_sla_time")]
    [JsonConverter(typeof(UnixSecondsJsonConverter))]
    public DateTimeOffset? CancelOrderSlaTime { get; init; }

    [JsonPropertyName("cancel_reason")]
    public string? CancelReason { get; init; }

    /// <summary><c>SELLER</c>, <c>BUYER</c> or <c>SYSTEM</c>.</summary>
    [JsonPropertyName("cancellation_initiator")]
    public string? CancellationInitiator { get; init; }

    [JsonPropertyName("is_buyer_request_cancel")]
    public bool? IsBuyerRequestCancel { get; init; }

    /// <summary>False on shops without the ON_HOLD flow, where a one-hour wait before fulfilment is advised.</summary>
    [JsonPropertyName("is_on_hold_order")]
    public bool? IsOnHoldOrder { get; init; }

    [JsonPropertyName("is_sample_order")]
    public bool? IsSampleOrder { get; init; }

    [JsonPropertyName("is_replacement_order")]
    public bool? IsReplacementOrder { get; init; }

    [JsonPropertyName("replaced_order_id")]
    public string? ReplacedOrderId { get; init; }

    [JsonPropertyName("is_cod")]
    public bool? IsCod { get; init; }

    /// <summary>The buyer's id.</summary>
    [JsonPropertyName("user_id")]
    public string? UserId { get; init; }

    /// <summary>An anonymized relay address; not for sending mail.</summary>
    [JsonPropertyName("buyer_email")]
    public string? BuyerEmail { get; init; }

    [JsonPropertyName("buyer_message")]
    public string? BuyerMessage { get; init; }

    [JsonPropertyName("seller_note")]
    public string? SellerNote { get; init; }

    [JsonPropertyName("fulfillment_type")]
    public string? FulfillmentType { get; init; }

    /// <summary><c>TIKTOK</c> or <c>SELLER</c>.</summary>
    [JsonPropertyName("shipping_type")]
    public string? ShippingType { get; init; }

    [JsonPropertyName("delivery_type")]
    public string? DeliveryType { get; init; }

    /// <summary>Needed to ask which shipping providers may be used for this order.</summary>
    [JsonPropertyName("delivery_option_id")]
    public string? DeliveryOptionId { get; init; }

    [JsonPropertyName("delivery_option_name")]
    public string? DeliveryOptionName { get; init; }

    [JsonPropertyName("shipping_provider")]
    public string? ShippingProvider { get; init; }

    [JsonPropertyName("shipping_provider_id")]
    public string? ShippingProviderId { get; init; }

    [JsonPropertyName("tracking_number")]
    public string? TrackingNumber { get; init; }

    [JsonPropertyName("warehouse_id")]
    public string? WarehouseId { get; init; }

    [JsonPropertyName("split_or_combine_tag")]
    public string? SplitOrCombineTag { get; init; }

    [JsonPropertyName("has_updated_recipient_address")]
    public bool? HasUpdatedRecipientAddress { get; init; }

    [JsonPropertyName("payment_method_name")]
    public string? PaymentMethodName { get; init; }

    [JsonPropertyName("packages")]
    [JsonConverter(typeof(NullAsEmptyListJsonConverter<TikTokOrderPackageReference>))]
    public IReadOnlyList<TikTokOrderPackageReference> Packages { get; init; } = [];

    [JsonPropertyName("payment")]
    public TikTokOrderPayment? Payment { get; init; }

    /// <summary>Empty while the order is unpaid or on hold.</summary>
    [JsonPropertyName("recipient_address")]
    public TikTokRecipientAddress? RecipientAddress { get; init; }

    /// <summary>One entry per unit: there is no quantity field; group by <c>sku_id</c> for quantities.</summary>
    [JsonPropertyName("line_items")]
    [JsonConverter(typeof(NullAsEmptyListJsonConverter<TikTokOrderLineItem>))]
    public IReadOnlyList<TikTokOrderLineItem> LineItems { get; init; } = [];
}

public sealed record TikTokOrderPackageReference
{
    [JsonPropertyName("id")]
    public string Id { get; init; } = string.Empty;
}

/// <summary>One unit of one SKU in an order.</summary>
public sealed record TikTokOrderLineItem
{
    /// <summary>The order line item id, used to ship or split single units.</summary>
    [JsonPropertyName("id")]
    public string Id { get; init; } = string.Empty;

    [JsonPropertyName("sku_id")]
    public string? SkuId { get; init; }

    [JsonPropertyName("product_id")]
    public string? ProductId { get; init; }

    [JsonPropertyName("product_name")]
    public string? ProductName { get; init; }

    [JsonPropertyName("sku_name")]
    public string? SkuName { get; init; }

    [JsonPropertyName("sku_image")]
    public string? SkuImage { get; init; }

    [JsonPropertyName("seller_sku")]
    public string? SellerSku { get; init; }

    [JsonPropertyName("sku_type")]
    public string? SkuType { get; init; }

    [JsonPropertyName("currency")]
    public string? Currency { get; init; }

    [JsonPropertyName("original_price")]
    [JsonConverter(typeof(MoneyStringJsonConverter))]
    public decimal? OriginalPrice { get; init; }

    [JsonPropertyName("sale_price")]
    [JsonConverter(typeof(MoneyStringJsonConverter))]
    public decimal? SalePrice { get; init; }

    [JsonPropertyName("seller_discount")]
    [JsonConverter(typeof(MoneyStringJsonConverter))]
    public decimal? SellerDiscount { get; init; }

    [JsonPropertyName("platform_discount")]
    [JsonConverter(typeof(MoneyStringJsonConverter))]
    public decimal? PlatformDiscount { get; init; }

    [JsonPropertyName("display_status")]
    public TikTokOrderStatus? DisplayStatus { get; init; }

    [JsonPropertyName("package_id")]
    public string? PackageId { get; init; }

    [JsonPropertyName("package_status")]
    public TikTokPackageStatus? PackageStatus { get; init; }

    [JsonPropertyName("tracking_number")]
    public string? TrackingNumber { get; init; }

    [JsonPropertyName("shipping_provider_id")]
    public string? ShippingProviderId { get; init; }

    [JsonPropertyName("shipping_provider_name")]
    public string? ShippingProviderName { get; init; }

    [JsonPropertyName("rts_time")]
    [JsonConverter(typeof(UnixSecondsJsonConverter))]
    public DateTimeOffset? RtsTime { get; init; }

    [JsonPropertyName("cancel_reason")]
    public string? CancelReason { get; init; }

    /// <summary><c>BUYER</c>, <c>SELLER</c>, <c>OPERATOR</c> or <c>SYSTEM</c>.</summary>
    [JsonPropertyName("cancel_user")]
    public string? CancelUser { get; init; }

    [JsonPropertyName("is_gift")]
    public bool? IsGift { get; init; }
}

/// <summary>Order money, in major units of <see cref="Currency"/> (JPY for Japanese shops).</summary>
public sealed record TikTokOrderPayment
{
    [JsonPropertyName("currency")]
    public string? Currency { get; init; }

    /// <summary>original_total_product_price − seller_discount − platform_discount.</summary>
    [JsonPropertyName("sub_total")]
    [JsonConverter(typeof(MoneyStringJsonConverter))]
    public decimal? SubTotal { get; init; }

    /// <summary>original_shipping_fee − shipping fee seller and platform discounts.</summary>
    [JsonPropertyName("shipping_fee")]
    [JsonConverter(typeof(MoneyStringJsonConverter))]
    public decimal? ShippingFee { get; init; }

    /// <summary>sub_total + shipping_fee + taxes + retail delivery fee.</summary>
    [JsonPropertyName("total_amount")]
    [JsonConverter(typeof(MoneyStringJsonConverter))]
    public decimal? TotalAmount { get; init; }

    [JsonPropertyName("original_total_product_price")]
    [JsonConverter(typeof(MoneyStringJsonConverter))]
    public decimal? OriginalTotalProductPrice { get; init; }

    [JsonPropertyName("original_shipping_fee")]
    [JsonConverter(typeof(MoneyStringJsonConverter))]
    public decimal? OriginalShippingFee { get; init; }

    [JsonPropertyName("seller_discount")]
    [JsonConverter(typeof(MoneyStringJsonConverter))]
    public decimal? SellerDiscount { get; init; }

    [JsonPropertyName("platform_discount")]
    [JsonConverter(typeof(MoneyStringJsonConverter))]
    public decimal? PlatformDiscount { get; init; }

    [JsonPropertyName("shipping_fee_seller_discount")]
    [JsonConverter(typeof(MoneyStringJsonConverter))]
    public decimal? ShippingFeeSellerDiscount { get; init; }

    [JsonPropertyName("shipping_fee_platform_discount")]
    [JsonConverter(typeof(MoneyStringJsonConverter))]
    public decimal? ShippingFeePlatformDiscount { get; init; }

    [JsonPropertyName("shipping_fee_cofunded_discount")]
    [JsonConverter(typeof(MoneyStringJsonConverter))]
    public decimal? ShippingFeeCofundedDiscount { get; init; }

    [JsonPropertyName("payment_platform_discount")]
    [JsonConverter(typeof(MoneyStringJsonConverter))]
    public decimal? PaymentPlatformDiscount { get; init; }

    [JsonPropertyName("tax")]
    [JsonConverter(typeof(MoneyStringJsonConverter))]
    public decimal? Tax { get; init; }

    [JsonPropertyName("product_tax")]
    [JsonConverter(typeof(MoneyStringJsonConverter))]
    public decimal? ProductTax { get; init; }

    [JsonPropertyName("shipping_fee_tax")]
    [JsonConverter(typeof(MoneyStringJsonConverter))]
    public decimal? ShippingFeeTax { get; init; }

    [JsonPropertyName("handling_fee")]
    [JsonConverter(typeof(MoneyStringJsonConverter))]
    public decimal? HandlingFee { get; init; }

    [JsonPropertyName("shipping_insurance_fee")]
    [JsonConverter(typeof(MoneyStringJsonConverter))]
    public decimal? ShippingInsuranceFee { get; init; }

    [JsonPropertyName("item_insurance_fee")]
    [JsonConverter(typeof(MoneyStringJsonConverter))]
    public decimal? ItemInsuranceFee { get; init; }

    [JsonPropertyName("retail_delivery_fee")]
    [JsonConverter(typeof(MoneyStringJsonConverter))]
    public decimal? RetailDeliveryFee { get; init; }

    [JsonPropertyName("small_order_fee")]
    [JsonConverter(typeof(MoneyStringJsonConverter))]
    public decimal? SmallOrderFee { get; init; }

    [JsonPropertyName("buyer_service_fee")]
    [JsonConverter(typeof(MoneyStringJsonConverter))]
    public decimal? BuyerServiceFee { get; init; }
}

/// <summary>
/// Where the order goes. For Japan the katakana names are in the <c>*_local_script</c> fields; which of
/// first/last holds the family name is UNCONFIRMED (docs/tiktok-shop-api.md#order-object), so both are passed through unchanged.
/// </summary>
public sealed record TikTokRecipientAddress
{
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("first_name")]
    public string? FirstName { get; init; }

    [JsonPropertyName("last_name")]
    public string? LastName { get; init; }

    [JsonPropertyName("first_name_local_script")]
    public string? FirstNameLocalScript { get; init; }

    [JsonPropertyName("last_name_local_script")]
    public string? LastNameLocalScript { get; init; }

    /// <summary>May carry a country prefix such as <c>(+81)</c>.</summary>
    [JsonPropertyName("phone_number")]
    public string? PhoneNumber { get; init; }

    [JsonPropertyName("full_address")]
    public string? FullAddress { get; init; }

    [JsonPropertyName("address_detail")]
    public string? AddressDetail { get; init; }

    [JsonPropertyName("address_line1")]
    public string? AddressLine1 { get; init; }

    [JsonPropertyName("address_line2")]
    public string? AddressLine2 { get; init; }

    [JsonPropertyName("address_line3")]
    public string? AddressLine3 { get; init; }

    [JsonPropertyName("address_line4")]
    public string? AddressLine4 { get; init; }

    [JsonPropertyName("postal_code")]
    public string? PostalCode { get; init; }

    [JsonPropertyName("region_code")]
    public string? RegionCode { get; init; }

    [JsonPropertyName("post_town")]
    public string? PostTown { get; init; }

    /// <summary>Administrative levels, L0 (country) downwards; switch on the level, never on its display name.</summary>
    [JsonPropertyName("district_info")]
    [JsonConverter(typeof(NullAsEmptyListJsonConverter<TikTokDistrictInfo>))]
    public IReadOnlyList<TikTokDistrictInfo> DistrictInfo { get; init; } = [];
}

public sealed record TikTokDistrictInfo
{
    /// <summary><c>L0</c> … <c>L4</c>.</summary>
    [JsonPropertyName("address_level")]
    public string? AddressLevel { get; init; }

    /// <summary>Free text such as "Country" or "city"; for display only.</summary>
    [JsonPropertyName("address_level_name")]
    public string? AddressLevelName { get; init; }

    [JsonPropertyName("address_name")]
    public string? AddressName { get; init; }

    [JsonPropertyName("iso_code")]
    public string? IsoCode { get; init; }
}
