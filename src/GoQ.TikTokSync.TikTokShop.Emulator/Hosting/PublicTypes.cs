namespace GoQ.TikTokSync.TikTokShop.Emulator;

/// <summary>The partner access time a seller picks on the consent page (パートナーのアクセス時間).</summary>
public enum AuthorizationPeriod
{
    Unlimited,
    OneYear,
    SixMonths,
    ThreeMonths,
    OneMonth,
}

/// <summary>What the token endpoints return in <c>data</c> (docs/tiktok-shop-api.md#token-exchange); the expiries are absolute Unix seconds.</summary>
public sealed record TokenGrant(
    string AccessToken,
    long AccessTokenExpireIn,
    string RefreshToken,
    long RefreshTokenExpireIn,
    string OpenId,
    string SellerName,
    string SellerBaseRegion,
    int UserType,
    IReadOnlyList<string> GrantedScopes);

/// <summary>Order status values of the 202309 API (docs/tiktok-shop-api.md#order-statuses).</summary>
public static class OrderStatuses
{
    public const string Unpaid = "UNPAID";
    public const string OnHold = "ON_HOLD";
    public const string AwaitingShipment = "AWAITING_SHIPMENT";
    public const string PartiallyShipping = "PARTIALLY_SHIPPING";
    public const string AwaitingCollection = "AWAITING_COLLECTION";
    public const string InTransit = "IN_TRANSIT";
    public const string Delivered = "DELIVERED";
    public const string Completed = "COMPLETED";
    public const string Cancelled = "CANCELLED";

    public static readonly IReadOnlyList<string> All =
        [Unpaid, OnHold, AwaitingShipment, PartiallyShipping, AwaitingCollection, InTransit, Delivered, Completed, Cancelled];

    public static bool IsKnown(string status) => All.Contains(status, StringComparer.Ordinal);
}

/// <summary>Who cancelled: <c>cancellation_initiator</c> on the order, <c>cancel_user</c> on line items (docs/tiktok-shop-api.md#order-object).</summary>
public enum CancelInitiator
{
    Buyer,
    Seller,
    System,
}
