using Microsoft.Extensions.Time.Testing;

namespace GoQ.TikTokSync.TikTokShop.Emulator.Tests.Support;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that tells a test when the code under test has started waiting on it. Moving the
/// clock before the wait is parked would leave the wait pending for ever; so a test waits for the timer, then advances.
/// </summary>
internal sealed class WatchedFakeTime(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly List<TimeSpan> _created = [];
    private readonly List<(Func<TimeSpan, bool> Matches, TaskCompletionSource Parked)> _waiters = [];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        // Registered with the fake clock before anyone hears of it: an Advance after the signal fires it.
        var timer = base.CreateTimer(callback, state, dueTime, period);
        lock (_created)
        {
            _created.Add(dueTime);
            foreach (var waiter in _waiters.Where(w => w.Matches(dueTime)).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Parked.TrySetResult();
            }
        }

        return timer;
    }

    /// <summary>
    /// Completes once a timer due in exactly <paramref name="dueTime"/> exists (created before or after this call); fails
    /// with a <see cref="TimeoutException"/> when none comes within <paramref name="within"/> of real time.
    /// </summary>
    public async Task WaitForTimerAsync(TimeSpan dueTime, TimeSpan? within = null)
    {
        var parked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_created)
        {
            if (_created.Contains(dueTime))
            {
                return;
            }

            _waiters.Add((d => d == dueTime, parked));
        }

        var limit = within ?? TimeSpan.FromSeconds(15);
        try
        {
            await parked.Task.WaitAsync(limit);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Nothing started waiting {dueTime} on the fake clock within {limit.TotalSeconds:0} s.");
        }
    }
}
