using System.Web;
using GoQ.TikTokSync.TikTokShop.Emulator;
using GoQ.TikTokSync.TikTokShop.Errors;
using GoQ.TikTokSync.TikTokShop.IntegrationTests.Support;

namespace GoQ.TikTokSync.TikTokShop.IntegrationTests;

/// <summary>OAuth against the emulated auth host, and the first call every connection makes (Get Authorized Shops).</summary>
public sealed class AuthorizationTests
{
    [Fact]
    public async Task CodeExchangeThenRefresh_ExpiriesAreAbsolute_RefreshTokenRotates_OldOneRefused()
    {
        await using var h = await ClientAgainstEmulator.StartAsync();
        var code = h.Control.CreateAuthorizationCode(DemoDefaults.SellerLoginId, AuthorizationPeriod.OneYear);

        var first = await h.Auth.GetAccessTokenAsync(code, h.Ct);

        var accessLifetime = new EmulatorOptions().AccessTokenLifetime;
        Assert.Equal(ClientAgainstEmulator.Start + accessLifetime, first.AccessTokenExpiresAt);
        Assert.Equal(ClientAgainstEmulator.Start.AddYears(1), first.RefreshTokenExpiresAt);
        Assert.Equal(DemoDefaults.SellerName, first.SellerName);
        Assert.Equal("JP", first.SellerBaseRegion);
        Assert.Equal(0, first.UserType);
        Assert.Contains("seller.order.info", first.GrantedScopes);

        var reusedCode = await Assert.ThrowsAsync<TikTokShopApiException>(() => h.Auth.GetAccessTokenAsync(code, h.Ct));
        Assert.Equal(TikTokShopErrorClassification.ReauthorizationNeeded, reusedCode.Classification);

        h.EmulatorTime!.Advance(TimeSpan.FromHours(1));
        var second = await h.Auth.RefreshAccessTokenAsync(first.RefreshToken, h.Ct);

        Assert.NotEqual(first.AccessToken, second.AccessToken);
        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
        Assert.Equal(ClientAgainstEmulator.Start + TimeSpan.FromHours(1) + accessLifetime, second.AccessTokenExpiresAt);
        Assert.Equal(first.RefreshTokenExpiresAt, second.RefreshTokenExpiresAt);

        var staleRefresh = await Assert.ThrowsAsync<TikTokShopApiException>(() => h.Auth.RefreshAccessTokenAsync(first.RefreshToken, h.Ct));
        Assert.Equal(TikTokShopErrorClassification.ReauthorizationNeeded, staleRefresh.Classification);

        var third = await h.Auth.RefreshAccessTokenAsync(second.RefreshToken, h.Ct);
        var shops = await h.Api.GetAuthorizedShopsAsync(new EmulatorTokenSource(h.Auth, third), h.Ct);
        Assert.Equal(DemoDefaults.ShopId, Assert.Single(shops).Id);
        h.Wire.AssertContractHeld();
    }

    [Fact]
    public async Task ConsentPagesOverHttp_RedirectCarriesCodeAndState_CodeExchangesForTheChosenPeriod()
    {
        await using var h = await ClientAgainstEmulator.StartAsync();
        const string state = "csrf+/=ß1";
        using var browser = new ConsentBrowser();

        var redirect = await browser.ApproveAsync(
            h.Auth.BuildAuthorizationUrl(state), DemoDefaults.SellerLoginId, DemoDefaults.SellerPassword, period: "6m", h.Ct);

        Assert.Equal(DemoDefaults.RedirectUrl, redirect.GetLeftPart(UriPartial.Path));
        var query = HttpUtility.ParseQueryString(redirect.Query);
        Assert.Equal(state, query["state"]);
        var token = await h.Auth.GetAccessTokenAsync(query["code"]!, h.Ct);
        Assert.Equal(ClientAgainstEmulator.Start.AddMonths(6), token.RefreshTokenExpiresAt);
        var shops = await h.Api.GetAuthorizedShopsAsync(new EmulatorTokenSource(h.Auth, token), h.Ct);
        Assert.Equal(DemoDefaults.ShopCipher, Assert.Single(shops).Cipher);
        h.Wire.AssertContractHeld();
    }

