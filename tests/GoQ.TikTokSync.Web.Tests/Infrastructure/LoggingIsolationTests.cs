using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serilog.Core;
using Serilog.Events;

namespace GoQ.TikTokSync.Web.Tests.Infrastructure;

/// <summary>
/// Every host writes through its own logger, not Serilog's static one: otherwise the last host built in a process takes
/// every other host's lines, and the suite's log assertions (which run hosts in parallel) see each other's lines or none.
/// </summary>
public sealed partial class LoggingIsolationTests
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "line of the first host")]
    private static partial void LogMarker(ILogger logger);

    [Fact]
    public async Task TwoHostsInOneProcess_EachWritesItsLinesAndRequestsToItsOwnSinks()
    {
        var first = new CapturingSink();
        var second = new CapturingSink();
        await using var firstHost = new TikTokSyncWebFactory { TestServices = s => s.AddSingleton<ILogEventSink>(first) };
        await using var secondHost = new TikTokSyncWebFactory { TestServices = s => s.AddSingleton<ILogEventSink>(second) };
        using var firstClient = firstHost.CreateClient();
        using var secondClient = secondHost.CreateClient();

        LogMarker(firstHost.Services.GetRequiredService<ILogger<LoggingIsolationTests>>());
        await firstClient.GetAsync(new Uri("/no-such-page-of-the-first-host", UriKind.Relative));

        Assert.Contains(first.Messages(), m => m.Contains("line of the first host", StringComparison.Ordinal));
        Assert.Contains(first.Messages(), m => m.Contains("/no-such-page-of-the-first-host", StringComparison.Ordinal));
        Assert.DoesNotContain(second.Messages(), m => m.Contains("first host", StringComparison.Ordinal));
    }

    private sealed class CapturingSink : ILogEventSink
    {
        private readonly List<string> _messages = [];

        public List<string> Messages()
        {
            lock (_messages)
            {
                return [.. _messages];
            }
        }

        public void Emit(LogEvent logEvent)
        {
            ArgumentNullException.ThrowIfNull(logEvent);
            lock (_messages)
            {
                _messages.Add(logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }
}
