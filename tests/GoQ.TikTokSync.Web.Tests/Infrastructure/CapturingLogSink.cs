using Serilog.Core;
using Serilog.Events;

namespace GoQ.TikTokSync.Web.Tests.Infrastructure;

/// <summary>Keeps the rendered messages a test host logs (registered as an <see cref="ILogEventSink"/> in its services).</summary>
public sealed class CapturingLogSink : ILogEventSink
{
    private readonly List<string> _messages = [];

    public List<string> Messages()
    {
        lock (_messages)
        {
            return [.. _messages];
        }
    }

    public string Text => string.Join("\n", Messages());

    public void Emit(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        lock (_messages)
        {
            _messages.Add(logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
