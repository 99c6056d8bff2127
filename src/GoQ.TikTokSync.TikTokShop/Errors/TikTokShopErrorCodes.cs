using System.Collections.Frozen;

namespace GoQ.TikTokSync.TikTokShop.Errors;

/// <summary>
/// Every error code and message rule the client acts on (docs/tiktok-shop-api.md#token-errors, docs/tiktok-shop-api.md#error-codes, docs/tiktok-shop-api.md#mark-package-as-shipped), and the one
/// function that turns a failure into a <see cref="TikTokShopErrorClassification"/>.
/// </summary>
public static class TikTokShopErrorCodes
{
    public const int Success = 0;
    public const int TooManyRequests = 36009002;
    public const int InternalError = 36009003;
    public const int OverloadedRequestError = 36009004;
    public const int RequestTimeout = 36009007;
    public const int AccessTokenExpired = 105002;
    public const int MissingScope = 105005;
    public const int InvalidSign = 106001;
    public const int RefreshTokenExpired = 36004001;
    public const int InvalidAuthCode = 36004004;
    public const int OrderOnHold = 21011044;

    private static readonly FrozenDictionary<int, TikTokShopErrorClassification> ClassificationByCode =
        new Dictionary<int, TikTokShopErrorClassification>
        {
            [TooManyRequests] = TikTokShopErrorClassification.Retryable,
            [InternalError] = TikTokShopErrorClassification.Retryable,
            [RequestTimeout] = TikTokShopErrorClassification.Retryable,
            [AccessTokenExpired] = TikTokShopErrorClassification.AccessTokenExpired,
            [RefreshTokenExpired] = TikTokShopErrorClassification.ReauthorizationNeeded,
            [InvalidAuthCode] = TikTokShopErrorClassification.ReauthorizationNeeded,
            [MissingScope] = TikTokShopErrorClassification.MissingScope,
            [InvalidSign] = TikTokShopErrorClassification.Signature,
            [OrderOnHold] = TikTokShopErrorClassification.OnHold,

            // "Package has been shipped" / "These orders are already shipped" / "Package has already been shipped".
            [21008099] = TikTokShopErrorClassification.AlreadyShipped,
            [21011006] = TikTokShopErrorClassification.AlreadyShipped,
            [21011020] = TikTokShopErrorClassification.AlreadyShipped,
            [21011040] = TikTokShopErrorClassification.AlreadyShipped,
            [21042056] = TikTokShopErrorClassification.AlreadyShipped,

            // Carrier mismatch, special characters, provider mismatch, invalid, duplicate, already used.
            [11028006] = TikTokShopErrorClassification.InvalidTracking,
            [21004012] = TikTokShopErrorClassification.InvalidTracking,
            [21004015] = TikTokShopErrorClassification.InvalidTracking,
            [21011022] = TikTokShopErrorClassification.InvalidTracking,
            [21011025] = TikTokShopErrorClassification.InvalidTracking,
            [21034012] = TikTokShopErrorClassification.InvalidTracking,
        }.ToFrozenDictionary();

    /// <summary>
    /// 36009004 covers unrelated failures, told apart only by the message (docs/tiktok-shop-api.md#error-codes, docs/tiktok-shop-api.md#pitfalls).
    /// UNCONFIRMED: the prefixes are the docv2 common-errors texts; live wording may differ. Unmatched messages
    /// classify as <see cref="TikTokShopErrorClassification.Other"/>.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, TikTokShopErrorClassification>> OverloadedCodeMessagePrefixes { get; } =
        Array.AsReadOnly<KeyValuePair<string, TikTokShopErrorClassification>>(
        [
            new("Invalid credentials", TikTokShopErrorClassification.ReauthorizationNeeded),
            new("Invalid timestamp", TikTokShopErrorClassification.Timestamp),
        ]);

    /// <summary>Classification of an envelope code alone, as if the call were a read.</summary>
    public static TikTokShopErrorClassification ClassifyCode(int code, string? message)
    {
        if (code == OverloadedRequestError)
        {
            var text = message?.TrimStart() ?? string.Empty;
            foreach (var (prefix, classification) in OverloadedCodeMessagePrefixes)
            {
                if (text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                {
                    return classification;
                }
            }

            return TikTokShopErrorClassification.Other;
        }

        return ClassificationByCode.GetValueOrDefault(code, TikTokShopErrorClassification.Other);
    }

    /// <summary>
    /// Classifies a failed response. <paramref name="idempotent"/> is false for writes: a write that hit a platform
    /// internal error, a timeout or a 5xx may have been carried out, so it becomes
    /// <see cref="TikTokShopErrorClassification.OutcomeUnknown"/> instead of retryable. Rate limiting is the exception:
    /// a throttled request was refused before any work was done.
    /// </summary>
    public static TikTokShopErrorClassification Classify(int? code, string? message, int? httpStatus, bool idempotent)
    {
        if (code is int envelopeCode && envelopeCode != Success)
        {
            var classification = ClassifyCode(envelopeCode, message);
            if (classification == TikTokShopErrorClassification.Retryable && !idempotent && envelopeCode != TooManyRequests)
            {
                return TikTokShopErrorClassification.OutcomeUnknown;
            }

            if (classification != TikTokShopErrorClassification.Other)
            {
                return classification;
            }
        }

        return httpStatus switch
        {
            429 => TikTokShopErrorClassification.Retryable,
            408 or >= 500 => idempotent ? TikTokShopErrorClassification.Retryable : TikTokShopErrorClassification.OutcomeUnknown,
            _ => TikTokShopErrorClassification.Other,
        };
    }

    /// <summary>Classifies a call that ended without a response (network failure, attempt timeout, open circuit).</summary>
    public static TikTokShopErrorClassification ClassifyTransportFailure(Exception exception, bool idempotent) =>
        idempotent || NeverReachedServer(exception)
            ? TikTokShopErrorClassification.Retryable
            : TikTokShopErrorClassification.OutcomeUnknown;

    /// <summary>True when the failure proves the request did not reach TikTok, so even a write is safe to repeat.</summary>
    public static bool NeverReachedServer(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is HttpRequestException
                {
                    HttpRequestError: HttpRequestError.ConnectionError
                        or HttpRequestError.NameResolutionError
                        or HttpRequestError.SecureConnectionError
                        or HttpRequestError.ProxyTunnelError,
                })
            {
                return true;
            }

            if (current is Polly.CircuitBreaker.BrokenCircuitException
                or Polly.RateLimiting.RateLimiterRejectedException
                or TikTokShopClientRateLimitException)
            {
                return true;
            }
        }

        return false;
    }
}
