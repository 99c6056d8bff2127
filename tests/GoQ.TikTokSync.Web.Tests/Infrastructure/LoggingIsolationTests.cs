using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serilog.Core;

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
        var first = new CapturingLogSink();
        var second = new CapturingLogSink();
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
}
