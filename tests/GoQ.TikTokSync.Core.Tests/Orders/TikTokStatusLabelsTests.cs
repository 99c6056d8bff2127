using GoQ.TikTokSync.Core.Orders;

namespace GoQ.TikTokSync.Core.Tests.Orders;

public sealed class TikTokStatusLabelsTests
{
    [Theory]
    [InlineData("TikTokステータス: AWAITING_SHIPMENT → AWAITING_COLLECTION", "TikTokステータス: 発送待ち → 集荷待ち")]
    [InlineData("TikTok Shop から取込 (ON_HOLD)", "TikTok Shop から取込 (保留中)")]
    [InlineData("PARTIALLY_SHIPPING", "一部発送")]
    [InlineData("発送待ち", "発送待ち")]
    [InlineData("", "")]
    public void LabelCodesIn_TextWithTikTokStatusCodes_ReplacesEachWithItsJapaneseLabel(string stored, string shown) =>
        Assert.Equal(shown, TikTokStatusLabels.LabelCodesIn(stored));

    [Theory]
    [InlineData("NOT_AWAITING_SHIPMENT_X")]
    [InlineData("UNPAID_REFUND")]
    [InlineData("AWAITING_SHIPMENTS")]
    public void LabelCodesIn_CodeInsideAnotherWord_LeavesTextAlone(string stored) =>
        Assert.Equal(stored, TikTokStatusLabels.LabelCodesIn(stored));
}
