using System.Net;
using GoQ.TikTokSync.TikTokShop.Errors;
using GoQ.TikTokSync.TikTokShop.Tests.Support;

namespace GoQ.TikTokSync.TikTokShop.Tests;

public sealed class ErrorClassificationTests
{
    [Theory]
    [InlineData(36009002, TikTokShopErrorClassification.Retryable)]
    [InlineData(36009003, TikTokShopErrorClassification.Retryable)]
    [InlineData(36009007, TikTokShopErrorClassification.Retryable)]
    [InlineData(105002, TikTokShopErrorClassification.AccessTokenExpired)]
    [InlineData(36004004, TikTokShopErrorClassification.ReauthorizationNeeded)]
    [InlineData(36004001, TikTokShopErrorClassification.ReauthorizationNeeded)]
    [InlineData(105005, TikTokShopErrorClassification.MissingScope)]
    [InlineData(21008099, TikTokShopErrorClassification.AlreadyShipped)]
    [InlineData(21011006, TikTokShopErrorClassification.AlreadyShipped)]
    [InlineData(21011020, TikTokShopErrorClassification.AlreadyShipped)]
    [InlineData(21011040, TikTokShopErrorClassification.AlreadyShipped)]
    [InlineData(21042056, TikTokShopErrorClassification.AlreadyShipped)]
    [InlineData(21011044, TikTokShopErrorClassification.OnHold)]
    [InlineData(11028006, TikTokShopErrorClassification.InvalidTracking)]
    [InlineData(21004012, TikTokShopErrorClassification.InvalidTracking)]
    [InlineData(21004015, TikTokShopErrorClassification.InvalidTracking)]
    [InlineData(21011022, TikTokShopErrorClassification.InvalidTracking)]
    [InlineData(21011025, TikTokShopErrorClassification.InvalidTracking)]
    [InlineData(21034012, TikTokShopErrorClassification.InvalidTracking)]
    [InlineData(106001, TikTokShopErrorClassification.Signature)]
    [InlineData(106013, TikTokShopErrorClassification.Other)]
    [InlineData(98001004, TikTokShopErrorClassification.Other)]
    public void ClassifyCode_KnownCodes_MapToTheirClassification(int code, TikTokShopErrorClassification expected)
    {
        Assert.Equal(expected, TikTokShopErrorCodes.Classify(code, "any message", 200, idempotent: true));
    }

    [Theory]
    [InlineData("Invalid credentials. The x-tts-access-token header is invalid.", TikTokShopErrorClassification.ReauthorizationNeeded)]
    [InlineData("Invalid timestamp. The timestamp is more than 5 minutes old.", TikTokShopErrorClassification.Timestamp)]
    [InlineData("  invalid TIMESTAMP", TikTokShopErrorClassification.Timestamp)]
    [InlineData("Unexpected identifier. The shop_cipher query parameter is not required for this request", TikTokShopErrorClassification.Other)]
    [InlineData("Missing signature", TikTokShopErrorClassification.Other)]
    [InlineData(null, TikTokShopErrorClassification.Other)]
    public void Classify_OverloadedCode36009004_IsDecidedByMessage(string? message, TikTokShopErrorClassification expected)
    {
        Assert.Equal(expected, TikTokShopErrorCodes.Classify(36009004, message, 200, idempotent: true));
    }

    [Theory]
    [InlineData(36009003, true, TikTokShopErrorClassification.Retryable)]
    [InlineData(36009003, false, TikTokShopErrorClassification.OutcomeUnknown)]
    [InlineData(36009007, false, TikTokShopErrorClassification.OutcomeUnknown)]
    [InlineData(36009002, false, TikTokShopErrorClassification.Retryable)]
    [InlineData(21008099, false, TikTokShopErrorClassification.AlreadyShipped)]
    public void Classify_Writes_InternalErrorsBecomeOutcomeUnknown_ButThrottlingStaysRetryable(int code, bool idempotent, TikTokShopErrorClassification expected)
    {
        Assert.Equal(expected, TikTokShopErrorCodes.Classify(code, "m", 200, idempotent));
    }

