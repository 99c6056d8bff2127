namespace GoQ.TikTokSync.TikTokShop.Emulator.Orders;

/// <summary>Timings of the emulated platform. The ones TikTok does not document for JP are marked UNCONFIRMED.</summary>
internal static class PlatformTimings
{
    /// <summary>The buyer-remorse window after payment (docs/tiktok-shop-api.md#order-statuses: "~1 h").</summary>
    public static readonly TimeSpan OnHoldWindow = TimeSpan.FromHours(1);

    /// <summary>An unpaid order is cancelled by the system after this (UNCONFIRMED for JP; konbini payments allow days).</summary>
    public static readonly TimeSpan UnpaidTimeout = TimeSpan.FromHours(72);

    /// <summary>A buyer's cancel request after the hold is auto-approved when the seller does not answer (24 h; see docs/japanese-operations.md#buyer-cancellations).</summary>
    public static readonly TimeSpan CancelRequestAutoApproval = TimeSpan.FromHours(24);

    /// <summary>Latest ship time after payment (<c>rts_sla_time</c>); the JP value is UNCONFIRMED (US: 3 business days).</summary>
    public static readonly TimeSpan ReadyToShipSla = TimeSpan.FromDays(3);

    /// <summary>Latest collection time after payment (<c>tts_sla_time</c>); UNCONFIRMED.</summary>
    public static readonly TimeSpan CollectionSla = TimeSpan.FromDays(5);

    /// <summary>Delivery deadline after payment (<c>delivery_sla_time</c> and the order's required delivery time); UNCONFIRMED.</summary>
    public static readonly TimeSpan DeliverySla = TimeSpan.FromDays(8);

    /// <summary>After this, an order not yet delivered is cancelled (<c>delivery_due_time</c>); UNCONFIRMED.</summary>
    public static readonly TimeSpan DeliveryDue = TimeSpan.FromDays(15);
}

/// <summary>
/// Cancel reasons as text. TikTok returns reason strings whose JP wording was not found anywhere (UNCONFIRMED);
/// these are plausible Japanese texts kept in one place.
/// </summary>
internal static class CancelReasons
{
    public const string BuyerChangedMind = "購入者の都合（不要になった）";
    public const string UnpaidTimeout = "支払い期限切れ";
    public const string SystemDefault = "システムによるキャンセル";
    public const string SellerOutOfStock = "在庫切れ";

    public static string Default(CancelInitiator initiator) => initiator switch
    {
        CancelInitiator.Buyer => BuyerChangedMind,
        CancelInitiator.Seller => SellerOutOfStock,
        _ => SystemDefault,
    };
}

internal sealed class RecipientRecord
{
    public required string Name { get; set; }

    public required string FamilyNameKanji { get; init; }

    public required string GivenNameKanji { get; init; }

    public required string FamilyNameKatakana { get; init; }

    public required string GivenNameKatakana { get; init; }

    /// <summary>As TikTok sends it: "(+81)" and the domestic number by default, possibly hyphenated or masked with '*'.</summary>
    public required string PhoneNumber { get; set; }

    public required JapaneseLocality Locality { get; init; }

    /// <summary>丁目-番地-号, e.g. "1-2-3" (<c>address_line1</c>).</summary>
    public required string StreetNumber { get; init; }

    /// <summary>Building and room (<c>address_line2</c>), possibly empty.</summary>
    public required string Building { get; init; }

    /// <summary>The postal code as sent when it is not the locality's plain 7 digits (e.g. "100-8111", full-width digits).</summary>
    public string? PostalCodeAsSent { get; set; }

    public string PostalCode => PostalCodeAsSent ?? Locality.PostalCode;

    /// <summary>A designated city's ward travels as its own district level: L2 "横浜市", L3 "西区", L4 the town.</summary>
    public bool SplitsCityAndWard { get; set; }
}

internal sealed class LineItemRecord
{
    public required string Id { get; init; }

    public required string SkuId { get; init; }

    public required string ProductId { get; init; }

    public required string ProductName { get; init; }

    public required string SkuName { get; init; }

    public required string SellerSku { get; init; }

    public int OriginalPrice { get; init; }

    public int SellerDiscount { get; init; }

    public int PlatformDiscount { get; init; }

    /// <summary>What the buyer pays for this unit: original − seller discount − platform discount.</summary>
    public int SalePrice => OriginalPrice - SellerDiscount - PlatformDiscount;

    public PackageRecord? Package { get; set; }

    /// <summary>The package TikTok put this line in before it was shipped (a TikTok split or combination, docs/tiktok-shop-api.md#order-object); the
    /// ship call that covers exactly this package's lines ships it under this id.</summary>
    public string? PendingPackageId { get; set; }

    public string? CancelUser { get; set; }

    public string? CancelReason { get; set; }

    /// <summary>This line alone was cancelled (out of stock, a partial cancel) while the rest of the order goes on.</summary>
    public bool IsCancelled { get; set; }
}

internal sealed class PackageRecord
{
    public required string Id { get; init; }

    public required OrderRecord Order { get; init; }

    public required List<string> LineItemIds { get; init; }

    public required string TrackingNumber { get; set; }

    public required string ShippingProviderId { get; set; }

    public required string ShippingProviderName { get; set; }

    public long CreateTime { get; init; }

    public long UpdateTime { get; set; }

    public long RtsTime { get; init; }

    /// <summary>The tracking number and provider the shipping call applied; <see cref="TrackingNumber"/> and
    /// <see cref="ShippingProviderId"/> move on with a correction.</summary>
    public required string ShippedTrackingNumber { get; init; }

