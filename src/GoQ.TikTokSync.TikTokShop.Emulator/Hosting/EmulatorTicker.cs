using System.Threading.Channels;
using GoQ.TikTokSync.TikTokShop.Emulator.Control;
using Microsoft.Extensions.Hosting;

namespace GoQ.TikTokSync.TikTokShop.Emulator.Hosting;

/// <summary>Wakes the ticker when an order event is planned, so that it can sleep until the next due one.</summary>
internal sealed class EmulatorWakeSignal
{
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Notify() => _signal.Writer.TryWrite(true);

    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        await _signal.Reader.WaitToReadAsync(cancellationToken);
        _signal.Reader.TryRead(out _);
    }
}

/// <summary>
/// Applies due life-cycle events even when nobody calls the API, so that webhooks go out on time. API calls apply them too
/// (lazily), so correctness never depends on this loop. It sleeps on the injected clock until the next planned event
/// (at most an hour, for the daily authorization-expiry notices) instead of ticking every second: a test that advances
/// a FakeTimeProvider by weeks then costs one wake-up, not millions.
/// </summary>
internal sealed class EmulatorTicker : BackgroundService
{
    public static readonly TimeSpan LongestSleep = TimeSpan.FromHours(1);

    private readonly EmulatorControl _control;
    private readonly EmulatorWakeSignal _wake;
    private readonly TimeProvider _time;

    public EmulatorTicker(EmulatorControl control, EmulatorWakeSignal wake, TimeProvider time)
    {
        _control = control;
        _wake = wake;
        _time = time;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the host finish starting before the first tick.
        await Task.Yield();
        Task? wake = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            _control.Tick();
            var sleep = LongestSleep;
            if (_control.NextOrderEvent() is { } next)
            {
                var untilNext = next - _time.GetUtcNow();
                sleep = untilNext < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : untilNext < sleep ? untilNext : sleep;
            }

            wake ??= _wake.WaitAsync(stoppingToken);
            using var sleeping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var delay = Task.Delay(sleep, _time, sleeping.Token);
            var first = await Task.WhenAny(delay, wake);
            await sleeping.CancelAsync();
            if (first == wake)
            {
                wake = null;
            }

            try
            {
                await delay;
                await first;
            }
            catch (OperationCanceledException)
            {
                // The sleep was cut short by a new event, or the host is stopping.
            }
        }
    }
}
