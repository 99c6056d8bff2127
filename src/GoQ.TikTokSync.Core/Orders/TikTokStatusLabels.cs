using GoQ.TikTokSync.TikTokShop.Models;

namespace GoQ.TikTokSync.Core.Orders;

/// <summary>Japanese labels for TikTok's order statuses, as shown in TikTok Shop 取得ステータス (TikTok's value stays visible as a tooltip).</summary>
public static class TikTokStatusLabels
{
    public static IReadOnlyList<(TikTokOrderStatus Value, string Label)> Fetchable { get; } =
    [
        (TikTokOrderStatus.AwaitingShipment, "発送待ち"),
        (TikTokOrderStatus.Unpaid, "未払い"),
        (TikTokOrderStatus.OnHold, "保留中"),
        (TikTokOrderStatus.PartiallyShipping, "一部発送"),
        (TikTokOrderStatus.AwaitingCollection, "集荷待ち"),
        (TikTokOrderStatus.InTransit, "配送中"),
        (TikTokOrderStatus.Delivered, "配達済み"),
        (TikTokOrderStatus.Completed, "完了"),
        (TikTokOrderStatus.Cancelled, "キャンセル"),
    ];

    public static bool IsFetchable(TikTokOrderStatus status) => Fetchable.Any(s => s.Value == status);

    /// <summary>The Japanese label, or TikTok's own value for a status TikTok added later; empty when there is no status.</summary>
    public static string Label(TikTokOrderStatus? status) =>
        Fetchable.FirstOrDefault(s => s.Value == status).Label ?? status?.Value ?? string.Empty;

    /// <summary>
    /// Entries written before statuses were shown in Japanese carry TikTok's codes (「TikTokステータス: AWAITING_SHIPMENT →
    /// IN_TRANSIT」); they are labelled when shown rather than rewritten, so the stored log stays what was written.
    /// </summary>
    public static string LabelCodesIn(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        return CodePattern.Replace(text, match => Label(new TikTokOrderStatus(match.Value)));
    }

    private static readonly System.Text.RegularExpressions.Regex CodePattern = new(
        @"(?<![A-Z_])(?:" + string.Join('|', Fetchable.Select(s => s.Value.Value).OrderByDescending(v => v.Length)) + @")(?![A-Z_])",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant | System.Text.RegularExpressions.RegexOptions.Compiled);
}
