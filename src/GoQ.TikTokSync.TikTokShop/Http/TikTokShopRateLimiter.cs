using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace GoQ.TikTokSync.TikTokShop.Http;

/// <summary>
/// Keeps the client under TikTok's per app + shop + API limit before TikTok has to say 429: one pacing window per
/// (shop cipher, path template), so a burst on one shop or endpoint never delays another. Each allows
/// <see cref="TikTokShopOptions.RequestsPerSecondPerEndpoint"/> calls in any interval of
/// <see cref="TikTokShopOptions.PacingWindow"/>, measured on the clock (<see cref="PacingWindowLimiter"/>).
/// </summary>
public sealed class TikTokShopRateLimiter : IDisposable
{
    /// <summary>Requests allowed to wait for a permit per partition; beyond that a call fails as retryable.</summary>
    public const int DefaultQueueLimit = 1_000;

    private readonly ConcurrentDictionary<(string Shop, string PathTemplate), PacingWindowLimiter> _partitions = new();
    private readonly int _permitsPerSecond;
    private readonly int _queueLimit;
    private readonly TimeSpan _window;
    private readonly TimeProvider _time;

    /// <summary>
    /// Paces on the system clock whatever <see cref="TimeProvider"/> the application registers: TikTok counts real
    /// seconds, and a test clock standing still must not stop the calls.
    /// </summary>
    public TikTokShopRateLimiter(IOptions<TikTokShopOptions> options)
        : this(options.Value.RequestsPerSecondPerEndpoint, DefaultQueueLimit, options.Value.PacingWindow, TimeProvider.System)
    {
    }

    /// <param name="permitsPerSecond">Ceiling per shop and endpoint.</param>
    /// <param name="queueLimit">How many requests may wait per partition.</param>
    /// <param name="window">The pacing window; <see cref="TikTokShopRateLimits.DefaultPacingWindow"/> when null.</param>
    /// <param name="time">The clock the window is measured on; tests pass a fake one and move it themselves.</param>
    internal TikTokShopRateLimiter(int permitsPerSecond, int queueLimit, TimeSpan? window, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permitsPerSecond, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(queueLimit);
        ArgumentNullException.ThrowIfNull(time);
        _permitsPerSecond = permitsPerSecond;
        _queueLimit = queueLimit;
        _window = window ?? TikTokShopRateLimits.DefaultPacingWindow;
        _time = time;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_window, TimeSpan.Zero);
    }

    public TimeSpan Window => _window;

    public int PermitsPerSecond => _permitsPerSecond;

    /// <summary>Waits (in arrival order) for a permit; a lease that is not acquired means the queue was full.</summary>
    public ValueTask<RateLimitLease> AcquireAsync(string? shopCipher, string pathTemplate, CancellationToken cancellationToken) =>
        Partition(shopCipher, pathTemplate).AcquireAsync(1, cancellationToken);

    /// <summary>Takes a permit only if one is free right now.</summary>
    public RateLimitLease AttemptAcquire(string? shopCipher, string pathTemplate) =>
        Partition(shopCipher, pathTemplate).AttemptAcquire(1);

    /// <summary>Permits free and requests waiting in one partition, for diagnostics.</summary>
    public RateLimiterStatistics? GetStatistics(string? shopCipher, string pathTemplate) =>
        Partition(shopCipher, pathTemplate).GetStatistics();

    public void Dispose()
    {
        foreach (var limiter in _partitions.Values)
        {
            limiter.Dispose();
        }

        _partitions.Clear();
    }

    private PacingWindowLimiter Partition(string? shopCipher, string pathTemplate)
    {
        ArgumentException.ThrowIfNullOrEmpty(pathTemplate);
        return _partitions.GetOrAdd(
            (shopCipher ?? string.Empty, pathTemplate),
            static (_, self) => new PacingWindowLimiter(self._permitsPerSecond, self._window, self._queueLimit, self._time),
            this);
    }
}

/// <summary>
/// Sits outside the resilience handler: it throttles calls, and its wait is not cut short by the per-attempt
/// timeout (a write still waiting for a permit has certainly not been sent).
/// </summary>
internal sealed class TikTokShopRateLimitHandler : DelegatingHandler
{
    private readonly TikTokShopRateLimiter _limiter;

    public TikTokShopRateLimitHandler(TikTokShopRateLimiter limiter)
    {
        _limiter = limiter;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Options.TryGetValue(TikTokShopRequestDescription.OptionKey, out var description))
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        using var lease = await _limiter.AcquireAsync(description.ShopCipher, description.PathTemplate, cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            throw new Errors.TikTokShopClientRateLimitException(
                $"Too many TikTok Shop calls are already waiting for {description.PathTemplate} on one shop.");
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
