using GoQ.TikTokSync.Core.Time;
using Microsoft.Extensions.Time.Testing;

namespace GoQ.TikTokSync.Core.Tests.Time;

public sealed class JapanTimeTests
{
    [Fact]
    public void Format_UtcLateEvening_ShowsNextDayInJapan()
    {
        Assert.Equal("2026/11/29 08:15", JapanTime.Format(new DateTime(2026, 11, 28, 23, 15, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void Today_JustAfterMidnightInTokyo_IsTheJapaneseDate()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 15, 1, 0, TimeSpan.Zero));

        Assert.Equal(new DateOnly(2026, 11, 29), JapanTime.Today(time));
    }

    [Fact]
    public void Format_Null_IsEmpty()
    {
        Assert.Equal(string.Empty, JapanTime.Format((DateTime?)null));
    }
}