    [Theory]
    [InlineData(429, true, TikTokShopErrorClassification.Retryable)]
    [InlineData(429, false, TikTokShopErrorClassification.Retryable)]
    [InlineData(500, true, TikTokShopErrorClassification.Retryable)]
    [InlineData(503, false, TikTokShopErrorClassification.OutcomeUnknown)]
    [InlineData(408, false, TikTokShopErrorClassification.OutcomeUnknown)]
    [InlineData(401, true, TikTokShopErrorClassification.Other)]
    [InlineData(404, false, TikTokShopErrorClassification.Other)]
    public void Classify_HttpStatusWithoutEnvelope(int status, bool idempotent, TikTokShopErrorClassification expected)
    {
        Assert.Equal(expected, TikTokShopErrorCodes.Classify(null, null, status, idempotent));
    }

    [Fact]
    public void ClassifyTransportFailure_WriteThatMayHaveLeft_IsOutcomeUnknown_ButRefusedConnectionIsRetryable()
    {
        Assert.Equal(
            TikTokShopErrorClassification.OutcomeUnknown,
            TikTokShopErrorCodes.ClassifyTransportFailure(new HttpRequestException(HttpRequestError.ResponseEnded, "ended"), idempotent: false));
        Assert.Equal(
            TikTokShopErrorClassification.Retryable,
            TikTokShopErrorCodes.ClassifyTransportFailure(new HttpRequestException(HttpRequestError.ConnectionError, "refused"), idempotent: false));
        Assert.Equal(
            TikTokShopErrorClassification.Retryable,
            TikTokShopErrorCodes.ClassifyTransportFailure(new Polly.Timeout.TimeoutRejectedException(), idempotent: true));
    }

    [Fact]
    public async Task ErrorEnvelope_UnderHttp4xx_CarriesCodeMessageRequestIdAndStatus()
    {
        using var host = new TestHost();
        host.Handler.Enqueue(_ => Responses.Json(
            """{"code":106001,"message":"Invalid sign","request_id":"2024-abc","data":null}""", HttpStatusCode.Unauthorized));

        var error = await Assert.ThrowsAsync<TikTokShopApiException>(() => host.Api.GetAuthorizedShopsAsync(host.Tokens));

        Assert.Equal(TikTokShopErrorClassification.Signature, error.Classification);
        Assert.Equal(106001, error.Code);
        Assert.Equal("Invalid sign", error.ApiMessage);
        Assert.Equal("2024-abc", error.RequestId);
        Assert.Equal(401, error.HttpStatus);
        Assert.Equal("/authorization/202309/shops", error.Path);
    }

    [Fact]
    public async Task NonJsonErrorBody_StillBecomesTypedError()
    {
        using var host = new TestHost();
        host.Handler.Enqueue(_ => new HttpResponseMessage(HttpStatusCode.Forbidden) { Content = new StringContent("<html>denied</html>") });

        var error = await Assert.ThrowsAsync<TikTokShopApiException>(() => host.Api.GetAuthorizedShopsAsync(host.Tokens));

        Assert.Equal(TikTokShopErrorClassification.Other, error.Classification);
        Assert.Equal(403, error.HttpStatus);
        Assert.Null(error.Code);
    }

    [Fact]
    public async Task Http200WithoutCode_IsNotMistakenForSuccess()
    {
        using var host = new TestHost();
        host.Handler.Enqueue(_ => Responses.Json("""{"data":{"shops":[]}}"""));

        var error = await Assert.ThrowsAsync<TikTokShopApiException>(() => host.Api.GetAuthorizedShopsAsync(host.Tokens));

        Assert.Equal(200, error.HttpStatus);
    }
}
