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
}
