using System.Text.Json.Serialization;

namespace GoQ.TikTokSync.TikTokShop.Emulator.Wire;

// The emulator's own response shapes, named after the OAS (tests/…/oas/paths/*.json). Property names become snake_case
// through WireJson.Options; a null property is left out. Only fields the OAS defines may appear here.

internal sealed class AuthorizedShopsData
{
    public required IReadOnlyList<AuthorizedShopWire> Shops { get; init; }
}

internal sealed class AuthorizedShopWire
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required string Region { get; init; }

    public required string SellerType { get; init; }

    public required string Cipher { get; init; }

    public required string Code { get; init; }
}

internal sealed class TokenData
{
    public required string AccessToken { get; init; }

    public long AccessTokenExpireIn { get; init; }

    public required string RefreshToken { get; init; }

    public long RefreshTokenExpireIn { get; init; }

    public required string OpenId { get; init; }

    public required string SellerName { get; init; }

    public required string SellerBaseRegion { get; init; }

    public int UserType { get; init; }

    public required IReadOnlyList<string> GrantedScopes { get; init; }
}

internal sealed class OrderSearchData
{
    public required string NextPageToken { get; init; }

    public int TotalCount { get; init; }

    public required IReadOnlyList<OrderWire> Orders { get; init; }
}

internal sealed class OrderDetailData
{
    public required IReadOnlyList<OrderWire> Orders { get; init; }
}

internal sealed class OrderWire
{
    public required string Id { get; init; }

    public required string Status { get; init; }

    public long CreateTime { get; init; }

    public long UpdateTime { get; init; }

    public long? PaidTime { get; init; }

    public long? RtsTime { get; init; }

    public long? RtsSlaTime { get; init; }

    public long? TtsSlaTime { get; init; }

    public long? ShippingDueTime { get; init; }

    public long? CollectionDueTime { get; init; }

    public long? DeliveryDueTime { get; init; }

    public long? DeliverySlaTime { get; init; }

    public long? DeliveryOptionRequiredDeliveryTime { get; init; }

    public long? CancelOrderSlaTime { get; init; }

    public required string OrderType { get; init; }

    public long? CollectionTime { get; init; }

    public long? DeliveryTime { get; init; }

    public long? CancelTime { get; init; }

    public long? RequestCancelTime { get; init; }

    public string? CancelReason { get; init; }

    public string? CancellationInitiator { get; init; }

    public bool IsBuyerRequestCancel { get; init; }

    public bool IsOnHoldOrder { get; init; }

    public bool IsCod { get; init; }

    public bool IsSampleOrder { get; init; }

    public bool IsReplacementOrder { get; init; }

    public bool HasUpdatedRecipientAddress { get; init; }

    public required string UserId { get; init; }

    public required string BuyerEmail { get; init; }

    public string? BuyerNickname { get; init; }

    public required string BuyerAvatar { get; init; }

    public required string BuyerMessage { get; init; }

    public string? SellerNote { get; init; }

    public required string FulfillmentType { get; init; }

    public required string ShippingType { get; init; }

    public required string DeliveryType { get; init; }

    public required string DeliveryOptionId { get; init; }

    public required string DeliveryOptionName { get; init; }

    public string? ShippingProvider { get; init; }

    public string? ShippingProviderId { get; init; }

    public string? TrackingNumber { get; init; }

    public string? SplitOrCombineTag { get; init; }

    public required string WarehouseId { get; init; }

    public required string PaymentMethodName { get; init; }

    public required PaymentWire Payment { get; init; }

    public RecipientAddressWire? RecipientAddress { get; init; }

    public required IReadOnlyList<PackageRefWire> Packages { get; init; }

    public required IReadOnlyList<LineItemWire> LineItems { get; init; }
}

internal sealed class PaymentWire
{
    public required string Currency { get; init; }

    public required string SubTotal { get; init; }

    public required string ShippingFee { get; init; }

    public required string TotalAmount { get; init; }

    public required string OriginalTotalProductPrice { get; init; }

    public required string OriginalShippingFee { get; init; }

    public required string SellerDiscount { get; init; }

    public required string PlatformDiscount { get; init; }

    public required string ShippingFeeSellerDiscount { get; init; }

    public required string ShippingFeePlatformDiscount { get; init; }

    public required string ShippingFeeCofundedDiscount { get; init; }

    public required string ProductTax { get; init; }

    public required string ShippingFeeTax { get; init; }

    public required string HandlingFee { get; init; }

    public required string PaymentPlatformDiscount { get; init; }

    public required string PaymentDiscountServiceFee { get; init; }
}

internal sealed class RecipientAddressWire
{
    public required string Name { get; init; }

    public required string FirstName { get; init; }

    public required string LastName { get; init; }

    public required string FirstNameLocalScript { get; init; }

