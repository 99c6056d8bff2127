using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace GoQ.TikTokSync.Web.Infrastructure;

/// <summary>"RateLimiting" section. Counted per app node (in memory): with N nodes an address gets up to N times the limits.</summary>
public sealed class RateLimitingOptions
{
    public const string SectionName = "RateLimiting";

    /// <summary>Sign-in and 初期設定 form posts one client address may make per window, over all accounts.</summary>
    [Range(1, 10_000)]
    public int SignInPerAddressPermitLimit { get; set; } = 30;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SignInPerAddressWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Wrong passwords for one e-mail address from one client address before that pair is refused for the rest of the
    /// window. Keyed by the pair, so nobody elsewhere can keep a known administrator locked out.
    /// </summary>
    [Range(1, 1_000)]
    public int SignInFailuresPerAccountLimit { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SignInFailuresPerAccountWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Webhook deliveries one source address may make per window. TikTok sends a few per order change and a campaign can
    /// send bursts of a couple of hundred a second from few addresses, so the default (200/s over a minute) stops floods
    /// without refusing a busy shop's real bursts (refused ones TikTok retries, and the 10-minute fetch covers).
    /// </summary>
    [Range(1, 1_000_000)]
    public int WebhookPerAddressPermitLimit { get; set; } = 12_000;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan WebhookPerAddressWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A flood of refused requests writes at most one log line per kind per this interval (with the count).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RefusalLogInterval { get; set; } = TimeSpan.FromMinutes(1);
}

public static partial class RateLimitingSetup
{
    public const string SignInPolicy = "sign-in";
    public const string WebhookPolicy = "webhooks";

    public const string TooManySignInsMessage = "短時間に多くのログインが試みられたため、一時的に受け付けを停止しています。しばらく待ってからもう一度お試しください。";

    /// <summary>ASP.NET Core's rate limiter for the anonymous doors: sign-in / 初期設定 posts and TikTok's webhooks, per client address.</summary>
    public static IServiceCollection AddAppRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitingOptions>()
            .Bind(configuration.GetSection(RateLimitingOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<SampledLog>();
        services.AddSingleton<SignInThrottle>();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy<string, SignInPolicyImpl>(SignInPolicy);
            options.AddPolicy<string, WebhookPolicyImpl>(WebhookPolicy);
        });
        return services;
    }

    internal static string ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>Only form posts count: showing the login page is free.</summary>
    private sealed class SignInPolicyImpl(IOptions<RateLimitingOptions> options, SampledLog sampled, ILogger<SignInPolicyImpl> logger) : IRateLimiterPolicy<string>
    {
        public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (context, cancellationToken) =>
        {
            if (sampled.ShouldWrite("sign-in-rate-limit", out var suppressed))
            {
                LogSignInLimited(logger, ClientAddress(context.HttpContext), suppressed);
            }

            context.HttpContext.Response.Headers.RetryAfter = ((int)options.Value.SignInPerAddressWindow.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
            await context.HttpContext.Response.WriteAsync(TooManySignInsMessage, cancellationToken);
        };

        public RateLimitPartition<string> GetPartition(HttpContext httpContext)
        {
            if (HttpMethods.IsGet(httpContext.Request.Method) || HttpMethods.IsHead(httpContext.Request.Method))
            {
                return RateLimitPartition.GetNoLimiter("read");
            }

            var limits = options.Value;
            return RateLimitPartition.GetFixedWindowLimiter(ClientAddress(httpContext), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limits.SignInPerAddressPermitLimit,
                Window = limits.SignInPerAddressWindow,
                QueueLimit = 0,
            });
        }
    }

    private sealed class WebhookPolicyImpl(IOptions<RateLimitingOptions> options, SampledLog sampled, ILogger<WebhookPolicyImpl> logger) : IRateLimiterPolicy<string>
    {
        public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => (context, _) =>
        {
            if (sampled.ShouldWrite("webhook-rate-limit", out var suppressed))
            {
                LogWebhookLimited(logger, ClientAddress(context.HttpContext), suppressed);
            }

            return ValueTask.CompletedTask;
        };

        public RateLimitPartition<string> GetPartition(HttpContext httpContext)
        {
            var limits = options.Value;
            return RateLimitPartition.GetFixedWindowLimiter(ClientAddress(httpContext), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limits.WebhookPerAddressPermitLimit,
                Window = limits.WebhookPerAddressWindow,
                QueueLimit = 0,
            });
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in rate limit reached by {RemoteAddress} ({Suppressed} similar refusals since the previous line)")]
    private static partial void LogSignInLimited(ILogger logger, string remoteAddress, long suppressed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook rate limit reached by {RemoteAddress} ({Suppressed} similar refusals since the previous line)")]
    private static partial void LogWebhookLimited(ILogger logger, string remoteAddress, long suppressed);
}

/// <summary>
/// Per account and client address: wrong passwords are counted for the pair (the e-mail typed, known or not, and the
/// address it came from). Unknown and known e-mail addresses are counted and answered alike, and an attacker elsewhere
/// cannot lock the real user out. The account's own Identity lockout is not used for this reason.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _failures;

    public SignInThrottle(IOptions<RateLimitingOptions> options)
    {
        var limits = options.Value;
        FailureLimit = limits.SignInFailuresPerAccountLimit;
        Window = limits.SignInFailuresPerAccountWindow;
        _failures = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limits.SignInFailuresPerAccountLimit,
            Window = limits.SignInFailuresPerAccountWindow,
            QueueLimit = 0,
        }));
    }

    public int FailureLimit { get; }

    public TimeSpan Window { get; }

    public bool IsBlocked(string email, string clientAddress) =>
        _failures.GetStatistics(Key(email, clientAddress))?.CurrentAvailablePermits == 0;

    /// <summary>Counts a wrong password; true when this one used up the pair's attempts.</summary>
    public bool RecordFailure(string email, string clientAddress)
    {
        var key = Key(email, clientAddress);
        using var lease = _failures.AttemptAcquire(key);
        return !lease.IsAcquired || _failures.GetStatistics(key)?.CurrentAvailablePermits == 0;
    }

    public void Dispose() => _failures.Dispose();

    private static string Key(string email, string clientAddress) => email.Trim().ToUpperInvariant() + "\n" + clientAddress;
}

/// <summary>At most one log line per kind and interval for floods of refused requests, carrying how many were left out.</summary>
public sealed class SampledLog(TimeProvider time, IOptions<RateLimitingOptions> options)
{
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);

    public bool ShouldWrite(string kind, out long suppressedSincePrevious)
    {
        var now = time.GetUtcNow();
        var window = _windows.GetOrAdd(kind, _ => new Window());
        lock (window)
        {
            if (window.LastWrittenAt is { } last && now - last < options.Value.RefusalLogInterval)
            {
                window.Suppressed++;
                suppressedSincePrevious = 0;
                return false;
            }

            suppressedSincePrevious = window.Suppressed;
            window.Suppressed = 0;
            window.LastWrittenAt = now;
            return true;
        }
    }

    private sealed class Window
    {
        public DateTimeOffset? LastWrittenAt { get; set; }

        public long Suppressed { get; set; }
    }
}
