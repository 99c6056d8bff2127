using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace GoQ.TikTokSync.TikTokShop.Emulator.Tests.Support;

/// <summary>Records the emulator's log lines so that a test can wait for the one that says a decision was taken.</summary>
internal sealed class LogWatch : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    /// <summary>Completes when a line containing <paramref name="text"/> was logged; throws after <paramref name="within"/>.</summary>
    public async Task WaitForAsync(string text, TimeSpan? within = null)
    {
        var limit = within ?? TimeSpan.FromSeconds(15);
        var deadline = DateTime.UtcNow + limit;
        while (!_lines.Any(l => l.Contains(text, StringComparison.Ordinal)))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No log line containing '{text}' within {limit.TotalSeconds:0} s.");
            }

            await Task.Delay(20);
        }
    }

    public void Dispose()
    {
    }

    private sealed class Logger(LogWatch watch) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            watch._lines.Enqueue(formatter(state, exception));
    }
}
