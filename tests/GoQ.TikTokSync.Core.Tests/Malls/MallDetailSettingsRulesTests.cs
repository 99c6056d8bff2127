using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Orders;

namespace GoQ.TikTokSync.Core.Tests.Malls;

public sealed class MallDetailSettingsRulesTests
{
    private static readonly MallSettingsOptions Limits = new();

    [Theory]
    [InlineData("1", 1)]
    [InlineData("30", 30)]
    [InlineData(" 7 ", 7)]
    [InlineData("１５", 15)]
    public void Validate_WholeDaysInRange_AreAccepted(string days, int expected)
    {
        var result = MallDetailSettingsRules.Validate("AWAITING_SHIPMENT", "NewOrder", days, Limits);

        Assert.Empty(result.Errors);
        Assert.Equal(expected, result.FetchDays);
        Assert.Equal(GoqOrderStatus.NewOrder, result.TargetGoqStatus);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("31")]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("1e1")]
    public void Validate_DaysOutsideRange_IsRefused(string? days)
    {
        var result = MallDetailSettingsRules.Validate("AWAITING_SHIPMENT", "NewOrder", days, Limits);

        Assert.Contains(result.Errors, e => e.Field == "FetchDays" && e.Message.Contains("1〜30", StringComparison.Ordinal));
        Assert.Null(result.FetchDays);
    }

    [Fact]
    public void Validate_RangeIsTheNamedSetting()
    {
        var result = MallDetailSettingsRules.Validate("AWAITING_SHIPMENT", "NewOrder", "20", new MallSettingsOptions { MaxFetchDays = 14 });

        Assert.Contains(result.Errors, e => e.Message.Contains("1〜14", StringComparison.Ordinal));
    }
}
