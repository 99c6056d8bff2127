namespace GoQ.TikTokSync.Core.Webhooks;

/// <summary>
/// One TikTok Shop webhook delivery that passed the signature check. TikTok delivers at least once, so the row's
/// <see cref="DedupeKey"/> is unique: a repeated delivery finds its row and does nothing more.
/// </summary>
public class WebhookNotification
{
    public long Id { get; set; }

    /// <summary>tts_notification_id, or "sha256:" + the body's hash when TikTok sent none.</summary>
    public string DedupeKey { get; set; } = string.Empty;

    /// <summary>TikTok's numeric topic (1 ORDER_STATUS_CHANGE, 11 CANCELLATION_STATUS_CHANGE, …).</summary>
    public int Type { get; set; }

    public string ShopId { get; set; } = string.Empty;

    /// <summary>Null when no connection has the shop: the delivery is acknowledged and kept for the record.</summary>
    public int? MallConnectionId { get; set; }

    /// <summary>The order the notification is about, for the topics that name one.</summary>
    public string? TikTokOrderId { get; set; }

    /// <summary>TikTok's own timestamp (envelope <c>timestamp</c>), when present.</summary>
    public DateTime? SentAtUtc { get; set; }

    public DateTime ReceivedAtUtc { get; set; }

    /// <summary>Set once the order has been re-read (or the notification needed no order work).</summary>
    public DateTime? ProcessedAtUtc { get; set; }

    /// <summary>The 自動処理ログ entry of the batch that handled it.</summary>
    public long? ProcessingLogEntryId { get; set; }
}

/// <summary>TikTok's numeric webhook topics (docs/tiktok-shop-api.md#webhook-payloads) that this app acts on.</summary>
public static class WebhookTypes
{
    public const int OrderStatusChange = 1;
    public const int RecipientAddressUpdate = 3;
    public const int SellerDeauthorization = 6;
    public const int UpcomingAuthorizationExpiration = 7;
    public const int CancellationStatusChange = 11;

    /// <summary>Topics answered by re-reading the order they name.</summary>
    public static bool NamesAnOrder(int type) => type is OrderStatusChange or RecipientAddressUpdate or CancellationStatusChange;
}
