using GoQ.TikTokSync.Core.Malls;

namespace GoQ.TikTokSync.Core.Tests.Malls;

public sealed class MallConnectionSyncRuleTests
{
    private static MallConnection Ready() => new()
    {
        IsEnabled = true,
        AuthorizationState = AuthorizationState.Authorized,
        ShopCipher = "ROW_ready",
        AutoFetchEnabled = true,
    };

    [Fact]
    public void SyncBlockReason_AuthorizedWithShop_IsNullAndCanSync()
    {
        var connection = Ready();

        Assert.Null(connection.SyncBlockReason);
        Assert.True(connection.CanSync);
    }

    [Fact]
    public void SyncBlockReason_NotInUse_SaysNotInUseEvenWhenAuthorized()
    {
        var connection = Ready();
        connection.IsEnabled = false;

        Assert.Equal("このショップは利用しない設定です", connection.SyncBlockReason);
        Assert.False(connection.CanSync);
    }

    [Fact]
    public void SyncBlockReason_NotInUseAndNotAuthorized_SaysNotInUseFirst()
    {
        var connection = new MallConnection { IsEnabled = false, AuthorizationState = AuthorizationState.NotAuthorized };

        Assert.Equal(MallConnectionDisabledException.JapaneseReason, connection.SyncBlockReason);
    }

    [Fact]
    public void SyncBlockReason_ReauthorizationRequired_SaysReauthorize()
    {
        var connection = Ready();
        connection.AuthorizationState = AuthorizationState.ReauthorizationRequired;

        Assert.Equal("再認証が必要です", connection.SyncBlockReason);
        Assert.False(connection.CanSync);
    }

    [Fact]
    public void SyncBlockReason_NotAuthorized_SaysNotAuthorized()
    {
        var connection = Ready();
        connection.AuthorizationState = AuthorizationState.NotAuthorized;

        Assert.Equal("未認証", connection.SyncBlockReason);
        Assert.False(connection.CanSync);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void SyncBlockReason_NoShopChosen_SaysNoShop(string? cipher)
    {
        var connection = Ready();
        connection.ShopCipher = cipher;

        Assert.Equal("ショップ未選択", connection.SyncBlockReason);
        Assert.False(connection.CanSync);
    }

    [Fact]
    public void AutoFetchBlockReason_ReadyWithAutoFetchOn_IsNull()
    {
        Assert.Null(Ready().AutoFetchBlockReason);
    }

    [Fact]
    public void AutoFetchBlockReason_AutoFetchOff_SaysOffBeforeAuthorization()
    {
        var connection = Ready();
        connection.AutoFetchEnabled = false;
        connection.AuthorizationState = AuthorizationState.NotAuthorized;

        Assert.Equal("自動取得オフ", connection.AutoFetchBlockReason);
    }

    [Fact]
    public void AutoFetchBlockReason_NotInUseWithAutoFetchOff_SaysNotInUse()
    {
        var connection = Ready();
        connection.IsEnabled = false;
        connection.AutoFetchEnabled = false;

        Assert.Equal(MallConnectionDisabledException.JapaneseReason, connection.AutoFetchBlockReason);
    }

    [Fact]
    public void AutoFetchBlockReason_AutoFetchOnButCannotSync_GivesTheSyncReason()
    {
        var connection = Ready();
        connection.ShopCipher = null;

        Assert.Equal("ショップ未選択", connection.AutoFetchBlockReason);
    }
}
