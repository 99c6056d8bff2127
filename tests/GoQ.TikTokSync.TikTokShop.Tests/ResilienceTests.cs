using System.Net;
using GoQ.TikTokSync.TikTokShop.Errors;
using GoQ.TikTokSync.TikTokShop.Models;
using GoQ.TikTokSync.TikTokShop.Tests.Support;

namespace GoQ.TikTokSync.TikTokShop.Tests;

/// <summary>Retries, re-signing, the no-blind-retry rule for writes, Retry-After and the one-time token refresh.</summary>
public sealed class ResilienceTests : IDisposable
{
    private static readonly TikTokMarkPackageShippedRequest Ship = new("123456789012", "7117858858072016686");

    private readonly TestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task RetriedRead_IsSignedAgainWithFreshTimestamp()
    {
        _host.Handler.Enqueue(_ =>
        {
            // A slow failure: the clock moves on before the retry is signed.
            _host.Time.Advance(TimeSpan.FromSeconds(3));
            return Responses.Json("""{"code":36009003,"message":"Internal error","request_id":"r1"}""", HttpStatusCode.ServiceUnavailable);
        });
        _host.Handler.Enqueue(_ => Responses.Success("""{"shipping_providers":[{"id":"1","name":"ヤマト運輸"}]}"""));

        var providers = await _host.RunAdvancingTimeAsync(() => _host.Api.GetShippingProvidersAsync(_host.Shop, "7091146663229654785"));

        Assert.Equal("ヤマト運輸", Assert.Single(providers).Name);
        var attempts = _host.Handler.Requests;
        Assert.Equal(2, attempts.Count);
        Assert.True(attempts[1].FakeNow > attempts[0].FakeNow);
        Assert.NotEqual(attempts[0].QueryValue("timestamp"), attempts[1].QueryValue("timestamp"));
        Assert.Equal(attempts[1].FakeNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), attempts[1].QueryValue("timestamp"));
        Assert.NotEqual(attempts[0].QueryValue("sign"), attempts[1].QueryValue("sign"));
        Assert.All(attempts, attempt => Assert.Equal(TestHost.ExpectedSign(attempt), attempt.QueryValue("sign")));
    }

    [Fact]
    public async Task Post_After5xx_IsNotRetried_AndOutcomeIsUnknown()
    {
        _host.Handler.Enqueue(_ => new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent("<html>bad gateway</html>") });

        var error = await Assert.ThrowsAsync<TikTokShopApiException>(() =>
            _host.RunAdvancingTimeAsync(() => _host.Api.MarkPackageAsShippedAsync(_host.Shop, "576461413038785752", Ship)));

        Assert.Single(_host.Handler.Requests);
        Assert.Equal(TikTokShopErrorClassification.OutcomeUnknown, error.Classification);
        Assert.Equal(502, error.HttpStatus);
        Assert.Null(error.Code);
    }

    [Fact]
    public async Task Post_AfterAttemptTimeout_IsNotRetried_AndOutcomeIsUnknown()
    {
        _host.Handler.Enqueue(async (_, cancellationToken) =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        });

        var error = await Assert.ThrowsAsync<TikTokShopApiException>(() =>
            _host.RunAdvancingTimeAsync(() => _host.Api.MarkPackageAsShippedAsync(_host.Shop, "576461413038785752", Ship), TimeSpan.FromSeconds(1)));

        Assert.Single(_host.Handler.Requests);
        Assert.Equal(TikTokShopErrorClassification.OutcomeUnknown, error.Classification);
        Assert.Null(error.HttpStatus);
    }

    [Fact]
    public async Task Get_AfterAttemptTimeout_IsRetried()
    {
        _host.Handler.Enqueue(async (_, cancellationToken) =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        });
        _host.Handler.Enqueue(_ => Responses.Success("""{"package_id":"1153132168123859123","tracking_number":"123456789012"}"""));

        var package = await _host.RunAdvancingTimeAsync(() => _host.Api.GetPackageDetailAsync(_host.Shop, "1153132168123859123"), TimeSpan.FromSeconds(1));

        Assert.Equal("123456789012", package.TrackingNumber);
        Assert.Equal(2, _host.Handler.Requests.Count);
    }

    [Fact]
    public async Task Post_Throttled429_IsRetried_AfterRetryAfter()
    {
        _host.Handler.Enqueue(_ =>
        {
            var response = Responses.Error(36009002, "Too many requests", HttpStatusCode.TooManyRequests);
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(5));
            return response;
        });
        _host.Handler.Enqueue(_ => Responses.Success("""{"order_id":"576461413038785752","package_id":"1153132168123859123"}"""));

        var result = await _host.RunAdvancingTimeAsync(() => _host.Api.MarkPackageAsShippedAsync(_host.Shop, "576461413038785752", Ship));

        Assert.Equal("1153132168123859123", result.PackageId);
        var attempts = _host.Handler.Requests;
        Assert.Equal(2, attempts.Count);

        // The base delay is 100 ms; only Retry-After explains a wait of five seconds.
        Assert.True(attempts[1].FakeNow - attempts[0].FakeNow >= TimeSpan.FromSeconds(5), $"waited {attempts[1].FakeNow - attempts[0].FakeNow}");
        Assert.Equal(attempts[0].BodyText, attempts[1].BodyText);
        Assert.NotEqual(attempts[0].QueryValue("sign"), attempts[1].QueryValue("sign"));
        Assert.All(attempts, attempt => Assert.Equal(TestHost.ExpectedSign(attempt), attempt.QueryValue("sign")));
    }

    [Fact]
    public async Task Post_RateLimitCodeUnderHttp200_IsRetried()
    {
        _host.Handler.Enqueue(_ => Responses.Error(36009002, "Too many requests"));
        _host.Handler.Enqueue(_ => Responses.Success());

        await _host.RunAdvancingTimeAsync(() => _host.Api.UpdateShippingInfoAsync(_host.Shop, "1", new TikTokUpdateShippingInfoRequest("1", "2")));

        Assert.Equal(2, _host.Handler.Requests.Count);
    }

    [Fact]
    public async Task Post_InternalErrorCodeUnderHttp200_IsNotRetried_AndOutcomeIsUnknown()
    {
        _host.Handler.Enqueue(_ => Responses.Error(36009003, "Internal error, please try again"));

        var error = await Assert.ThrowsAsync<TikTokShopApiException>(() =>
            _host.RunAdvancingTimeAsync(() => _host.Api.MarkPackageAsShippedAsync(_host.Shop, "576461413038785752", Ship)));

        Assert.Single(_host.Handler.Requests);
        Assert.Equal(TikTokShopErrorClassification.OutcomeUnknown, error.Classification);
        Assert.Equal(36009003, error.Code);
        Assert.Equal("req-36009003", error.RequestId);
    }

    [Fact]
    public async Task Get_InternalErrorCodeUnderHttp200_IsRetried()
    {
        _host.Handler.Enqueue(_ => Responses.Error(36009003, "Internal error, please try again"));
        _host.Handler.Enqueue(_ => Responses.Success("""{"package_id":"9"}"""));

        var package = await _host.RunAdvancingTimeAsync(() => _host.Api.GetPackageDetailAsync(_host.Shop, "9"));

        Assert.Equal("9", package.PackageId);
        Assert.Equal(2, _host.Handler.Requests.Count);
    }

    [Fact]
    public async Task Post_ConnectionRefused_IsRetried_BecauseNothingWasSent()
    {
        _host.Handler.Enqueue(_ => throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused"));
        _host.Handler.Enqueue(_ => Responses.Success());

        await _host.RunAdvancingTimeAsync(() => _host.Api.MarkPackageAsShippedAsync(_host.Shop, "576461413038785752", Ship));

        Assert.Equal(2, _host.Handler.Requests.Count);
    }

    [Fact]
    public async Task Get_RetriesExhausted_SurfaceRetryableError()
    {
        _host.Handler.Fallback = _ => Responses.Error(36009002, "Too many requests", HttpStatusCode.TooManyRequests);

        var error = await Assert.ThrowsAsync<TikTokShopApiException>(() =>
            _host.RunAdvancingTimeAsync(() => _host.Api.GetAuthorizedShopsAsync(_host.Tokens)));

        Assert.Equal(4, _host.Handler.Requests.Count);
        Assert.Equal(TikTokShopErrorClassification.Retryable, error.Classification);
        Assert.Equal(429, error.HttpStatus);
        Assert.Equal(36009002, error.Code);
    }

    [Fact]
    public async Task ExpiredAccessToken_RefreshedOnce_ThenCallSucceeds()
    {
        _host.Handler.Enqueue(_ => Responses.Error(105002, "Expired credentials. The x-tts-access-token header has expired."));
        _host.Handler.Enqueue(_ => Responses.Success("""{"order_id":"576461413038785752"}"""));

        var result = await _host.Api.MarkPackageAsShippedAsync(_host.Shop, "576461413038785752", Ship);

        Assert.Equal("576461413038785752", result.OrderId);
        Assert.Equal(["TTP_token_1"], _host.Tokens.RefreshedTokens);
        Assert.Equal(new string?[] { "TTP_token_1", "TTP_token_2" }, _host.Handler.Requests.Select(r => r.AccessTokenHeader).ToArray());
    }

    [Fact]
    public async Task ExpiredAccessToken_TwiceInARow_SurfacesTypedError()
    {
        _host.Handler.Enqueue(_ => Responses.Error(105002, "access token is expired, please refresh it"));
        _host.Handler.Enqueue(_ => Responses.Error(105002, "access token is expired, please refresh it"));

        var error = await Assert.ThrowsAsync<TikTokShopApiException>(() => _host.Api.GetOrderDetailsAsync(_host.Shop, ["1"]));

        Assert.Equal(TikTokShopErrorClassification.AccessTokenExpired, error.Classification);
        Assert.Equal(105002, error.Code);
        Assert.Single(_host.Tokens.RefreshedTokens);
        Assert.Equal(2, _host.Handler.Requests.Count);
    }

    [Fact]
    public async Task FailedCall_IsLoggedWithPathCodeMessageAndRequestId_ButNoToken()
    {
        _host.Handler.Enqueue(_ => Responses.Error(21011044, "Order status is on hold"));

        var error = await Assert.ThrowsAsync<TikTokShopApiException>(() =>
            _host.Api.MarkPackageAsShippedAsync(_host.Shop, "576461413038785752", Ship));

        Assert.Equal(TikTokShopErrorClassification.OnHold, error.Classification);
        var line = Assert.Single(_host.Logs.Lines, l => l.Contains("req-21011044", StringComparison.Ordinal) && l.Contains("failed", StringComparison.Ordinal));
        Assert.Contains("/fulfillment/202309/orders/576461413038785752/packages", line, StringComparison.Ordinal);
        Assert.Contains("21011044", line, StringComparison.Ordinal);
        Assert.Contains("Order status is on hold", line, StringComparison.Ordinal);
        Assert.DoesNotContain(_host.Logs.Lines, l => l.Contains("TTP_token", StringComparison.Ordinal) || l.Contains(TestHost.AppSecret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task MissingAccessToken_IsReauthorizationNeeded_AndNothingIsSent()
    {
        var error = await Assert.ThrowsAsync<TikTokShopApiException>(() => _host.Api.GetAuthorizedShopsAsync(new NoTokens()));

        Assert.Equal(TikTokShopErrorClassification.ReauthorizationNeeded, error.Classification);
        Assert.Empty(_host.Handler.Requests);
    }

    private sealed class NoTokens : ITikTokShopAccessTokenSource
    {
        public ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult(string.Empty);

        public ValueTask<string> RefreshAccessTokenAsync(string expiredAccessToken, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("not expected");
    }
}
