using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace GoQ.TikTokSync.TikTokShop.Http;

/// <summary>
/// Keeps the client under TikTok's per app + shop + API limit before TikTok has to say 429: one sliding window per
/// (shop cipher, path template), so a burst on one shop or endpoint never delays another. The window is
/// <see cref="TikTokShopOptions.PacingWindow"/> long and slides in <see cref="TikTokShopRateLimits.PacingSegment"/> steps:
/// a sliding window only bounds the calls in its own aligned segments, so it must be one second plus a segment (and a
/// segment more for jitter) for every unaligned second, as TikTok counts them, to stay within the limit.
/// </summary>
public sealed class TikTokShopRateLimiter : IDisposable
{
    /// <summary>Requests allowed to wait for a permit per partition; beyond that a call fails as retryable.</summary>
    public const int DefaultQueueLimit = 1_000;

    private readonly ConcurrentDictionary<(string Shop, string PathTemplate), SlidingWindowRateLimiter> _partitions = new();
    private readonly int _permitsPerSecond;
    private readonly bool _autoReplenishment;
    private readonly int _queueLimit;
    private readonly TimeSpan _window;

    public TikTokShopRateLimiter(IOptions<TikTokShopOptions> options)
        : this(options.Value.RequestsPerSecondPerEndpoint, autoReplenishment: true, DefaultQueueLimit, options.Value.PacingWindow)
    {
    }

    /// <param name="permitsPerSecond">Ceiling per shop and endpoint.</param>
    /// <param name="autoReplenishment">
    /// False freezes the window (nothing is ever given back), so tests can count the decisions of one window
    /// without depending on how fast they run.
    /// </param>
    /// <param name="queueLimit">How many requests may wait per partition.</param>
    /// <param name="window">The pacing window; <see cref="TikTokShopRateLimits.DefaultPacingWindow"/> when null.</param>
    internal TikTokShopRateLimiter(int permitsPerSecond, bool autoReplenishment, int queueLimit, TimeSpan? window = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permitsPerSecond, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(queueLimit);
        _permitsPerSecond = permitsPerSecond;
        _autoReplenishment = autoReplenishment;
        _queueLimit = queueLimit;
        _window = window ?? TikTokShopRateLimits.DefaultPacingWindow;
        ArgumentOutOfRangeException.ThrowIfLessThan(_window, TikTokShopRateLimits.PacingSegment);
    }

    /// <summary>Segments of <see cref="TikTokShopRateLimits.PacingSegment"/> in the pacing window.</summary>
    public int SegmentsPerWindow => (int)Math.Round(_window / TikTokShopRateLimits.PacingSegment);

    public TimeSpan Window => _window;

    public int PermitsPerSecond => _permitsPerSecond;

    /// <summary>Waits (in arrival order) for a permit; a lease that is not acquired means the queue was full.</summary>
    public ValueTask<RateLimitLease> AcquireAsync(string? shopCipher, string pathTemplate, CancellationToken cancellationToken) =>
        Partition(shopCipher, pathTemplate).AcquireAsync(1, cancellationToken);

    /// <summary>Takes a permit only if one is free right now.</summary>
    public RateLimitLease AttemptAcquire(string? shopCipher, string pathTemplate) =>
        Partition(shopCipher, pathTemplate).AttemptAcquire(1);

    /// <summary>Slides a frozen window (autoReplenishment false) by one segment, so tests step time themselves.</summary>
    internal bool TryReplenish(string? shopCipher, string pathTemplate) =>
        Partition(shopCipher, pathTemplate).TryReplenish();

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

    private SlidingWindowRateLimiter Partition(string? shopCipher, string pathTemplate)
    {
        ArgumentException.ThrowIfNullOrEmpty(pathTemplate);
        return _partitions.GetOrAdd(
            (shopCipher ?? string.Empty, pathTemplate),
            static (_, self) => new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
            {
                PermitLimit = self._permitsPerSecond,
                Window = self._window,
                SegmentsPerWindow = self.SegmentsPerWindow,
                QueueLimit = self._queueLimit,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = self._autoReplenishment,
            }),
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
