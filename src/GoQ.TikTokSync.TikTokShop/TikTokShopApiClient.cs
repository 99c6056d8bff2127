using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using GoQ.TikTokSync.TikTokShop.Errors;
using GoQ.TikTokSync.TikTokShop.Http;
using GoQ.TikTokSync.TikTokShop.Json;
using GoQ.TikTokSync.TikTokShop.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace GoQ.TikTokSync.TikTokShop;

/// <summary>
/// Typed client over the HttpClient that <see cref="TikTokShopServiceCollectionExtensions.AddTikTokShopClient"/>
/// configures (rate limiter, standard resilience handler, per-attempt signing).
/// </summary>
public sealed partial class TikTokShopApiClient : ITikTokShopApiClient
{
    /// <summary>Order detail takes at most 50 ids per call.</summary>
    public const int MaxOrderIdsPerDetailCall = 50;

    public const string AccessTokenHeader = "x-tts-access-token";

    private const string JsonMediaType = "application/json";

    private readonly HttpClient _httpClient;
    private readonly IOptionsMonitor<TikTokShopOptions> _options;
    private readonly ILogger<TikTokShopApiClient> _logger;

    public TikTokShopApiClient(HttpClient httpClient, IOptionsMonitor<TikTokShopOptions> options, ILogger<TikTokShopApiClient> logger)
    {
        _httpClient = httpClient;
        _options = options;
        _logger = logger;
    }

    public async Task<IReadOnlyList<TikTokAuthorizedShop>> GetAuthorizedShopsAsync(
        ITikTokShopAccessTokenSource tokens,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var description = new TikTokShopRequestDescription(
            HttpMethod.Get, TikTokShopPaths.AuthorizedShops, TikTokShopPaths.AuthorizedShops, shopCipher: null, [], body: null);
        var data = await SendAsync<AuthorizedShopsData>(description, tokens, cancellationToken).ConfigureAwait(false);
        return data.Shops;
    }