    [Fact]
    public async Task GetAuthorizedShops_ReturnsTheDemoShopWithItsCipher_AndSendsNoShopCipher()
    {
        await using var h = await ClientAgainstEmulator.StartAsync();

        var shops = await h.Api.GetAuthorizedShopsAsync(h.Tokens, h.Ct);

        var shop = Assert.Single(shops);
        Assert.Equal(DemoDefaults.ShopId, shop.Id);
        Assert.Equal(DemoDefaults.ShopName, shop.Name);
        Assert.Equal(DemoDefaults.ShopCipher, shop.Cipher);
        Assert.Equal(DemoDefaults.ShopCode, shop.Code);
        Assert.Equal("JP", shop.Region);
        Assert.Equal("LOCAL", shop.SellerType);
        var call = Assert.Single(h.Wire.Calls("GET", "/authorization/202309/shops"));
        Assert.False(call.Query.ContainsKey("shop_cipher"));
        h.Wire.AssertContractHeld();
    }

    [Fact]
    public async Task ExpiredAccessToken_IsRefreshedOnce_AndTheCallSucceeds()
    {
        await using var h = await ClientAgainstEmulator.StartAsync();
        var orderId = h.CreateOrder();
        var before = h.Tokens.Current;
        Assert.Equal(1, h.Control.ExpireAccessTokens(DemoDefaults.SellerLoginId));

        var orders = await h.Api.GetOrderDetailsAsync(h.Shop, [orderId], h.Ct);

        Assert.Equal(orderId, Assert.Single(orders).Id);
        Assert.Equal(1, h.Tokens.RefreshCount);
        Assert.NotEqual(before.AccessToken, h.Tokens.Current.AccessToken);
        Assert.Equal([before.RefreshToken], h.Tokens.RetiredRefreshTokens);
        var detailCalls = h.Wire.Calls("GET", "/order/202309/orders");
        Assert.Equal([105002, 0], detailCalls.Select(c => c.Code ?? -1));
        Assert.Equal([before.AccessToken, h.Tokens.Current.AccessToken], detailCalls.Select(c => c.AccessTokenHeader));
        h.Wire.AssertContractHeld();
    }

    [Fact]
    public async Task ExpiredAccessToken_ConcurrentCallsShareOneRefresh()
    {
        await using var h = await ClientAgainstEmulator.StartAsync();
        var orderIds = Enumerable.Range(0, 8).Select(_ => h.CreateOrder()).ToList();
        h.Control.ExpireAccessTokens(DemoDefaults.SellerLoginId);

        var results = await Task.WhenAll(orderIds.Select(id => h.Api.GetOrderDetailsAsync(h.Shop, [id], h.Ct)));

        Assert.Equal(orderIds, results.Select(r => Assert.Single(r).Id));
        Assert.Equal(1, h.Tokens.RefreshCount);
        Assert.Single(h.Wire.Exchanges, e => e.Side == WireSide.Auth && e.Path.EndsWith("/refresh", StringComparison.Ordinal));
        h.Wire.AssertContractHeld();
    }

    [Fact]
    public async Task ExpiredRefreshToken_SurfacesAsReauthorizationNeeded()
    {
        await using var h = await ClientAgainstEmulator.StartAsync();
        h.Control.ExpireAccessTokens(DemoDefaults.SellerLoginId);
        h.Control.ExpireRefreshTokens(DemoDefaults.SellerLoginId);

        var failure = await Assert.ThrowsAsync<TikTokShopApiException>(() => h.Api.GetAuthorizedShopsAsync(h.Tokens, h.Ct));

        Assert.Equal(TikTokShopErrorClassification.ReauthorizationNeeded, failure.Classification);
        Assert.Equal(TikTokShopErrorCodes.RefreshTokenExpired, failure.Code);
        h.Wire.AssertContractHeld();
    }

    [Fact]
    public async Task RevokedAuthorization_RefusedTokenIsRefreshedOnce_AndTheRefusedRefreshSurfaces()
    {
        await using var h = await ClientAgainstEmulator.StartAsync();
        h.Control.RevokeAuthorization(DemoDefaults.SellerLoginId);

        var failure = await Assert.ThrowsAsync<TikTokShopApiException>(() => h.Api.GetAuthorizedShopsAsync(h.Tokens, h.Ct));

        // The shops call is refused as invalid credentials, the one refresh is refused too: that refusal is the answer.
        Assert.Equal(TikTokShopErrorClassification.ReauthorizationNeeded, failure.Classification);
        Assert.Equal(TikTokShopErrorCodes.InvalidAuthCode, failure.Code);
        Assert.Single(h.Wire.Exchanges, e => e.Side == WireSide.Auth && e.Path.EndsWith("/refresh", StringComparison.Ordinal));
        Assert.Equal([TikTokShopErrorCodes.OverloadedRequestError], h.Wire.Calls("GET", "/authorization/202309/shops").Select(c => c.Code ?? -1));
        h.Wire.AssertContractHeld();
    }
}
