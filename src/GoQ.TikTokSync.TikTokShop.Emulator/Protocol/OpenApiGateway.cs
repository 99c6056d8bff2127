using System.Globalization;
using GoQ.TikTokSync.TikTokShop.Emulator.Auth;
using GoQ.TikTokSync.TikTokShop.Emulator.Orders;
using Microsoft.AspNetCore.Http;

namespace GoQ.TikTokSync.TikTokShop.Emulator.Protocol;

/// <summary>Whether an endpoint belongs to a shop (needs <c>shop_cipher</c>) or to the seller (must not get one; docs/tiktok-shop-api.md#common-parameters).</summary>
internal enum EndpointScope
{
    Seller,
    Shop,
}

/// <summary>A call that passed the gateway: who made it, for which shop, with which exact body bytes.</summary>
internal sealed record ApiCall(string RequestId, byte[] Body, SellerAuthorization Authorization, ShopOrderBook? Shop, long Now)
{
    public ShopOrderBook RequiredShop => Shop ?? throw new InvalidOperationException("This endpoint is not shop-scoped.");
}

/// <summary>
/// The gateway's verdict on one call: the call when admitted, otherwise the refusal, and whether that refusal was a
/// transport failure (an injected fault or the rate limit) rather than a credential problem. The injected latencies come
/// with it, because the answer is held for a spike after the endpoint did its work.
/// </summary>
internal sealed record Admission(FaultDecision Faults, ApiCall? Call, IResult? Refusal, bool RefusedAsFault);

/// <summary>
/// What TikTok checks before any business logic (docs/tiktok-shop-api.md#request-signing, docs/tiktok-shop-api.md#envelope): fault injection, app_key, signature presence, timestamp
/// window, signature, access token, shop_cipher, then the per app + shop + endpoint rate limit.
/// </summary>
internal sealed class OpenApiGateway
{
    public const string AccessTokenHeader = "x-tts-access-token";

    /// <summary>docs/tiktok-shop-api.md#common-parameters: the timestamp may be at most 5 minutes old and at most 30 seconds ahead.</summary>
    public static readonly TimeSpan MaxTimestampAge = TimeSpan.FromMinutes(5);

    public static readonly TimeSpan MaxTimestampLead = TimeSpan.FromSeconds(30);

    private readonly EmulatorOptions _options;
    private readonly AuthorizationStore _authorizations;
    private readonly OrderStore _orders;
    private readonly RateLimiter _rateLimiter;
    private readonly FaultInjector _faults;
    private readonly TimeProvider _time;

    public OpenApiGateway(
        EmulatorOptions options,
        AuthorizationStore authorizations,
        OrderStore orders,
        RateLimiter rateLimiter,
        FaultInjector faults,
        TimeProvider time)
    {
        _options = options;
        _authorizations = authorizations;
        _orders = orders;
        _rateLimiter = rateLimiter;
        _faults = faults;
        _time = time;
    }

    /// <summary>Draws the injected faults shared by the Open API and the token endpoints, and serves the added latency.</summary>
    public async Task<FaultDecision> BeginAsync(CancellationToken cancellationToken)
    {
        var faults = _faults.Decide();
        if (faults.Latency > TimeSpan.Zero)
        {
            await Task.Delay(faults.Latency, _time, cancellationToken);
        }

        return faults;
    }

    /// <summary>Holds a processed call's answer for its latency spike.</summary>
    public Task HoldAnswerAsync(FaultDecision faults, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(faults);
        return faults.Spike > TimeSpan.Zero ? Task.Delay(faults.Spike, _time, cancellationToken) : Task.CompletedTask;
    }