    public async Task<TikTokOrderSearchPage> SearchOrdersPageAsync(
        TikTokShopContext shop,
        TikTokOrderSearchRequest request,
        string? pageToken = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shop);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.PageSize, 1, nameof(request));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(request.PageSize, TikTokOrderSearchRequest.MaxPageSize, nameof(request));

        var body = new OrderSearchBody
        {
            OrderStatus = request.Status is { } status && !string.IsNullOrEmpty(status.Value) ? status.Value : null,
            CreateTimeGe = request.CreateTimeFrom?.ToUnixTimeSeconds(),
            CreateTimeLt = request.CreateTimeBefore?.ToUnixTimeSeconds(),
            UpdateTimeGe = request.UpdateTimeFrom?.ToUnixTimeSeconds(),
            UpdateTimeLt = request.UpdateTimeBefore?.ToUnixTimeSeconds(),
        };

        // Sort is always explicit: the platform default (create_time DESC) differs from other endpoints, and a
        // misspelt field is silently ignored.
        KeyValuePair<string, string?>[] query =
        [
            new("page_size", request.PageSize.ToString(CultureInfo.InvariantCulture)),
            new("sort_field", request.SortField == TikTokOrderSortField.CreateTime ? "create_time" : "update_time"),
            new("sort_order", request.SortOrder == TikTokSortOrder.Descending ? "DESC" : "ASC"),
            new("page_token", pageToken),
        ];

        var description = new TikTokShopRequestDescription(
            HttpMethod.Post,
            TikTokShopPaths.OrderSearch,
            TikTokShopPaths.OrderSearch,
            shop.ShopCipher,
            query,
            TikTokShopJson.SerializeToUtf8Bytes(body));
        return await SendAsync<TikTokOrderSearchPage>(description, shop.Tokens, cancellationToken).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<TikTokOrderSearchPage> SearchOrderPagesAsync(
        TikTokShopContext shop,
        TikTokOrderSearchRequest request,
        string? startPageToken = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var seenTokens = new HashSet<string>(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(startPageToken))
        {
            seenTokens.Add(startPageToken);
        }

        var pageToken = startPageToken;
        var pagesRead = 0;
        while (true)
        {
            var page = await SearchOrdersPageAsync(shop, request, pageToken, cancellationToken).ConfigureAwait(false);
            pagesRead++;
            yield return page;

            if (!page.HasMorePages)
            {
                yield break;
            }

            if (!seenTokens.Add(page.NextPageToken!))
            {
                throw new TikTokShopPageTokenRepeatedException(TikTokShopPaths.OrderSearch, page.NextPageToken!, pagesRead);
            }

            pageToken = page.NextPageToken;
        }
    }

    public async IAsyncEnumerable<TikTokOrder> SearchOrdersAsync(
        TikTokShopContext shop,
        TikTokOrderSearchRequest request,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var page in SearchOrderPagesAsync(shop, request, startPageToken: null, cancellationToken).ConfigureAwait(false))
        {
            foreach (var order in page.Orders)
            {
                yield return order;
            }
        }
    }

    public async Task<IReadOnlyList<TikTokOrder>> GetOrderDetailsAsync(
        TikTokShopContext shop,
        IEnumerable<string> orderIds,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shop);
        ArgumentNullException.ThrowIfNull(orderIds);

        var distinctIds = orderIds.Where(id => !string.IsNullOrWhiteSpace(id)).Distinct(StringComparer.Ordinal).ToArray();
        var orders = new List<TikTokOrder>(distinctIds.Length);
        foreach (var chunk in distinctIds.Chunk(MaxOrderIdsPerDetailCall))
        {
            // Array values travel comma-joined in one parameter and are signed joined.
            var description = new TikTokShopRequestDescription(
                HttpMethod.Get,
                TikTokShopPaths.OrderDetail,
                TikTokShopPaths.OrderDetail,
                shop.ShopCipher,
                [new("ids", string.Join(',', chunk))],
                body: null);
            var data = await SendAsync<OrderDetailData>(description, shop.Tokens, cancellationToken).ConfigureAwait(false);
            orders.AddRange(data.Orders);
        }

        return orders;
    }

    public async Task<IReadOnlyList<TikTokShippingProvider>> GetShippingProvidersAsync(
        TikTokShopContext shop,
        string deliveryOptionId,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shop);
        var description = new TikTokShopRequestDescription(
            HttpMethod.Get,
            TikTokShopPaths.ShippingProviders,
            TikTokShopPaths.Fill(TikTokShopPaths.ShippingProviders, "delivery_option_id", deliveryOptionId),
            shop.ShopCipher,
            [],
            body: null);
        var data = await SendAsync<ShippingProvidersData>(description, shop.Tokens, cancellationToken).ConfigureAwait(false);
        return data.ShippingProviders;
    }

    public async Task<TikTokMarkPackageShippedResult> MarkPackageAsShippedAsync(
        TikTokShopContext shop,
        string orderId,
        TikTokMarkPackageShippedRequest request,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shop);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.TrackingNumber, nameof(request));
        ArgumentException.ThrowIfNullOrWhiteSpace(request.ShippingProviderId, nameof(request));

        var body = new MarkPackageShippedBody
        {
            TrackingNumber = request.TrackingNumber,
            ShippingProviderId = request.ShippingProviderId,

            // An empty list would be sent as [], whose meaning is undocumented; leaving it out ships everything left.
            OrderLineItemIds = request.OrderLineItemIds is { Count: > 0 } ids ? ids : null,
        };
        var description = new TikTokShopRequestDescription(
            HttpMethod.Post,
            TikTokShopPaths.MarkPackageAsShipped,
            TikTokShopPaths.Fill(TikTokShopPaths.MarkPackageAsShipped, "order_id", orderId),
            shop.ShopCipher,
            [],
            TikTokShopJson.SerializeToUtf8Bytes(body));
        return await SendAsync<TikTokMarkPackageShippedResult>(description, shop.Tokens, cancellationToken).ConfigureAwait(false);
    }

    public Task UpdatePackageShippingInfoAsync(
        TikTokShopContext shop,
        string packageId,
        TikTokUpdateShippingInfoRequest request,
        CancellationToken cancellationToken = default) =>
        SendShippingInfoUpdateAsync(shop, TikTokShopPaths.UpdatePackageShippingInfo, "package_id", packageId, request, cancellationToken);

    public Task UpdateShippingInfoAsync(
        TikTokShopContext shop,
        string orderId,
        TikTokUpdateShippingInfoRequest request,
        CancellationToken cancellationToken = default) =>
        SendShippingInfoUpdateAsync(shop, TikTokShopPaths.UpdateShippingInfo, "order_id", orderId, request, cancellationToken);

    // The order and the package variant take the same body; only the path and its id differ.
    private async Task SendShippingInfoUpdateAsync(
        TikTokShopContext shop,
        string pathTemplate,
        string idName,
        string id,
        TikTokUpdateShippingInfoRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shop);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.TrackingNumber, nameof(request));
        ArgumentException.ThrowIfNullOrWhiteSpace(request.ShippingProviderId, nameof(request));

        var body = new UpdateShippingInfoBody
        {
            TrackingNumber = request.TrackingNumber,
            ShippingProviderId = request.ShippingProviderId,
        };
        var description = new TikTokShopRequestDescription(
            HttpMethod.Post,
            pathTemplate,
            TikTokShopPaths.Fill(pathTemplate, idName, id),
            shop.ShopCipher,
            [],
            TikTokShopJson.SerializeToUtf8Bytes(body));
        await SendAsync<NoData>(description, shop.Tokens, cancellationToken).ConfigureAwait(false);
    }

    public async Task<TikTokPackageDetail> GetPackageDetailAsync(
        TikTokShopContext shop,
        string packageId,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shop);
        var description = new TikTokShopRequestDescription(
            HttpMethod.Get,
            TikTokShopPaths.PackageDetail,
            TikTokShopPaths.Fill(TikTokShopPaths.PackageDetail, "package_id", packageId),
            shop.ShopCipher,
            [],
            body: null);
        return await SendAsync<TikTokPackageDetail>(description, shop.Tokens, cancellationToken).ConfigureAwait(false);
    }

    private async Task<TData> SendAsync<TData>(
        TikTokShopRequestDescription description,
        ITikTokShopAccessTokenSource tokens,
        CancellationToken cancellationToken)
        where TData : class, new()
    {
        var accessToken = await tokens.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await SendOnceAsync<TData>(description, accessToken, cancellationToken).ConfigureAwait(false);
        }
        catch (TikTokShopApiException expired) when (expired.Classification == TikTokShopErrorClassification.AccessTokenExpired || IsRefusedCredentials(expired))
        {
            // Exactly one refresh and one repeat; a second refusal surfaces to the caller. A token TikTok calls invalid
            // (revoked, or replaced on another node) is refreshed too: if the seller revoked the app the refresh is
            // refused, and the token source then knows for certain that only 再認証 helps.
            LogRefreshingAccessToken(_logger, description.Path, expired.RequestId);
            var refreshedToken = await tokens.RefreshAccessTokenAsync(accessToken, cancellationToken).ConfigureAwait(false);
            return await SendOnceAsync<TData>(description, refreshedToken, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>TikTok answered that the access token is not valid (not the client's own "no token" refusal, which has no code).</summary>
    private static bool IsRefusedCredentials(TikTokShopApiException error) =>
        error.Classification == TikTokShopErrorClassification.ReauthorizationNeeded && error.Code is not null;

    private async Task<TData> SendOnceAsync<TData>(
        TikTokShopRequestDescription description,
        string accessToken,
        CancellationToken cancellationToken)
        where TData : class, new()
    {
        if (string.IsNullOrWhiteSpace(accessToken))
        {
            // Nothing to send: the connection has no usable authorization, which only the seller can restore.
            throw new TikTokShopApiException(
                TikTokShopErrorClassification.ReauthorizationNeeded, description.Path, code: null, "No access token is available.", requestId: null, httpStatus: null);
        }

        using var request = new HttpRequestMessage(
            description.Method,
            TikTokShopRequestDescription.Combine(_options.CurrentValue.ApiBaseUrl, description.Path, query: null));

        // Content-Type is required on every call, GET included, so even an empty body travels as JSON content.
        request.Content = new ByteArrayContent(description.Body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(JsonMediaType);
        request.Headers.TryAddWithoutValidation(AccessTokenHeader, accessToken);
        request.Options.Set(TikTokShopRequestDescription.OptionKey, description);

        HttpResponseMessage response;
        try
        {
            response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception) when (IsTransportFailure(exception))
        {
            var classification = TikTokShopErrorCodes.ClassifyTransportFailure(exception, description.IsIdempotent);
            LogTransportFailure(_logger, description.Method.Method, description.Path, classification, exception.GetType().Name);
            throw new TikTokShopApiException(classification, description.Path, code: null, exception.Message, requestId: null, httpStatus: null, exception);
        }

        using (response)
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var envelope = TryReadEnvelope<TData>(body);
            var httpStatus = (int)response.StatusCode;
            if (response.IsSuccessStatusCode && envelope is { Code: TikTokShopErrorCodes.Success })
            {
                return envelope.Data ?? new TData();
            }

            var code = envelope?.Code ?? TikTokShopEnvelopeProbe.ReadCode(body);
            var message = envelope?.Message ?? (envelope is null ? response.ReasonPhrase : null);
            var classification = TikTokShopErrorCodes.Classify(code, message, httpStatus, description.IsIdempotent);
            LogCallFailed(_logger, description.Method.Method, description.Path, code, message, envelope?.RequestId, httpStatus, classification);
            throw new TikTokShopApiException(classification, description.Path, code, message, envelope?.RequestId, httpStatus);
        }
    }

    private static TikTokShopEnvelope<TData>? TryReadEnvelope<TData>(byte[] body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<TikTokShopEnvelope<TData>>(body, TikTokShopJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool IsTransportFailure(Exception exception) =>
        exception is HttpRequestException
            or OperationCanceledException
            or TimeoutException
            or ExecutionRejectedException
            or TikTokShopClientRateLimitException;

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "TikTok Shop call {Method} {Path} failed: code {Code}, message {ApiMessage}, request_id {RequestId}, HTTP {HttpStatus}, classified {Classification}")]
    private static partial void LogCallFailed(
        ILogger logger, string method, string path, int? code, string? apiMessage, string? requestId, int httpStatus, TikTokShopErrorClassification classification);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning,
        Message = "TikTok Shop call {Method} {Path} got no response ({ExceptionType}), classified {Classification}")]
    private static partial void LogTransportFailure(
        ILogger logger, string method, string path, TikTokShopErrorClassification classification, string exceptionType);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information,
        Message = "TikTok Shop access token expired or refused on {Path} (request_id {RequestId}); refreshing once and repeating the call")]
    private static partial void LogRefreshingAccessToken(ILogger logger, string path, string? requestId);
}
