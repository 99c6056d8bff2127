namespace GoQ.TikTokSync.Core.Orders;

/// <summary>What happened to an order and who did it: imports, TikTok status changes, operator moves and edits.</summary>
public class OrderHistoryEntry
{
    public const int DetailMaxLength = 1000;

    public long Id { get; set; }

    public long OrderId { get; set; }

    public DateTime AtUtc { get; set; }

    public OrderHistoryKind Kind { get; set; }

    /// <summary>Japanese, for the order detail page (例: 発送待ち → キャンセル).</summary>
    public string? Detail { get; set; }

    /// <summary>The operator; null for automatic changes.</summary>
    public string? UserName { get; set; }
}

public enum OrderHistoryKind
{
    Imported,
    TikTokStatusChanged,
    CancelledOnTikTok,
    GoqStatusMoved,
    Edited,
    CancellationAcknowledged,
    ShippingPushed,
    ShippingPushFailed,

    /// <summary>TikTok changed something other than the status: a line cancelled, the address, a buyer's cancel request.</summary>
    ChangedOnTikTok,

    /// <summary>An operator confirmed the tracking entry after TikTok changed the address.</summary>
    AddressChangeConfirmed,
}
