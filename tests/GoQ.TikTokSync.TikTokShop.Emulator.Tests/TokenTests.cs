using GoQ.TikTokSync.TikTokShop.Emulator.Tests.Support;

namespace GoQ.TikTokSync.TikTokShop.Emulator.Tests;

/// <summary>The auth host (docs/tiktok-shop-api.md#oauth): one-shot 30-minute codes, absolute expiries, rotating refresh tokens.</summary>
public sealed class TokenTests
{
    [Fact]
    public async Task ExchangeCode_ReturnsAbsoluteExpiriesAndSellerFields()
    {
        await using var emulator = await TestEmulator.StartAsync(authorize: false);
        var code = emulator.Control.CreateAuthorizationCode(TestEmulator.SellerA);

        var data = (await emulator.ExchangeCodeAsync(code)).AssertSuccess().Data;

        Assert.Equal(emulator.Now + (long)TimeSpan.FromDays(7).TotalSeconds, data.GetProperty("access_token_expire_in").GetInt64());
        Assert.Equal(4912765591, data.GetProperty("refresh_token_expire_in").GetInt64());
        Assert.StartsWith("TTP_", data.GetProperty("access_token").GetString(), StringComparison.Ordinal);
        Assert.Equal("テスト商店A", data.GetProperty("seller_name").GetString());
        Assert.Equal("JP", data.GetProperty("seller_base_region").GetString());
        Assert.Equal(0, data.GetProperty("user_type").GetInt32());
        Assert.True(data.GetProperty("granted_scopes").GetArrayLength() > 0);
        Assert.False(string.IsNullOrEmpty(data.GetProperty("open_id").GetString()));
    }

