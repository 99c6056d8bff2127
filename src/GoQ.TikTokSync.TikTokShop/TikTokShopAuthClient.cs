using System.Text.Json;
using GoQ.TikTokSync.TikTokShop.Errors;
using GoQ.TikTokSync.TikTokShop.Http;
using GoQ.TikTokSync.TikTokShop.Json;
using GoQ.TikTokSync.TikTokShop.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GoQ.TikTokSync.TikTokShop;

/// <summary>
/// Seller authorization against the auth host. The token endpoints are unsigned GETs that carry the app secret in
/// the query string, so their URL is never logged: the HttpClient for this class has its loggers removed and the
/// client's own logs name only the path.
/// </summary>
public sealed partial class TikTokShopAuthClient : ITikTokShopAuthClient
{
    /// <summary>Literally <c>authorized_code</c>; OAuth's usual <c>authorization_code</c> is refused.</summary>
    public const string AuthorizedCodeGrantType = "authorized_code";

    public const string RefreshTokenGrantType = "refresh_token";

    private readonly HttpClient _httpClient;
    private readonly IOptionsMonitor<TikTokShopOptions> _options;
    private readonly ILogger<TikTokShopAuthClient> _logger;

    public TikTokShopAuthClient(HttpClient httpClient, IOptionsMonitor<TikTokShopOptions> options, ILogger<TikTokShopAuthClient> logger)
    {
        _httpClient = httpClient;
        _options = options;
        _logger = logger;
    }

    public Uri BuildAuthorizationUrl(string? state)
    {
        var options = _options.CurrentValue;
        var parameters = new List<KeyValuePair<string, string>> { new("service_id", options.ServiceId) };
        if (!string.IsNullOrEmpty(state))
        {
            parameters.Add(new("state", state));
        }

        var query = TikTokShopRequestDescription.BuildQueryString(parameters);
        var authorizeUrl = options.AuthorizeUrl.AbsoluteUri;
        var separator = string.IsNullOrEmpty(options.AuthorizeUrl.Query) ? '?' : '&';
        return new Uri(authorizeUrl + separator + query, UriKind.Absolute);
    }

    public Task<TikTokShopToken> GetAccessTokenAsync(string authCode, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(authCode);
        return RequestTokenAsync(TikTokShopPaths.TokenGet, "auth_code", authCode, AuthorizedCodeGrantType, cancellationToken);
    }

    public Task<TikTokShopToken> RefreshAccessTokenAsync(string refreshToken, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(refreshToken);
        return RequestTokenAsync(TikTokShopPaths.TokenRefresh, "refresh_token", refreshToken, RefreshTokenGrantType, cancellationToken);
    }

    private async Task<TikTokShopToken> RequestTokenAsync(
        string path,
        string grantParameter,
        string grantValue,
        string grantType,
        CancellationToken cancellationToken)
    {
        var options = _options.CurrentValue;
        KeyValuePair<string, string>[] parameters =
        [
            new("app_key", options.AppKey),
            new("app_secret", options.AppSecret),
            new(grantParameter, grantValue),
            new("grant_type", grantType),
        ];
        using var request = new HttpRequestMessage(
            HttpMethod.Get,
            TikTokShopRequestDescription.Combine(options.AuthBaseUrl, path, TikTokShopRequestDescription.BuildQueryString(parameters)));

        HttpResponseMessage response;
        try
        {
            response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or TimeoutException)
        {
            // Auth codes are single use and a refresh rotates the refresh token: a lost answer is an unknown outcome.
            var classification = TikTokShopErrorCodes.ClassifyTransportFailure(exception, idempotent: false);
            LogTransportFailure(_logger, path, classification, exception.GetType().Name);

            // The inner exception is dropped on purpose: nothing that might echo the request URL travels onwards.
            throw new TikTokShopApiException(classification, path, code: null, exception.GetType().Name, requestId: null, httpStatus: null);
        }

        using (response)
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            TikTokShopEnvelope<TokenData>? envelope = null;
            try
            {
                envelope = body.Length == 0 ? null : JsonSerializer.Deserialize<TikTokShopEnvelope<TokenData>>(body, TikTokShopJson.Options);
            }
            catch (JsonException)
            {
                envelope = null;
            }

            var httpStatus = (int)response.StatusCode;
            if (response.IsSuccessStatusCode
                && envelope is { Code: TikTokShopErrorCodes.Success, Data: { } data }
                && !string.IsNullOrEmpty(data.AccessToken)
                && !string.IsNullOrEmpty(data.RefreshToken))
            {
                return new TikTokShopToken
                {
                    AccessToken = data.AccessToken,
                    AccessTokenExpiresAt = DateTimeOffset.FromUnixTimeSeconds(data.AccessTokenExpireIn),
                    RefreshToken = data.RefreshToken,
                    RefreshTokenExpiresAt = DateTimeOffset.FromUnixTimeSeconds(data.RefreshTokenExpireIn),
                    OpenId = data.OpenId,
                    SellerName = data.SellerName,
                    SellerBaseRegion = data.SellerBaseRegion,
                    UserType = data.UserType,
                    GrantedScopes = data.GrantedScopes,
                };
            }

            var code = envelope?.Code;
            var message = envelope is null
                ? response.ReasonPhrase
                : envelope.Code == TikTokShopErrorCodes.Success ? "The token response carried no tokens." : envelope.Message;
            var classification = TikTokShopErrorCodes.Classify(code, message, httpStatus, idempotent: false);
            LogCallFailed(_logger, path, code, message, envelope?.RequestId, httpStatus, classification);
            throw new TikTokShopApiException(classification, path, code, message, envelope?.RequestId, httpStatus);
        }
    }

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning,
        Message = "TikTok Shop token call {Path} failed: code {Code}, message {ApiMessage}, request_id {RequestId}, HTTP {HttpStatus}, classified {Classification}")]
    private static partial void LogCallFailed(
        ILogger logger, string path, int? code, string? apiMessage, string? requestId, int httpStatus, TikTokShopErrorClassification classification);

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning,
        Message = "TikTok Shop token call {Path} got no response ({ExceptionType}), classified {Classification}")]
    private static partial void LogTransportFailure(ILogger logger, string path, TikTokShopErrorClassification classification, string exceptionType);
}
