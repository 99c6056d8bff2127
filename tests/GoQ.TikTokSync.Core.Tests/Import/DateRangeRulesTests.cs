using GoQ.TikTokSync.Core.Import;

namespace GoQ.TikTokSync.Core.Tests.Import;

public sealed class DateRangeRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 3, 0, 0, TimeSpan.Zero); // 12:00 JST

    [Fact]
    public void Validate_JstWindow_BecomesUtc()
    {
        var result = DateRangeRules.Validate("2026-11-20T09:00", "2026-11-21T09:00", 30, Now);

        Assert.Empty(result.Errors);
        Assert.Equal(new DateTime(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc), result.FromUtc);
        Assert.Equal(new DateTime(2026, 11, 21, 0, 0, 0, DateTimeKind.Utc), result.ToUtc);
    }

    [Theory]
    [InlineData("", "2026-11-21T09:00", "From")]
    [InlineData("2026-11-22T09:00", "2026-11-21T09:00", "To")]
    [InlineData("2026-10-01T09:00", "2026-11-21T09:00", "To")]
    [InlineData("yesterday", "2026-11-21T09:00", "From")]
    [InlineData("2026-11-29T09:00", "2026-11-30T09:00", "From")]
    public void Validate_BadWindow_IsRefusedOnTheRightField(string from, string to, string field)
    {
        var result = DateRangeRules.Validate(from, to, 30, Now);

        Assert.Contains(result.Errors, e => e.Field == field);
        Assert.Null(result.FromUtc);
    }
}
