using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Serilog;
using Serilog.Events;

namespace GoQ.TikTokSync.Web.Infrastructure;

public static class LoggingSetup
{
    public static Serilog.ILogger CreateBootstrapLogger() =>
        new LoggerConfiguration()
            .WithSecretRedaction()
            .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .CreateLogger();

    /// <summary>Console and rolling file from configuration ("Serilog" section), always with secret redaction.</summary>
    public static WebApplicationBuilder AddAppLogging(this WebApplicationBuilder builder)
    {
        var logFolder = Path.Combine(AppDataFolderSetup.ResolveDataDirectory(builder.Configuration, builder.Environment), "logs");
        // Each host keeps its own logger (preserveStaticLogger): with the static one, every host built in the same process
        // (the test suite's parallel WebApplicationFactory hosts) wrote through whichever host was built last.
        builder.Services.AddSerilog(
            (services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .WithSecretRedaction()
            .Enrich.FromLogContext()
            .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .WriteTo.File(
                Path.Combine(logFolder, "goq-tiktoksync-.log"),
                rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: 31,
                formatProvider: System.Globalization.CultureInfo.InvariantCulture),
            preserveStaticLogger: true);
        return builder;
    }

    /// <summary>
    /// Applied to every logger the app builds: tokens and secrets are replaced before any sink sees the event.
    /// The HttpClient's own request-URI logging is silenced below Warning because the token endpoints carry the
    /// app secret in their query string.
    /// </summary>
    public static LoggerConfiguration WithSecretRedaction(this LoggerConfiguration configuration) =>
        configuration
            .Destructure.With<SecretRedactingDestructuringPolicy>()
            .Enrich.With<SecretRedactionEnricher>()
            .MinimumLevel.Override("System.Net.Http.HttpClient", LogEventLevel.Warning);

    public static WebApplication UseAppRequestLogging(this WebApplication app)
    {
        app.UseSerilogRequestLogging(options =>
        {
            options.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            options.GetMessageTemplateProperties = (context, _, elapsed, status) =>
            [
                new LogEventProperty("RequestMethod", new ScalarValue(context.Request.Method)),
                new LogEventProperty("RequestPath", new ScalarValue(context.Request.Path.Value)),
                new LogEventProperty("StatusCode", new ScalarValue(status)),
                new LogEventProperty("Elapsed", new ScalarValue(elapsed)),
            ];
        });
        return app;
    }

    public static void LogListeningAddresses(WebApplication app)
    {
        var addresses = app.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses;
        foreach (var address in addresses ?? [])
        {
            app.Services.GetRequiredService<Serilog.ILogger>().Information("GoQ.TikTokSync is listening on {Address}", address);
        }
    }
}
