using System.Threading.RateLimiting;

namespace GoQ.TikTokSync.TikTokShop.Http;

/// <summary>
/// At most <c>permitLimit</c> permits in any interval of <c>window</c>, measured on the clock: the times of the last
/// <c>permitLimit</c> grants are kept, and the next permit is free once the oldest of them is a window old. Unlike a
/// window that slides one segment per timer tick, a late wake-up (a busy thread pool, a loaded machine) only delays the
/// permits due at that moment and is never added to every later window, so the pace stays at the limit under load.
/// Waiters are served in arrival order.
/// </summary>
internal sealed class PacingWindowLimiter : RateLimiter
{
    private static readonly RateLimitLease Granted = new Lease(true);
    private static readonly RateLimitLease Refused = new Lease(false);

    private readonly object _gate = new();
    private readonly long[] _grantedAt;
    private readonly long _windowTicks;
    private readonly int _queueLimit;
    private readonly TimeProvider _time;
    private readonly LinkedList<Waiter> _queue = new();
    private readonly ITimer _wakeUp;
    private int _oldest;
    private long _successful;
    private long _failed;
    private bool _disposed;

    public PacingWindowLimiter(int permitLimit, TimeSpan window, int queueLimit, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permitLimit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(queueLimit);
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _queueLimit = queueLimit;
        _windowTicks = (long)Math.Ceiling(window.TotalSeconds * time.TimestampFrequency);
        // Every slot starts a full window old: the first permitLimit permits are free at once.
        var start = time.GetTimestamp() - _windowTicks;
        _grantedAt = Enumerable.Repeat(start, permitLimit).ToArray();
        _wakeUp = time.CreateTimer(static self => ((PacingWindowLimiter)self!).ServeWaiters(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_gate)
            {
                var newest = _grantedAt[(_oldest + _grantedAt.Length - 1) % _grantedAt.Length];
                return _queue.Count > 0 ? null : _time.GetElapsedTime(newest);
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = _queue.Count > 0 ? 0 : _grantedAt.Count(at => now - at >= _windowTicks),
                CurrentQueuedCount = _queue.Count,
                TotalSuccessfulLeases = _successful,
                TotalFailedLeases = _failed,
            };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        ThrowIfNotOne(permitCount);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_queue.Count == 0 && TryGrant(_time.GetTimestamp()))
            {
                return Granted;
            }

            _failed++;
            return Refused;
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        ThrowIfNotOne(permitCount);
        cancellationToken.ThrowIfCancellationRequested();
        Waiter waiter;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_queue.Count == 0 && TryGrant(_time.GetTimestamp()))
            {
                return ValueTask.FromResult(Granted);
            }

            if (_queue.Count >= _queueLimit)
            {
                _failed++;
                return ValueTask.FromResult(Refused);
            }

            waiter = new Waiter();
            waiter.Node = _queue.AddLast(waiter);
            if (_queue.Count == 1)
            {
                ScheduleWakeUp(_time.GetTimestamp());
            }
        }

        if (cancellationToken.CanBeCanceled)
        {
            waiter.Cancellation = cancellationToken.Register(static state =>
            {
                var (self, cancelled, token) = ((PacingWindowLimiter, Waiter, CancellationToken))state!;
                self.Cancel(cancelled, token);
            }, (this, waiter, cancellationToken));
        }

        return new ValueTask<RateLimitLease>(waiter.Completion.Task);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Release();
        }

        base.Dispose(disposing);
    }

    protected override ValueTask DisposeAsyncCore()
    {
        Release();
        return base.DisposeAsyncCore();
    }

    /// <summary>Stops the timer; calls still waiting fail as the limiter is gone.</summary>
    private void Release()
    {
        List<Waiter> waiting;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            waiting = [.. _queue];
            _queue.Clear();
        }

        _wakeUp.Dispose();
        foreach (var waiter in waiting)
        {
            waiter.Node = null;
            waiter.Cancellation.Dispose();
            waiter.Completion.TrySetException(new ObjectDisposedException(nameof(PacingWindowLimiter)));
        }
    }

    private static void ThrowIfNotOne(int permitCount)
    {
        if (permitCount != 1)
        {
            throw new ArgumentOutOfRangeException(nameof(permitCount), permitCount, "One call takes one permit.");
        }
    }

    /// <summary>Takes a permit if the oldest of the last grants is a window old; call under the gate.</summary>
    private bool TryGrant(long now)
    {
        if (now - _grantedAt[_oldest] < _windowTicks)
        {
            return false;
        }

        _grantedAt[_oldest] = now;
        _oldest = (_oldest + 1) % _grantedAt.Length;
        _successful++;
        return true;
    }

    /// <summary>Arms the timer for when the oldest grant leaves the window; call under the gate with waiters queued.</summary>
    private void ScheduleWakeUp(long now)
    {
        var ticks = Math.Max(1, _grantedAt[_oldest] + _windowTicks - now);
        // Whole milliseconds, rounded up: a system timer cuts the fraction off and would wake before the permit is due.
        var milliseconds = Math.Ceiling(ticks * 1_000.0 / _time.TimestampFrequency);
        _wakeUp.Change(TimeSpan.FromMilliseconds(milliseconds), Timeout.InfiniteTimeSpan);
    }

    private void ServeWaiters()
    {
        var served = new List<Waiter>();
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            var now = _time.GetTimestamp();
            while (_queue.First is { } first && TryGrant(now))
            {
                _queue.RemoveFirst();
                first.Value.Node = null;
                served.Add(first.Value);
            }

            if (_queue.Count > 0)
            {
                ScheduleWakeUp(now);
            }
        }

        foreach (var waiter in served)
        {
            waiter.Cancellation.Dispose();
            waiter.Completion.TrySetResult(Granted);
        }
    }

    private void Cancel(Waiter waiter, CancellationToken token)
    {
        lock (_gate)
        {
            if (waiter.Node is null)
            {
                // Already served (or the limiter was disposed): the permit stands.
                return;
            }

            _queue.Remove(waiter.Node);
            waiter.Node = null;
        }

        waiter.Completion.TrySetCanceled(token);
    }

    private sealed class Waiter
    {
        public TaskCompletionSource<RateLimitLease> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public LinkedListNode<Waiter>? Node { get; set; }

        public CancellationTokenRegistration Cancellation { get; set; }
    }

    private sealed class Lease(bool acquired) : RateLimitLease
    {
        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