    public required string ShippedProviderId { get; init; }

    /// <summary>Ship calls that put line items into this package: one, unless the emulator let a package be shipped twice.</summary>
    public int AppliedShipCalls { get; set; }

    /// <summary>Later ship calls naming its line items (or the whole order) that were refused as already shipped.</summary>
    public int AlreadyShippedCalls { get; set; }

    /// <summary>Of those, the calls that carried a different tracking number: a caller trying to ship it differently.</summary>
    public int AlreadyShippedCallsWithOtherTracking { get; set; }

    /// <summary>The call that shipped it was applied but its answer was cut (<see cref="FaultSettings.ShipResponseLostRate"/>).</summary>
    public bool ResponseLost { get; set; }

    /// <summary>Update Shipping Info calls that changed its tracking number.</summary>
    public int TrackingUpdates { get; set; }

    /// <summary>TikTok made this package before it was shipped (a split or combination); the ship call kept its id.</summary>
    public bool MadeByTikTok { get; init; }

    /// <summary>Other orders shipped in this same parcel because TikTok had combined them with <see cref="Order"/>.</summary>
    public List<OrderRecord> CombinedOrders { get; } = [];
}

/// <summary>
/// Every Mark Package As Shipped call for one order, by outcome; <see cref="Calls"/> is the sum of applied, already
/// shipped, rejected and faulted. Kept under the shop's lock so that concurrent callers never lose a count.
/// </summary>
internal sealed class ShipCallTally
{
    public int Calls => Applied + RejectedAlreadyShipped + Rejected + Faulted;

    public int Applied { get; set; }

    public int RejectedAlreadyShipped { get; set; }

    public int Rejected { get; set; }

    public int Faulted { get; set; }

    /// <summary>Applied calls whose answer was cut; also counted in <see cref="Applied"/>.</summary>
    public int ResponseLost { get; set; }
}

internal sealed class OrderRecord
{
    public required string Id { get; init; }

    public required string ShopId { get; init; }

    public string Status { get; set; } = OrderStatuses.Unpaid;

    public long CreateTime { get; init; }

    public long UpdateTime { get; set; }

    public long? PaidTime { get; set; }

    public long? RtsTime { get; set; }

    public long? CollectionTime { get; set; }

    public long? DeliveryTime { get; set; }

    public long? CancelTime { get; set; }

    public long? RequestCancelTime { get; set; }

    public bool IsBuyerRequestCancel { get; set; }

    public string? CancelReason { get; set; }

    public string? CancellationInitiator { get; set; }

    public string? CancelId { get; set; }

    /// <summary>The recipient is hidden while UNPAID and ON_HOLD (docs/tiktok-shop-api.md#order-object, docs/tiktok-shop-api.md#order-statuses) and shown once the order was released.</summary>
    public bool AddressReleased { get; set; }

    public required string UserId { get; set; }

    public required string BuyerEmail { get; init; }

    public required string BuyerNickname { get; init; }

    public required string BuyerMessage { get; set; }

    /// <summary>SELLER, or TIKTOK when TikTok's logistics ship the parcel (its recipient data then comes masked; see docs/tiktok-shop-api.md#pitfalls).</summary>
    public string ShippingType { get; set; } = OrderWireMapper.SellerShipping;

    /// <summary>False for the old flow: payment leads straight to AWAITING_SHIPMENT, the buyer may still cancel for an hour; see docs/tiktok-shop-api.md#order-statuses).</summary>
    public bool UsesOnHoldFlow { get; set; } = OrderWireMapper.UsesOnHoldFlow;

    /// <summary>The old flow's buyer cancellation hour, counted from payment.</summary>
    public bool InOldFlowCancellationHour(long at) =>
        !UsesOnHoldFlow && PaidTime is { } paid && at < paid + (long)PlatformTimings.OnHoldWindow.TotalSeconds;

    public required string DeliveryOptionId { get; init; }

    public required string DeliveryOptionName { get; init; }

    public required string WarehouseId { get; init; }

    public required string PaymentMethodName { get; init; }

    public int OriginalShippingFee { get; init; }

    public int ShippingFeeSellerDiscount { get; init; }

    public int ShippingFeePlatformDiscount { get; init; }

    public required RecipientRecord Recipient { get; set; }

    /// <summary>The buyer changed the delivery address after placing the order (<c>has_updated_recipient_address</c>).</summary>
    public bool HasUpdatedRecipientAddress { get; set; }

    public required List<LineItemRecord> LineItems { get; init; }

    public List<PackageRecord> Packages { get; } = [];

    /// <summary>Set when TikTok combined this order with others of the same buyer into one package (docs/tiktok-shop-api.md#order-object).</summary>
    public string? AutoCombineGroupId { get; set; }

    /// <summary>TikTok's packages not shipped yet, in line order.</summary>
    public IEnumerable<string> PendingPackageIds =>
        LineItems.Where(l => l.Package is null && l.PendingPackageId is not null).Select(l => l.PendingPackageId!).Distinct(StringComparer.Ordinal);

    public int ShipCalls { get; set; }

    public int ShipAttempts { get; set; }

    public int ShippingInfoUpdates { get; set; }

    public int ShippingInfoUpdateAttempts { get; set; }

    public ShipCallTally ShipCallTally { get; } = new();

    public bool IsShippedAtAll => Packages.Count > 0;

    public bool IsFinalCancelled => string.Equals(Status, OrderStatuses.Cancelled, StringComparison.Ordinal);

    public bool HasStatus(string status) => string.Equals(Status, status, StringComparison.Ordinal);
}
