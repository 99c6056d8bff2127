using System.Globalization;

namespace GoQ.TikTokSync.TikTokShop.Errors;

/// <summary>
/// A TikTok Shop call that failed: a non-zero envelope code (even under HTTP 200), an HTTP error with or without a
/// JSON body, or a transport failure. <see cref="Classification"/> says what to do about it.
/// </summary>
public sealed class TikTokShopApiException : Exception
{
    public TikTokShopApiException()
        : this("TikTok Shop API call failed.")
    {
    }

    public TikTokShopApiException(string message)
        : base(message)
    {
        Path = string.Empty;
    }

    public TikTokShopApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Path = string.Empty;
    }

    public TikTokShopApiException(
        TikTokShopErrorClassification classification,
        string path,
        int? code,
        string? apiMessage,
        string? requestId,
        int? httpStatus,
        Exception? innerException = null)
        : base(Describe(classification, path, code, apiMessage, requestId, httpStatus), innerException)
    {
        Classification = classification;
        Path = path;
        Code = code;
        ApiMessage = apiMessage;
        RequestId = requestId;
        HttpStatus = httpStatus;
    }

    public TikTokShopErrorClassification Classification { get; }

    /// <summary>The request path without host or query (query strings can carry secrets on the auth host).</summary>
    public string Path { get; }

    /// <summary>The envelope <c>code</c>; null when no envelope came back.</summary>
    public int? Code { get; }

    /// <summary>The envelope <c>message</c> as TikTok sent it.</summary>
    public string? ApiMessage { get; }

    /// <summary>The envelope <c>request_id</c>, which TikTok support asks for.</summary>
    public string? RequestId { get; }

    /// <summary>The HTTP status; null when no response came back.</summary>
    public int? HttpStatus { get; }

    private static string Describe(
        TikTokShopErrorClassification classification,
        string path,
        int? code,
        string? apiMessage,
        string? requestId,
        int? httpStatus) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"TikTok Shop call {path} failed ({classification}): code {code?.ToString(CultureInfo.InvariantCulture) ?? "none"}, HTTP {httpStatus?.ToString(CultureInfo.InvariantCulture) ?? "none"}, message '{apiMessage}', request_id '{requestId}'.");
}

/// <summary>Order search returned a page token it had already returned; following it would loop forever.</summary>
public sealed class TikTokShopPageTokenRepeatedException : Exception
{
    public TikTokShopPageTokenRepeatedException()
        : this("TikTok Shop returned a page token it had already returned.")
    {
    }

    public TikTokShopPageTokenRepeatedException(string message)
        : base(message)
    {
        PageToken = string.Empty;
        Path = string.Empty;
    }

    public TikTokShopPageTokenRepeatedException(string message, Exception innerException)
        : base(message, innerException)
    {
        PageToken = string.Empty;
        Path = string.Empty;
    }

    public TikTokShopPageTokenRepeatedException(string path, string pageToken, int pagesRead)
        : base(string.Create(
            CultureInfo.InvariantCulture,
            $"TikTok Shop {path} returned page token '{pageToken}' a second time after {pagesRead} pages; stopping to avoid an endless loop."))
    {
        Path = path;
        PageToken = pageToken;
    }

    public string Path { get; }

    public string PageToken { get; }
}

/// <summary>The client's own per-shop rate limiter could not grant a permit (its wait queue is full).</summary>
public sealed class TikTokShopClientRateLimitException : Exception
{
    public TikTokShopClientRateLimitException()
        : this("The client-side TikTok Shop rate limiter refused the request.")
    {
    }

    public TikTokShopClientRateLimitException(string message)
        : base(message)
    {
    }

    public TikTokShopClientRateLimitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
