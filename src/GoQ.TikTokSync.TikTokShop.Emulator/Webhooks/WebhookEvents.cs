namespace GoQ.TikTokSync.TikTokShop.Emulator.Webhooks;

/// <summary>Webhook topics the emulator sends, with their numeric <c>type</c> (docs/tiktok-shop-api.md#webhook-payloads).</summary>
public static class WebhookEventTypes
{
    public const string OrderStatusChange = "ORDER_STATUS_CHANGE";
    public const string CancellationStatusChange = "CANCELLATION_STATUS_CHANGE";
    public const string RecipientAddressUpdate = "RECIPIENT_ADDRESS_UPDATE";
    public const string SellerDeauthorization = "SELLER_DEAUTHORIZATION";
    public const string UpcomingAuthorizationExpiration = "UPCOMING_AUTHORIZATION_EXPIRATION";
    public const string PackageUpdate = "PACKAGE_UPDATE";

    public static int NumericType(string eventType) => eventType switch
    {
        OrderStatusChange => 1,
        RecipientAddressUpdate => 3,
        PackageUpdate => 4,
        SellerDeauthorization => 6,
        UpcomingAuthorizationExpiration => 7,
        CancellationStatusChange => 11,
        _ => throw new ArgumentOutOfRangeException(nameof(eventType), eventType, null),
    };

    /// <summary>
    /// The status the ORDER_STATUS_CHANGE webhook reports for a cancelled order. The docv2 webhook table spells it
    /// <c>CANCEL</c> while the API says <c>CANCELLED</c>; which one is sent is UNCONFIRMED (docs/tiktok-shop-api.md#webhook-payloads). The emulator follows
    /// the webhook documentation.
    /// </summary>
    public const string WebhookCancelledStatus = "CANCEL";
}

/// <summary>A notification waiting to be posted; <see cref="Data"/> is serialized as the envelope's <c>data</c>.</summary>
internal sealed record WebhookNotification(string EventType, string ShopId, object Data);

internal interface IWebhookSink
{
    /// <summary>Never blocks: the dispatcher posts in the background (API calls must not wait for receivers).</summary>
    void Publish(WebhookNotification notification);
}

internal sealed class OrderStatusChangeData
{
    public bool IsOnHoldOrder { get; init; }

    public required string OrderId { get; init; }

    public required string OrderStatus { get; init; }

    public long UpdateTime { get; init; }
}

internal sealed class CancellationStatusChangeData
{
    public required string OrderId { get; init; }

    public required string CancellationsRole { get; init; }

    public required string CancelStatus { get; init; }

    public required string CancelId { get; init; }

    public long CreateTime { get; init; }
}

/// <summary>PACKAGE_UPDATE (type 4, docs/tiktok-shop-api.md#webhook-payloads): TikTok split, combined or otherwise changed packages.</summary>
internal sealed class PackageUpdateData
{
    public required string ScType { get; init; }

    public required string RoleType { get; init; }

    public required IReadOnlyList<PackageUpdateEntry> PackageList { get; init; }

    public long UpdateTime { get; init; }
}

internal sealed class RecipientAddressUpdateData
{
    public required string OrderId { get; init; }

    public long UpdateTime { get; init; }
}

internal sealed class PackageUpdateEntry
{
    public required string PackageId { get; init; }

    public required IReadOnlyList<string> OrderIdList { get; init; }
}

internal sealed class SellerDeauthorizationData
{
    public required string Message { get; init; }
}

internal sealed class UpcomingAuthorizationExpirationData
{
    public required string Message { get; init; }

    /// <summary>A string holding Unix seconds (docs/tiktok-shop-api.md#webhook-payloads).</summary>
    public required string ExpirationTime { get; init; }
}