    public required string LastNameLocalScript { get; init; }

    public required string PhoneNumber { get; init; }

    public required string FullAddress { get; init; }

    public required string AddressDetail { get; init; }

    [JsonPropertyName("address_line1")]
    public required string AddressLine1 { get; init; }

    [JsonPropertyName("address_line2")]
    public required string AddressLine2 { get; init; }

    public required string PostalCode { get; init; }

    public required string RegionCode { get; init; }

    public required IReadOnlyList<DistrictInfoWire> DistrictInfo { get; init; }
}

internal sealed class DistrictInfoWire
{
    public required string AddressLevel { get; init; }

    public required string AddressLevelName { get; init; }

    public required string AddressName { get; init; }

    public string? IsoCode { get; init; }
}

internal sealed class PackageRefWire
{
    public required string Id { get; init; }
}

internal sealed class LineItemWire
{
    public required string Id { get; init; }

    public required string SkuId { get; init; }

    public required string ProductId { get; init; }

    public required string ProductName { get; init; }

    public required string SkuName { get; init; }

    public required string SellerSku { get; init; }

    public required string SkuType { get; init; }

    public required string Currency { get; init; }

    public required string OriginalPrice { get; init; }

    public required string SalePrice { get; init; }

    public required string SellerDiscount { get; init; }

    public required string PlatformDiscount { get; init; }

    public required string DisplayStatus { get; init; }

    public required string PackageStatus { get; init; }

    public string? PackageId { get; init; }

    public string? TrackingNumber { get; init; }

    public string? ShippingProviderId { get; init; }

    public string? ShippingProviderName { get; init; }

    public long? RtsTime { get; init; }

    public string? CancelUser { get; init; }

    public string? CancelReason { get; init; }

    public bool IsGift { get; init; }

    public required string GiftRetailPrice { get; init; }

    public required string SkuImage { get; init; }

    public bool IsDangerousGood { get; init; }

    public bool NeedsPrescription { get; init; }

    public required IReadOnlyList<ItemTaxWire> ItemTax { get; init; }
}

internal sealed class ItemTaxWire
{
    public required string TaxType { get; init; }

    public required string TaxAmount { get; init; }

    public required string TaxRate { get; init; }
}

internal sealed class ShippingProvidersData
{
    public required IReadOnlyList<ShippingProviderWire> ShippingProviders { get; init; }
}

internal sealed class ShippingProviderWire
{
    public required string Id { get; init; }

    public required string Name { get; init; }
}

internal sealed class MarkPackageShippedData
{
    public required string OrderId { get; init; }

    public required IReadOnlyList<string> OrderLineItemIds { get; init; }

    public required string PackageId { get; init; }
}

/// <summary>Endpoints whose success <c>data</c> is an empty object (docs/tiktok-shop-api.md#correcting-tracking, docs/tiktok-shop-api.md#webhook-subscriptions).</summary>
internal sealed class EmptyData
{
    public static readonly EmptyData Instance = new();
}

internal sealed class PackageDetailData
{
    public required string PackageId { get; init; }

    public required string PackageStatus { get; init; }

    public required string TrackingNumber { get; init; }

    public required string ShippingProviderId { get; init; }

    public required string ShippingProviderName { get; init; }

    public required string DeliveryOptionId { get; init; }

    public required string DeliveryOptionName { get; init; }

    public required string ShippingType { get; init; }

    public required string HandoverMethod { get; init; }

    public required string SplitAndCombineTag { get; init; }

    public bool HasMultiSkus { get; init; }

    public required IReadOnlyList<string> OrderLineItemIds { get; init; }

    public required IReadOnlyList<PackageOrderWire> Orders { get; init; }

    public PackageAddressWire? RecipientAddress { get; init; }

    public required PackageAddressWire SenderAddress { get; init; }

    public required string NoteTag { get; init; }

    public long CreateTime { get; init; }

    public long UpdateTime { get; init; }
}

internal sealed class PackageOrderWire
{
    public required string Id { get; init; }
}

internal sealed class PackageAddressWire
{
    public required string Name { get; init; }

    public required string PhoneNumber { get; init; }

    public required string FullAddress { get; init; }

    public required string AddressDetail { get; init; }

    [JsonPropertyName("address_line1")]
    public required string AddressLine1 { get; init; }

    [JsonPropertyName("address_line2")]
    public required string AddressLine2 { get; init; }

    public required string PostalCode { get; init; }

    public required string RegionCode { get; init; }
}

internal sealed class WebhooksData
{
    public int TotalCount { get; init; }

    public required IReadOnlyList<WebhookWire> Webhooks { get; init; }
}

internal sealed class WebhookWire
{
    public required string Address { get; init; }

    public required string EventType { get; init; }

    public long CreateTime { get; init; }

    public long UpdateTime { get; init; }
}
