namespace GoQ.TikTokSync.Core.Orders;

/// <summary>Japanese labels for TikTok's order statuses, as shown in TikTok Shop 取得ステータス (TikTok's value stays visible as a tooltip).</summary>
public static class TikTokStatusLabels
{
    public static IReadOnlyList<(string Value, string Label)> Fetchable { get; } =
    [
        (TikTokOrderStatusNames.AwaitingShipment, "発送待ち"),
        (TikTokOrderStatusNames.Unpaid, "未払い"),
        (TikTokOrderStatusNames.OnHold, "保留中"),
        (TikTokOrderStatusNames.PartiallyShipping, "一部発送"),
        (TikTokOrderStatusNames.AwaitingCollection, "集荷待ち"),
        (TikTokOrderStatusNames.InTransit, "配送中"),
        (TikTokOrderStatusNames.Delivered, "配達済み"),
        (TikTokOrderStatusNames.Completed, "完了"),
        (TikTokOrderStatusNames.Cancelled, "キャンセル"),
    ];

    public static bool IsFetchable(string? value) => Fetchable.Any(s => string.Equals(s.Value, value, StringComparison.Ordinal));

    public static string Label(string? value) =>
        Fetchable.FirstOrDefault(s => string.Equals(s.Value, value, StringComparison.Ordinal)).Label ?? value ?? string.Empty;

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

        return CodePattern.Replace(text, match => Label(match.Value));
    }

    private static readonly System.Text.RegularExpressions.Regex CodePattern = new(
        @"(?<![A-Z_])(?:" + string.Join('|', Fetchable.Select(s => s.Value).OrderByDescending(v => v.Length)) + @")(?![A-Z_])",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant | System.Text.RegularExpressions.RegexOptions.Compiled);
}
