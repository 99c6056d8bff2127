namespace GoQ.TikTokSync.TikTokShop.Emulator.Protocol;

/// <summary>
/// 50 calls per second per app + shop + endpoint (md §4.3), counted in whole seconds of the injected clock so that tests
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
            lock (_gate)
            {
                _settings = value;
                _burstLeft = value.RateLimitBurst;
            }
        }
    }

    /// <summary>The failure this call gets, if any, and the latency to add first.</summary>
    public (EmulatorError? Error, TimeSpan Latency) Decide()
    {
        lock (_gate)
        {
            if (_burstLeft > 0)
            {
                _burstLeft--;
                return (EmulatorErrors.RateLimited, _settings.AddedLatency);
            }

#pragma warning disable CA5394 // Reproducible fault patterns, not security.
            if (_settings.ServerErrorRate > 0 && _random.NextDouble() < _settings.ServerErrorRate)
            {
                return (EmulatorErrors.ServiceUnavailable, _settings.AddedLatency);
            }

            if (_settings.InternalErrorRate > 0 && _random.NextDouble() < _settings.InternalErrorRate)
            {
                return (EmulatorErrors.InternalError, _settings.AddedLatency);
            }
#pragma warning restore CA5394

            return (null, _settings.AddedLatency);
        }
    }
}
