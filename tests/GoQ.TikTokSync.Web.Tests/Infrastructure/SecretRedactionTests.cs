using GoQ.TikTokSync.Web.Infrastructure;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace GoQ.TikTokSync.Web.Tests.Infrastructure;

public sealed class SecretRedactionTests
{
    private const string AccessToken = "TTP_secret-access-token-value";
    private const string RefreshToken = "TTP_secret-refresh-token-value";
    private const string AppSecret = "e59af819cc-app-secret";

    private sealed class CapturingSink : ILogEventSink
    {
        public List<LogEvent> Events { get; } = [];

        public void Emit(LogEvent logEvent) => Events.Add(logEvent);
    }

    private sealed record TokenSet(string AccessToken, string RefreshToken, DateTimeOffset ExpiresAt);

    private static (Serilog.Core.Logger Logger, CapturingSink Sink) CreateLogger()
    {
        var sink = new CapturingSink();
        var logger = new LoggerConfiguration().MinimumLevel.Verbose().WithSecretRedaction().WriteTo.Sink(sink).CreateLogger();
        return (logger, sink);
    }

    private static string Rendered(CapturingSink sink) =>
        string.Join("\n", sink.Events.Select(e => e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture)
            + " " + string.Join(" ", e.Properties.Select(p => p.Key + "=" + p.Value))));

    [Fact]
    public void SecretNamedProperties_AreMasked()
    {
        var (logger, sink) = CreateLogger();

        logger.Information("Stored {AccessToken} and {RefreshToken} with {AppSecret}", AccessToken, RefreshToken, AppSecret);

        var text = Rendered(sink);
        Assert.DoesNotContain(AccessToken, text, StringComparison.Ordinal);
        Assert.DoesNotContain(RefreshToken, text, StringComparison.Ordinal);
        Assert.DoesNotContain(AppSecret, text, StringComparison.Ordinal);
        Assert.Contains(SecretRedaction.Mask, text, StringComparison.Ordinal);
    }

    [Fact]
    public void TokenUrlInText_HasItsSecretQueryValuesMasked()
    {
        var (logger, sink) = CreateLogger();
        var url = new Uri($"https://auth.example/api/v2/token/get?app_key=abc&app_secret={AppSecret}&auth_code=TTP_code&grant_type=authorized_code");

        logger.Warning("Calling {Url} failed; body {Body}", url, $"{{\"access_token\":\"{AccessToken}\",\"refresh_token\":\"{RefreshToken}\"}}");

        var text = Rendered(sink);
        Assert.DoesNotContain(AppSecret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(AccessToken, text, StringComparison.Ordinal);
        Assert.DoesNotContain(RefreshToken, text, StringComparison.Ordinal);
        Assert.DoesNotContain("TTP_code", text, StringComparison.Ordinal);
        Assert.Contains("app_key=abc", text, StringComparison.Ordinal);
    }

    [Fact]
    public void DestructuredObject_KeepsOrdinaryFieldsAndMasksSecrets()
    {
        var (logger, sink) = CreateLogger();
        var expires = new DateTimeOffset(2026, 12, 5, 0, 0, 0, TimeSpan.Zero);

        logger.Information("Token refreshed {@Tokens}", new TokenSet(AccessToken, RefreshToken, expires));

        var text = Rendered(sink);
        Assert.DoesNotContain(AccessToken, text, StringComparison.Ordinal);
        Assert.DoesNotContain(RefreshToken, text, StringComparison.Ordinal);
        Assert.Contains("2026", text, StringComparison.Ordinal);
    }

    [Fact]
    public void HttpClientRequestLogging_IsSilencedBelowWarning()
    {
        var (logger, sink) = CreateLogger();

        logger.ForContext(Constants.SourceContextPropertyName, "System.Net.Http.HttpClient.TikTokShopAuthClient.LogicalHandler")
            .Information("Start processing HTTP request {HttpMethod} {Uri}", "GET", "https://auth.example/api/v2/token/get?app_secret=x");

        Assert.Empty(sink.Events);
    }
}
