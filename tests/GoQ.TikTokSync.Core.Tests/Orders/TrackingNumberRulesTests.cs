using GoQ.TikTokSync.Core.Orders;
using Microsoft.Extensions.Time.Testing;

namespace GoQ.TikTokSync.Core.Tests.Orders;

public sealed class TrackingNumberRulesTests
{
    // 12345678901 mod 7 = 3 → 123456789013 is valid; 123456789016 is not.
    [Theory]
    [InlineData(Carrier.Yamato, "123456789013")]
    [InlineData(Carrier.Sagawa, "1234-5678-9013")]
    [InlineData(Carrier.JapanPost, "1234 5678 9013")]
    [InlineData(Carrier.Yamato, "１２３４５６７８９０１３")]
    public void Validate_TwelveDigitsWithMod7CheckDigit_IsStoredBare(Carrier carrier, string input)
    {
        var result = TrackingNumberRules.Validate(carrier, input);

        Assert.True(result.IsValid, result.Error);
        Assert.Equal("123456789013", result.Normalized);
    }

    [Theory]
    [InlineData(Carrier.Yamato, "123456789016", "チェックデジット")]
    [InlineData(Carrier.Sagawa, "12345678901", "12桁")]
    [InlineData(Carrier.JapanPost, "12345678901A", "数字")]
    [InlineData(Carrier.Yamato, "", "入力してください")]
    [InlineData(Carrier.SeinoTransportation, "123456789013", "10桁")]
    public void Validate_BadNumber_GivesJapaneseReason(Carrier carrier, string input, string expected)
    {
        var result = TrackingNumberRules.Validate(carrier, input);

        Assert.False(result.IsValid);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_YamatoLengthNumberEnteredForSeinoOfTenDigits_IsAcceptedButTenDigitsForYamatoHintsSeino()
    {
        Assert.True(TrackingNumberRules.Validate(Carrier.SeinoTransportation, "1234567890").IsValid);
        Assert.Contains("西濃運輸", TrackingNumberRules.Validate(Carrier.Yamato, "1234567890").Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateShipDate_FutureOrBeforeOrder_IsRefused()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 15, 30, 0, TimeSpan.Zero)); // 2026-11-29 00:30 JST
        var ordered = new DateTime(2026, 11, 27, 16, 0, 0, DateTimeKind.Utc); // 2026-11-28 JST

        Assert.Null(TrackingNumberRules.ValidateShipDate(new DateOnly(2026, 11, 29), ordered, time));
        Assert.Null(TrackingNumberRules.ValidateShipDate(new DateOnly(2026, 11, 28), ordered, time));
        Assert.Contains("未来", TrackingNumberRules.ValidateShipDate(new DateOnly(2026, 11, 30), ordered, time), StringComparison.Ordinal);
        Assert.Contains("2026/11/28", TrackingNumberRules.ValidateShipDate(new DateOnly(2026, 11, 27), ordered, time), StringComparison.Ordinal);
    }
}
