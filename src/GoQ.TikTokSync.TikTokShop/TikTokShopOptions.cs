using System.ComponentModel.DataAnnotations;

namespace GoQ.TikTokSync.TikTokShop;

/// <summary>Settings of the TikTok Shop client, bound from the <c>TikTokShop</c> configuration section.</summary>
public sealed class TikTokShopOptions
{
    public const string SectionName = "TikTokShop";

    /// <summary>The app key from Partner Center; sent as <c>app_key</c> on every call.</summary>
    [Required(AllowEmptyStrings = false)]
    public string AppKey { get; set; } = string.Empty;

    /// <summary>The app secret from Partner Center; signs requests and verifies webhooks. Never logged.</summary>
    [Required(AllowEmptyStrings = false)]
    public string AppSecret { get; set; } = string.Empty;

    /// <summary>The OAuth client id used only in the seller authorization link; it is not the app key.</summary>
    [Required(AllowEmptyStrings = false)]
    public string ServiceId { get; set; } = string.Empty;

    [Required]
    [AbsoluteHttpUrl]
    public Uri ApiBaseUrl { get; set; } = new(TikTokShopHosts.ApiBaseUrl);

    [Required]
    [AbsoluteHttpUrl]
    public Uri AuthBaseUrl { get; set; } = new(TikTokShopHosts.AuthBaseUrl);

    [Required]
    [AbsoluteHttpUrl]
    public Uri AuthorizeUrl { get; set; } = new(TikTokShopHosts.AuthorizeUrl);

    /// <summary>Client-side ceiling of requests per second for one shop on one endpoint.</summary>
    [Range(1, 10_000)]
    public int RequestsPerSecondPerEndpoint { get; set; } = TikTokShopRateLimits.DocumentedRequestsPerSecondPerEndpoint;

    /// <summary>
    /// The client paces to at most <see cref="RequestsPerSecondPerEndpoint"/> calls in any interval this long
    /// (<see cref="TikTokShopRateLimits.DefaultPacingWindow"/>). One named setting because how TikTok counts is unconfirmed.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:00:10")]
    public TimeSpan PacingWindow { get; set; } = TikTokShopRateLimits.DefaultPacingWindow;

    /// <summary>Retries after the first attempt, for the failures that are safe to retry (the resilience library needs at least one).</summary>
    [Range(1, 10)]
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>Base of the exponential back-off when the server sends no <c>Retry-After</c>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Time one attempt may take before it is abandoned.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>Rate-limit facts from docs/tiktok-shop-api.md#rate-limits.</summary>
public static class TikTokShopRateLimits
{
    /// <summary>
    /// 50 QPS per API per app + shop, as documented. UNCONFIRMED: a later version of the page reportedly calls the
    /// limit dynamic, so this is only the default of <see cref="TikTokShopOptions.RequestsPerSecondPerEndpoint"/>.
    /// </summary>
    public const int DocumentedRequestsPerSecondPerEndpoint = 50;

    /// <summary>
    /// UNCONFIRMED how TikTok counts "per second": the emulator (like many gateways) counts calls per calendar second of
    /// arrival. A client that allows the limit in every aligned window still lets 50 calls end one second and 50 more start
    /// the next inside ~100 ms of each other, and then some arrive in the same second and are refused (3.5 % of calls in
    /// the push benchmark). Allowing the limit in any interval of one second plus 20 ms keeps every calendar second of
    /// arrival at or under the limit while the calls' network delays differ by less than 20 ms, at 98 % of the limit.
    /// </summary>
    public static readonly TimeSpan DefaultPacingWindow = TimeSpan.FromMilliseconds(1_020);
}

/// <summary>Accepts only absolute http or https URLs.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class AbsoluteHttpUrlAttribute : ValidationAttribute
{
    public AbsoluteHttpUrlAttribute()
        : base("The {0} field must be an absolute http or https URL.")
    {
    }

    public override bool IsValid(object? value) => value switch
    {
        null => true,
        Uri uri => IsAbsoluteHttp(uri),
        string text => Uri.TryCreate(text, UriKind.Absolute, out var parsed) && IsAbsoluteHttp(parsed),
        _ => false,
    };

    private static bool IsAbsoluteHttp(Uri uri) =>
        uri.IsAbsoluteUri
        && (string.Equals(uri.Scheme, Uri.UriSchemeHttps, StringComparison.Ordinal)
            || string.Equals(uri.Scheme, Uri.UriSchemeHttp, StringComparison.Ordinal));
}
