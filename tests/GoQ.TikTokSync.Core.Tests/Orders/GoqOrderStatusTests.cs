using GoQ.TikTokSync.Core.Orders;

namespace GoQ.TikTokSync.Core.Tests.Orders;

public sealed class GoqOrderStatusTests
{
    [Fact]
    public void All_ListsTheManualsStatusesInTabOrder()
    {
        Assert.Equal(
            ["新規受付", "発送前入金待ち", "発送待ち", "発送後入金待ち", "処理済", "保留", "キャンセル"],
            GoqOrderStatuses.All.Select(s => s.JapaneseName()));
    }

    [Fact]
    public void AllView_IsNotAStatus()
    {
        Assert.False(GoqOrderStatuses.TryParseJapaneseName(GoqOrderStatuses.AllViewLabel, out _));
        Assert.Equal(Enum.GetValues<GoqOrderStatus>().Length, GoqOrderStatuses.All.Count);
    }

    [Theory]
    [InlineData("新規受付", GoqOrderStatus.NewOrder)]
    [InlineData("保留", GoqOrderStatus.OnHold)]
    [InlineData("キャンセル", GoqOrderStatus.Cancelled)]
    public void TryParseJapaneseName_KnownName_ReturnsStatus(string name, GoqOrderStatus expected)
    {
        Assert.True(GoqOrderStatuses.TryParseJapaneseName(name, out var status));
        Assert.Equal(expected, status);
    }
}
