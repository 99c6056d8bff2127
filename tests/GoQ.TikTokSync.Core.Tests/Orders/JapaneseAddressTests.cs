using GoQ.TikTokSync.Core.Orders;

namespace GoQ.TikTokSync.Core.Tests.Orders;

public sealed class JapaneseAddressTests
{
    [Theory]
    [InlineData("(+81)08012345678", "08012345678")]
    [InlineData("(+81)8012345678", "08012345678")]
    [InlineData("+81-80-1234-5678", "08012345678")]
    [InlineData("080-1234-5678", "08012345678")]
    [InlineData("０８０１２３４５６７８", "08012345678")]
    [InlineData("03-1234-5678", "0312345678")]
    public void DomesticDigits_AnyOperatorFormat_GivesTheSameDigits(string input, string expected) =>
        Assert.Equal(expected, JapaneseAddress.DomesticDigits(input));

    [Theory]
    [InlineData("(+81)08012345678", "080-1234-5678")]
    [InlineData("(+81)0312345678", "03-1234-5678")]
    [InlineData("(+81)0451234567", "045-123-4567")]
    public void FormatPhone_WritesItAsJapaneseOperatorsDo(string input, string expected) =>
        Assert.Equal(expected, JapaneseAddress.FormatPhone(input));

    [Theory]
    [InlineData("1008111", "〒100-8111")]
    [InlineData("100-8111", "〒100-8111")]
    [InlineData("１００－８１１１", "〒100-8111")]
    public void FormatPostalCode_ShowsTheMarkAndHyphen(string input, string expected) =>
        Assert.Equal(expected, JapaneseAddress.FormatPostalCode(input));

    [Theory]
    [InlineData("(+81)090****5678")]
    [InlineData("(+81)090-****-5678")]
    [InlineData("(+81)090＊＊＊＊5678")]
    public void DomesticDigits_MaskedNumber_GivesNoDigitsRatherThanAWrongShortNumber(string masked)
    {
        Assert.True(JapaneseAddress.IsMasked(masked));
        Assert.Null(JapaneseAddress.DomesticDigits(masked));
    }

    [Fact]
    public void FormatPhone_MaskedNumber_IsShownExactlyAsSent() =>
        Assert.Equal("(+81)090****5678", JapaneseAddress.FormatPhone("(+81)090****5678"));

    [Theory]
    [InlineData("(+81)090-1234-5678", "09012345678")]
    [InlineData("(+81)90-1234-5678", "09012345678")]
    public void DomesticDigits_HyphenatedInternationalNumber_DropsHyphensAndTurnsPlus81IntoZero(string input, string expected) =>
        Assert.Equal(expected, JapaneseAddress.DomesticDigits(input));

    [Theory]
    [InlineData("１００８１１１", "1008111")]
    [InlineData("100-8111", "1008111")]
    [InlineData("〒100-8111", "1008111")]
    [InlineData("32***", "32***")]
    [InlineData("ABC 123", "ABC 123")]
    public void NormalizePostalCode_OnlyCertainFormsBecomeSevenDigits_OthersStayAsSent(string input, string expected) =>
        Assert.Equal(expected, JapaneseAddress.NormalizePostalCode(input));
}
