using GoQ.TikTokSync.TikTokShop.Emulator.Auth;
using GoQ.TikTokSync.TikTokShop.Emulator.Control;
using GoQ.TikTokSync.TikTokShop.Emulator.Hosting;
using GoQ.TikTokSync.TikTokShop.Emulator.Orders;
using GoQ.TikTokSync.TikTokShop.Emulator.Protocol;
using GoQ.TikTokSync.TikTokShop.Emulator.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GoQ.TikTokSync.TikTokShop.Emulator;

/// <summary>
/// Builds and starts the TikTok Shop emulator: API, auth host and seller authorization page on one base URL, plus the
/// control surface under <c>/_emulator</c>.
/// </summary>
public static class TikTokShopEmulator
{
    /// <summary>Builds the emulator app (not started). <paramref name="configure"/> runs last, so tests can replace services
    /// such as <see cref="TimeProvider"/>.</summary>
    public static WebApplication Build(EmulatorOptions options, string[]? args = null, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = args ?? [],
            ApplicationName = typeof(TikTokShopEmulator).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });

        // Hosted inside another app (demo mode, tests), the emulator must not pick up that app's settings files or
        // Kestrel endpoints: only the options object and the explicit arguments configure it.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddCommandLine(args ?? []);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IdSource>();
        services.AddSingleton<EmulatorWakeSignal>();
        services.AddSingleton<PageTokenCodec>();
        services.AddSingleton<AuthorizationStore>();
        services.AddSingleton<ConsentFlowStore>();
        services.AddSingleton<WebhookSubscriptions>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddSingleton<IWebhookSink>(sp => sp.GetRequiredService<WebhookDispatcher>());
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
        services.AddSingleton<OrderStore>();
        services.AddSingleton<RateLimiter>();
        services.AddSingleton<FaultInjector>();
        services.AddSingleton<AccessRefusals>();
        services.AddSingleton<OpenApiGateway>();
        services.AddSingleton<EmulatorControl>();
        services.AddSingleton<IEmulatorControl>(sp => sp.GetRequiredService<EmulatorControl>());
        services.AddHostedService<EmulatorTicker>();
        services.AddHttpClient(WebhookDispatcher.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);

        configure?.Invoke(builder);

        var app = builder.Build();
        OpenApiEndpoints.Map(app);
        TokenEndpoints.Map(app);
        ConsentEndpoints.Map(app);
        ControlEndpoints.Map(app);
        app.MapFallback(context => EnvelopeResult
            .Error(OpenApiEndpoints.Unmatched(context.Request), RequestIds.Create(context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow()))
            .ExecuteAsync(context));

        app.Services.GetRequiredService<EmulatorControl>().SeedConfiguredOrders();
        return app;
    }

    /// <summary>Starts the emulator on Kestrel at http://127.0.0.1:{port} (0 = a free port).</summary>
    public static async Task<EmulatorHandle> StartAsync(
        EmulatorOptions options, int port = 0, Action<WebApplicationBuilder>? configure = null, CancellationToken ct = default)
    {
        var app = Build(options, args: null, builder =>
        {
            builder.WebHost.UseKestrelCore();
            builder.WebHost.UseUrls(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
            configure?.Invoke(builder);
        });

        try
        {
            await app.StartAsync(ct);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new EmulatorHandle(app, new Uri(address.TrimEnd('/') + "/"), app.Services.GetRequiredService<IEmulatorControl>());
    }
}

/// <summary>A running emulator; disposing it stops the server.</summary>
public sealed class EmulatorHandle : IAsyncDisposable
{
    private readonly WebApplication _app;

    internal EmulatorHandle(WebApplication app, Uri baseUrl, IEmulatorControl control)
    {
        _app = app;
        BaseUrl = baseUrl;
        Control = control;
    }

    /// <summary>The one base URL of API, token endpoints and consent page, ending with '/'.</summary>
    public Uri BaseUrl { get; }

    public IEmulatorControl Control { get; }

    public IServiceProvider Services => _app.Services;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
