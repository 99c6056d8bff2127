using System.Net;
using GoQ.TikTokSync.TikTokShop.Errors;
using GoQ.TikTokSync.TikTokShop.Tests.Samples;
using GoQ.TikTokSync.TikTokShop.Tests.Support;

namespace GoQ.TikTokSync.TikTokShop.Tests;

public sealed class AuthClientTests : IDisposable
{
    private readonly TestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public void BuildAuthorizationUrl_UsesServiceIdAndState()
    {
        var url = _host.Auth.BuildAuthorizationUrl("csrf+state/1");

        Assert.Equal(
            "https://services.tiktokshop.com/open/authorize?service_id=7123456789012345678&state=csrf%2Bstate%2F1",
            url.AbsoluteUri);
    }

    [Fact]
    public void BuildAuthorizationUrl_WithoutState_OmitsIt()
    {
        var url = _host.Auth.BuildAuthorizationUrl(null);

        Assert.Equal("?service_id=7123456789012345678", url.Query);
    }

    [Fact]
    public async Task GetAccessToken_SendsUnsignedGetWithAuthorizedCodeGrant()
    {
        _host.Handler.Enqueue(_ => Responses.Json(WireSamples.TokenResponse));

        await _host.Auth.GetAccessTokenAsync("TTP_FeBoANmHP3yqdoUI9fZOCw");

        var sent = Assert.Single(_host.Handler.Requests);
        Assert.Equal(HttpMethod.Get, sent.Method);
        Assert.Equal("http://127.0.0.1:5998/api/v2/token/get", sent.Uri.GetLeftPart(UriPartial.Path));
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["app_key"] = TestHost.AppKey,
                ["app_secret"] = TestHost.AppSecret,
                ["auth_code"] = "TTP_FeBoANmHP3yqdoUI9fZOCw",
                ["grant_type"] = "authorized_code",
            },
            sent.Query);
        Assert.Null(sent.AccessTokenHeader);
    }

    [Fact]
    public async Task RefreshAccessToken_SendsRefreshTokenGrant()
    {
        _host.Handler.Enqueue(_ => Responses.Json(WireSamples.TokenResponse));

        await _host.Auth.RefreshAccessTokenAsync("TTP_refresh");

        var sent = Assert.Single(_host.Handler.Requests);
        Assert.Equal("/api/v2/token/refresh", sent.Path);
        Assert.Equal("refresh_token", sent.QueryValue("grant_type"));
        Assert.Equal("TTP_refresh", sent.QueryValue("refresh_token"));
        Assert.Null(sent.QueryValue("sign"));
    }

    [Fact]
    public async Task TokenResponse_ExpiriesAreAbsoluteEpochs_EvenBeyondInt32()
    {
        _host.Handler.Enqueue(_ => Responses.Json(WireSamples.TokenResponse));

        var token = await _host.Auth.GetAccessTokenAsync("code");

        // Read as instants, not as durations added to "now" (the fake clock stands in 2021 here).
        Assert.Equal(new DateTimeOffset(2026, 10, 6, 17, 52, 42, TimeSpan.Zero), token.AccessTokenExpiresAt);
        Assert.Equal(new DateTimeOffset(2125, 9, 5, 17, 6, 31, TimeSpan.Zero), token.RefreshTokenExpiresAt);
        Assert.Equal("TTP_pRmJ0AAAAAAmr6KZjTeYZc5P1WrVcuT0rDHl6_7iVgwQzxFVDBYDo8", token.AccessToken);
        Assert.Equal("TTP_NTUxZTNhYTQ2ZDk3N2QxOGE4YTIzYzE2ZWExZmNiYjY4ZTA0NjQ0", token.RefreshToken);
        Assert.Equal(0, token.UserType);
        Assert.Equal("JP", token.SellerBaseRegion);
        Assert.Equal(["seller.order.info", "seller.fulfillment.basic"], token.GrantedScopes);
    }

    [Fact]
    public async Task Token_ToString_NeverShowsTheTokens()
    {
        _host.Handler.Enqueue(_ => Responses.Json(WireSamples.TokenResponse));

        var token = await _host.Auth.GetAccessTokenAsync("code");

        Assert.DoesNotContain(token.AccessToken, token.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(token.RefreshToken, token.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidAuthCode_BecomesReauthorizationNeeded_AndIsNotRetried()
    {
        _host.Handler.Enqueue(_ => Responses.Error(36004004, "Invalid auth code."));

        var error = await Assert.ThrowsAsync<TikTokShopApiException>(() => _host.Auth.GetAccessTokenAsync("used-code"));

        Assert.Equal(TikTokShopErrorClassification.ReauthorizationNeeded, error.Classification);
        Assert.Equal("/api/v2/token/get", error.Path);
        Assert.Single(_host.Handler.Requests);
    }

    [Fact]
    public async Task ExpiredRefreshToken_BecomesReauthorizationNeeded()
    {
        _host.Handler.Enqueue(_ => Responses.Error(36004001, "rt has expired"));

        var error = await Assert.ThrowsAsync<TikTokShopApiException>(() => _host.Auth.RefreshAccessTokenAsync("old"));

        Assert.Equal(TikTokShopErrorClassification.ReauthorizationNeeded, error.Classification);
    }

    [Fact]
    public async Task TokenCalls_SuccessAndFailure_NeverLogTheSecretOrTheUrlQuery()
    {
        _host.Handler.Enqueue(_ => Responses.Json(WireSamples.TokenResponse));
        _host.Handler.Enqueue(_ => Responses.Json("""{"code":36009003,"message":"Internal error"}""", HttpStatusCode.InternalServerError));
        _host.Handler.Enqueue(_ => throw new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely."));

        await _host.Auth.GetAccessTokenAsync("TTP_code");
        var serverError = await Assert.ThrowsAsync<TikTokShopApiException>(() => _host.Auth.RefreshAccessTokenAsync("TTP_refresh"));
        var transportError = await Assert.ThrowsAsync<TikTokShopApiException>(() => _host.Auth.RefreshAccessTokenAsync("TTP_refresh"));

        Assert.Equal(TikTokShopErrorClassification.OutcomeUnknown, serverError.Classification);
        Assert.Equal(TikTokShopErrorClassification.OutcomeUnknown, transportError.Classification);
        Assert.NotEmpty(_host.Logs.Lines);
        Assert.All(_host.Logs.Lines, line =>
        {
            Assert.DoesNotContain(TestHost.AppSecret, line, StringComparison.Ordinal);
            Assert.DoesNotContain("app_secret", line, StringComparison.Ordinal);
            Assert.DoesNotContain("TTP_", line, StringComparison.Ordinal);
        });
        Assert.DoesNotContain(TestHost.AppSecret, serverError.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(TestHost.AppSecret, transportError.ToString(), StringComparison.Ordinal);
    }
}