    public async Task<Admission> AdmitAsync(HttpContext context, EndpointScope scope, string endpointName)
    {
        ArgumentNullException.ThrowIfNull(context);
        var now = _time.GetUtcNow();
        var requestId = RequestIds.Create(now);
        var faults = await BeginAsync(context.RequestAborted);
        Admission Refuse(EmulatorError error, bool asFault = false) => new(faults, null, EnvelopeResult.Error(error, requestId), asFault);

        if (faults.Error is { } fault)
        {
            return Refuse(fault, asFault: true);
        }

        var body = await ReadBodyAsync(context.Request, context.RequestAborted);
        var query = context.Request.Query;

        if (!string.Equals(query["app_key"].ToString(), _options.AppKey, StringComparison.Ordinal))
        {
            return Refuse(EmulatorErrors.InvalidAppKey);
        }

        var presentedSign = query["sign"].ToString();
        if (presentedSign.Length == 0)
        {
            return Refuse(EmulatorErrors.MissingSignature);
        }

        if (CheckTimestamp(query["timestamp"].ToString(), now) is { } timestampError)
        {
            return Refuse(timestampError);
        }

        var contentType = context.Request.ContentType;
        if (body.Length > 0 && !IsJsonOrMultipart(contentType))
        {
            return Refuse(EmulatorErrors.InvalidRequestFormat);
        }

        var path = context.Request.PathBase.Add(context.Request.Path).Value ?? "";
        var pairs = query.Select(p => new KeyValuePair<string, string>(p.Key, p.Value.ToString()));
        var expectedSign = RequestSignature.Compute(_options.AppSecret, path, pairs, body, contentType);
        if (!RequestSignature.Matches(expectedSign, presentedSign))
        {
            return Refuse(EmulatorErrors.InvalidSignature);
        }

        var token = context.Request.Headers[AccessTokenHeader].ToString();
        if (token.Length == 0)
        {
            // Legacy calls sent the token as a query parameter (docs/tiktok-shop-api.md#common-parameters); it is excluded from the signature either way.
            token = query["access_token"].ToString();
        }

        var tokenCheck = _authorizations.CheckAccessToken(token);
        if (tokenCheck.Error is { } tokenError)
        {
            return Refuse(tokenError);
        }

        var authorization = tokenCheck.Authorization!;
        var cipher = query["shop_cipher"].ToString();
        ShopOrderBook? shop = null;
        if (scope == EndpointScope.Seller && cipher.Length > 0)
        {
            return Refuse(EmulatorErrors.UnexpectedShopCipher);
        }

        if (scope == EndpointScope.Shop)
        {
            if (cipher.Length == 0)
            {
                return Refuse(EmulatorErrors.MissingShopCipher);
            }

            shop = _orders.FindByCipher(cipher);
            if (shop is null || !authorization.Seller.Shops.Exists(s => string.Equals(s.Id, shop.Shop.Id, StringComparison.Ordinal)))
            {
                return Refuse(EmulatorErrors.TokenShopMismatch);
            }
        }

        var subject = shop?.Shop.Id ?? "seller:" + authorization.OpenId;
        if (!_rateLimiter.TryAcquire(subject, endpointName))
        {
            return Refuse(EmulatorErrors.RateLimited, asFault: true);
        }

        return new Admission(faults, new ApiCall(requestId, body, authorization, shop, now.ToUnixTimeSeconds()), null, RefusedAsFault: false);
    }

    private static EmulatorError? CheckTimestamp(string value, DateTimeOffset now)
    {
        if (!long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var timestamp))
        {
            return EmulatorErrors.StaleTimestamp;
        }

        if (timestamp < 0)
        {
            return EmulatorErrors.NegativeTimestamp;
        }

        var nowSeconds = now.ToUnixTimeSeconds();
        if (nowSeconds - timestamp > (long)MaxTimestampAge.TotalSeconds)
        {
            return EmulatorErrors.StaleTimestamp;
        }

        return timestamp - nowSeconds > (long)MaxTimestampLead.TotalSeconds ? EmulatorErrors.FutureTimestamp : null;
    }

    private static bool IsJsonOrMultipart(string? contentType)
    {
        var mediaType = (contentType ?? "").Split(';', 2)[0].Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
               || mediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}