    [Fact]
    public async Task ExchangedAccessToken_WorksOnTheApi()
    {
        await using var emulator = await TestEmulator.StartAsync(authorize: false);
        var data = (await emulator.ExchangeCodeAsync(emulator.Control.CreateAuthorizationCode(TestEmulator.SellerB))).AssertSuccess().Data;

        var shops = await emulator.CallAsync("GET", "/authorization/202309/shops", shopCipher: null, accessToken: data.GetProperty("access_token").GetString());

        Assert.Equal(TestEmulator.ShopB, shops.AssertSuccess().Data.GetProperty("shops")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task ReusedCode_IsRefusedWith36004004()
    {
        await using var emulator = await TestEmulator.StartAsync(authorize: false);
        var code = emulator.Control.CreateAuthorizationCode(TestEmulator.SellerA);

        (await emulator.ExchangeCodeAsync(code)).AssertSuccess();
        var second = await emulator.ExchangeCodeAsync(code);

        second.AssertError(36004004, "Invalid auth code.");
    }

    [Theory]
    [InlineData(30 * 60, true)]
    [InlineData((30 * 60) + 1, false)]
    public async Task Code_LivesThirtyMinutes(int ageSeconds, bool accepted)
    {
        await using var emulator = await TestEmulator.StartAsync(authorize: false);
        var code = emulator.Control.CreateAuthorizationCode(TestEmulator.SellerA);

        emulator.Time.Advance(TimeSpan.FromSeconds(ageSeconds));
        var response = await emulator.ExchangeCodeAsync(code);

        if (accepted)
        {
            response.AssertSuccess();
        }
        else
        {
            response.AssertError(36004004);
        }
    }

    [Fact]
    public async Task UnknownCode_IsRefusedWith36004004()
    {
        await using var emulator = await TestEmulator.StartAsync(authorize: false);

        (await emulator.ExchangeCodeAsync("TTP_FeBoANmHP3yqdoUI9fZOCw")).AssertError(36004004);
    }

    [Fact]
    public async Task OAuthSpellingOfGrantType_IsRefused()
    {
        await using var emulator = await TestEmulator.StartAsync(authorize: false);
        var code = emulator.Control.CreateAuthorizationCode(TestEmulator.SellerA);

        var response = await emulator.ExchangeCodeAsync(code, grantType: "authorization_code");

        Assert.NotEqual(0, response.Code);
        (await emulator.ExchangeCodeAsync(code)).AssertSuccess();
    }

    [Fact]
    public async Task WrongAppSecret_IsRefused()
    {
        await using var emulator = await TestEmulator.StartAsync(authorize: false);
        var code = emulator.Control.CreateAuthorizationCode(TestEmulator.SellerA);

        var response = await emulator.TokenAsync("/api/v2/token/get", new Dictionary<string, string>
        {
            ["app_key"] = TestEmulator.AppKey, ["app_secret"] = "wrong", ["auth_code"] = code, ["grant_type"] = "authorized_code",
        });

        response.AssertError(36009004);
    }

    [Fact]
    public async Task Refresh_RotatesTheRefreshToken_OldOneIsRefusedAfterUse()
    {
        await using var emulator = await TestEmulator.StartAsync(authorize: false);
        var first = (await emulator.ExchangeCodeAsync(emulator.Control.CreateAuthorizationCode(TestEmulator.SellerA))).AssertSuccess().Data;
        var oldRefresh = first.GetProperty("refresh_token").GetString()!;

        emulator.Time.Advance(TimeSpan.FromDays(6));
        var refreshed = (await emulator.RefreshAsync(oldRefresh)).AssertSuccess().Data;
        var reused = await emulator.RefreshAsync(oldRefresh);
        var next = await emulator.RefreshAsync(refreshed.GetProperty("refresh_token").GetString()!);

        Assert.NotEqual(oldRefresh, refreshed.GetProperty("refresh_token").GetString());
        Assert.Equal(emulator.Now + (long)TimeSpan.FromDays(7).TotalSeconds, refreshed.GetProperty("access_token_expire_in").GetInt64());
        Assert.Equal(first.GetProperty("refresh_token_expire_in").GetInt64(), refreshed.GetProperty("refresh_token_expire_in").GetInt64());
        reused.AssertError(36004004);
        next.AssertSuccess();
    }

    [Fact]
    public async Task Refresh_AfterTheChosenAuthorizationPeriod_IsRefusedWith36004001()
    {
        await using var emulator = await TestEmulator.StartAsync(authorize: false);
        var grant = emulator.Control.IssueTokens(TestEmulator.SellerA, AuthorizationPeriod.OneMonth);

        Assert.Equal(TestEmulator.Start.AddMonths(1).ToUnixTimeSeconds(), grant.RefreshTokenExpireIn);
        emulator.Time.Advance(TimeSpan.FromDays(32));
        var response = await emulator.RefreshAsync(grant.RefreshToken);

        response.AssertError(36004001, "rt has expired");
    }

    [Fact]
    public async Task ExpireRefreshTokens_FromControl_EndsTheAuthorization()
    {
        await using var emulator = await TestEmulator.StartAsync(authorize: false);
        var grant = emulator.Control.IssueTokens(TestEmulator.SellerA);

        emulator.Control.ExpireRefreshTokens(TestEmulator.SellerA);

        (await emulator.RefreshAsync(grant.RefreshToken)).AssertError(36004001);
    }

    [Fact]
    public async Task Refresh_AfterRevocation_IsRefused()
    {
        await using var emulator = await TestEmulator.StartAsync(authorize: false);
        var grant = emulator.Control.IssueTokens(TestEmulator.SellerA);

        emulator.Control.RevokeAuthorization(TestEmulator.SellerA);

        Assert.NotEqual(0, (await emulator.RefreshAsync(grant.RefreshToken)).Code);
    }

    [Fact]
    public async Task RefreshTokenGrantType_OnTheGetEndpoint_IsRefused()
    {
        await using var emulator = await TestEmulator.StartAsync(authorize: false);
        var code = emulator.Control.CreateAuthorizationCode(TestEmulator.SellerA);

        Assert.NotEqual(0, (await emulator.ExchangeCodeAsync(code, grantType: "refresh_token")).Code);
    }
}
