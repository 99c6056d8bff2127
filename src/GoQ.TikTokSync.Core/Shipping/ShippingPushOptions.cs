using System.ComponentModel.DataAnnotations;

namespace GoQ.TikTokSync.Core.Shipping;

/// <summary>"ShippingPush" section: the push of shipping information to TikTok.</summary>
public sealed class ShippingPushOptions
{
    public const string SectionName = "ShippingPush";

    /// <summary>
    /// A package still 送信中 this long after its run claimed it (on the database's clock) belongs to a run that died
    /// mid-call: it becomes 結果確認中 and is read back from TikTok before anything is sent again. Far longer than one call
    /// with its retries takes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00")]
    public TimeSpan StaleClaimAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// UNCONFIRMED (docs/tiktok-shop-api.md, order statuses: the old flow without ON_HOLD): the buyer of an order with
    /// is_on_hold_order=false may still cancel for about an hour after payment, while it already reads AWAITING_SHIPMENT.
    /// </summary>
    public static readonly TimeSpan OldFlowBuyerCancellationWindow = TimeSpan.FromHours(1);

    /// <summary>
    /// How long after payment 自動書き出し (and データ書出) leaves an order of the old flow alone, so that nothing is
    /// shipped that the buyer may still cancel. Zero turns the wait off.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan BuyerCancellationWait { get; set; } = OldFlowBuyerCancellationWindow;
}
