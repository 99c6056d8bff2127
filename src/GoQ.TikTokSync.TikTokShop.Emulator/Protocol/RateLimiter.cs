namespace GoQ.TikTokSync.TikTokShop.Emulator.Protocol;

/// <summary>
/// 50 calls per second per app + shop + endpoint (docs/tiktok-shop-api.md#rate-limits), counted in whole seconds of the injected clock so that tests
/// decide exactly which calls fall into one second.
/// </summary>
internal sealed class RateLimiter
{
    private readonly object _gate = new();
    private readonly Dictionary<(string Subject, string Endpoint), Window> _windows = [];
    private readonly EmulatorOptions _options;
    private readonly TimeProvider _time;

    public RateLimiter(EmulatorOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
    }

    /// <summary>Counts the call; false when it is over the limit of its second.</summary>
    public bool TryAcquire(string subject, string endpoint)
    {
        var second = _time.GetUtcNow().ToUnixTimeSeconds();
        lock (_gate)
        {
            var key = (subject, endpoint);
            if (!_windows.TryGetValue(key, out var window) || window.Second != second)
            {
                window = new Window(second, 0);
            }

            window = window with { Count = window.Count + 1 };
            _windows[key] = window;
            if (_windows.Count > 10_000)
            {
                // Old seconds are worthless; drop them so that a long run does not grow without bound.
                foreach (var stale in _windows.Where(w => w.Value.Second != second).Select(w => w.Key).ToList())
                {
                    _windows.Remove(stale);
                }
            }

            return window.Count <= _options.RateLimitPerSecond;
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _windows.Clear();
        }
    }

    private readonly record struct Window(long Second, int Count);
}

/// <summary>What fault injection decided for one call: the error to answer with (if any), the latency to serve before
/// processing it and the spike to hold its answer for afterwards.</summary>
internal sealed record FaultDecision(EmulatorError? Error, TimeSpan Latency, TimeSpan Spike)
{
    public static readonly FaultDecision None = new(null, TimeSpan.Zero, TimeSpan.Zero);
}

/// <summary>Injected failures, decided by a seeded random so that a run with the same seed fails the same calls.</summary>
internal sealed class FaultInjector
{
    private readonly object _gate = new();
    private readonly Random _random;
    private FaultSettings _settings = FaultSettings.None;
    private int _burstLeft;

    public FaultInjector(EmulatorOptions options)
    {
        _random = new Random(options.RandomSeed);
    }

    public FaultSettings Settings
    {
        get
        {
            lock (_gate)
            {
                return _settings with { RateLimitBurst = _burstLeft };
            }
        }

        set
        {
            ArgumentNullException.ThrowIfNull(value);
            value.Validate();
            lock (_gate)
            {
                _settings = value;
                _burstLeft = value.RateLimitBurst;
            }
        }
    }

    /// <summary>The failure this call gets, if any, and the latencies around it.</summary>
    /// <remarks>A draw is made only for a rate above zero, so adding a kind of fault leaves the pattern of the others as
    /// it was for runs that do not use it.</remarks>
    public FaultDecision Decide()
    {
        lock (_gate)
        {
            EmulatorError? error = null;
            if (_burstLeft > 0)
            {
                _burstLeft--;
                error = EmulatorErrors.RateLimited;
            }
            else if (Hits(_settings.ServerErrorRate))
            {
                error = EmulatorErrors.ServiceUnavailable;
            }
            else if (Hits(_settings.InternalErrorRate))
            {
                error = EmulatorErrors.InternalError;
            }

            var spike = Hits(_settings.LatencySpikeRate) ? _settings.LatencySpike : TimeSpan.Zero;
            return new FaultDecision(error, _settings.AddedLatency, spike);
        }
    }

    /// <summary>Whether the answer to this Mark Package As Shipped call is lost once the shipment is applied.</summary>
    public bool LosesShipResponse()
    {
        lock (_gate)
        {
            return Hits(_settings.ShipResponseLostRate);
        }
    }

    // Call under _gate: Random is not thread-safe, and one sequence keeps a seeded run reproducible.
#pragma warning disable CA5394 // Reproducible fault patterns, not security.
    private bool Hits(double rate) => rate > 0 && _random.NextDouble() < rate;
#pragma warning restore CA5394
}
