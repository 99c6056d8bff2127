using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using GoQ.TikTokSync.Core.Scheduling;
using GoQ.TikTokSync.TikTokShop;
using GoQ.TikTokSync.TikTokShop.Emulator;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace GoQ.TikTokSync.Web.Infrastructure;

/// <summary>"TikTokShop:Emulator" section: the offline demo mode.</summary>
public sealed class DemoEmulatorOptions
{
    public const string SectionName = "TikTokShop:Emulator";

    /// <summary>Start the bundled TikTok Shop emulator in-process and point the TikTok client at it (Development default).</summary>
    public bool Enabled { get; set; }

    /// <summary>Loopback port for the emulator; 0 picks a free one (printed on start).</summary>
    [Range(0, 65535)]
    public int Port { get; set; }

    /// <summary>Orders generated per shop over the last <see cref="SeedDays"/> days.</summary>
    [Range(0, 100_000)]
    public int SeedOrders { get; set; } = 300;

    [Range(1, 60)]
    public int SeedDays { get; set; } = 14;

    /// <summary>Share of seeded multi-line orders TikTok has already split into two packages before shipping.</summary>
    [Range(0.0, 1.0)]
    public double PreShippingSplitShare { get; set; } = DemoDefaults.PreShippingSplitShare;

    /// <summary>Share of seeded orders that TikTok combined with another order of the same buyer into one package.</summary>
    [Range(0.0, 1.0)]
    public double CombinedOrderShare { get; set; } = DemoDefaults.CombinedOrderShare;

    /// <summary>The app's own public address, for the emulator's registered redirect URL; the listening address when empty.</summary>
    public string? AppBaseUrl { get; set; }
}

public static partial class TikTokShopSetup
{
    public const string CallbackPath = "/MallSettings/Callback";

    /// <summary>
    /// The TikTok client. In demo mode the emulator is started first and the client's
    /// settings are pointed at it — the same settings that point a real installation at TikTok's hosts.
    /// </summary>
    public static void AddTikTokShop(this WebApplicationBuilder builder)
    {
        var demo = builder.Configuration.GetSection(DemoEmulatorOptions.SectionName).Get<DemoEmulatorOptions>() ?? new();
        Validator.ValidateObject(demo, new ValidationContext(demo), validateAllProperties: true);
        if (demo.Enabled)
        {
            // The emulator's address must be known before the app is built (the client's settings are bound from it), but
            // the emulator itself starts with the app: a host built before this app's own would be taken for it by
            // WebApplicationFactory. So the port is chosen now and the emulator started by a hosted service.
            var port = demo.Port != 0 ? demo.Port : FreeLoopbackPort();
            var baseUrl = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
            var emulatorOptions = new EmulatorOptions
            {
                SeedOrdersPerShop = demo.SeedOrders,
                SeedOrdersSpan = TimeSpan.FromDays(demo.SeedDays),
                PreShippingSplitShare = demo.PreShippingSplitShare,
                CombinedOrderShare = demo.CombinedOrderShare,
                RedirectUrl = (demo.AppBaseUrl?.TrimEnd('/') ?? "http://127.0.0.1:5000") + CallbackPath,
            };
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["TikTokShop:AppKey"] = emulatorOptions.AppKey,
                ["TikTokShop:AppSecret"] = emulatorOptions.AppSecret,
                ["TikTokShop:ServiceId"] = emulatorOptions.ServiceId,
                ["TikTokShop:ApiBaseUrl"] = baseUrl.ToString(),
                ["TikTokShop:AuthBaseUrl"] = baseUrl.ToString(),
                ["TikTokShop:AuthorizeUrl"] = new Uri(baseUrl, "open/authorize").ToString(),
            });
            builder.Services.AddSingleton(sp => new DemoEmulator(emulatorOptions, demo, port, sp.GetRequiredService<TimeProvider>()));
            builder.Services.AddHostedService(sp => sp.GetRequiredService<DemoEmulator>());
        }

        builder.Services.AddTikTokShopClient(builder.Configuration);
    }

    private static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>Every connection's 10-minute job matches its 自動取得 setting (for example after a restore of the store).</summary>
    public static async Task ApplyAutoFetchSchedulesAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AutoFetchSchedule>()
            .ApplyAllAsync(scope.ServiceProvider.GetRequiredService<Core.Data.TikTokSyncDbContext>(), CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo mode: TikTok Shop emulator at {EmulatorUrl} (seller login {SellerLogin} / {SellerPassword}); the app's TikTok settings point at it")]
    private static partial void LogDemo(ILogger logger, Uri emulatorUrl, string sellerLogin, string sellerPassword);

    /// <summary>Owns the in-process emulator: starts and stops it with the app, and registers the app's callback URL with it.</summary>
    public sealed class DemoEmulator(EmulatorOptions options, DemoEmulatorOptions demo, int port, TimeProvider time) : IHostedService
    {
        private EmulatorHandle? _handle;

        public EmulatorHandle Handle => _handle ?? throw new InvalidOperationException("The demo emulator has not started.");

        public EmulatorOptions Options => options;

        public async Task StartAsync(CancellationToken cancellationToken) =>
            // One clock for both sides, so that a test's fake time moves the emulator's orders and token expiries too.
            _handle = await TikTokShopEmulator.StartAsync(options, port, builder => builder.Services.AddSingleton(time), cancellationToken);

        public void RegisterAppAddress(IServer server, ILogger logger)
        {
            ArgumentNullException.ThrowIfNull(server);
            var appBase = demo.AppBaseUrl?.TrimEnd('/');
            if (appBase is null && server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() is { } listening)
            {
                appBase = listening.Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal)
                    .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal)
                    .Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
                    .Replace("://localhost", "://127.0.0.1", StringComparison.Ordinal)
                    .TrimEnd('/');

                // The redirect URL "registered in Partner Center" is this app's own callback.
                options.RedirectUrl = appBase + CallbackPath;
            }

            if (appBase is not null)
            {
                // Likewise the app-level webhook URL, so the demo shows orders arriving within seconds.
                Handle.Control.SetWebhookUrl(appBase + TikTokShopWebhooks.Path);
            }

            LogDemo(logger, Handle.BaseUrl, DemoDefaults.SellerLoginId, DemoDefaults.SellerPassword);
        }

        public async Task StopAsync(CancellationToken cancellationToken)
        {
            if (_handle is not null)
            {
                await _handle.DisposeAsync();
            }
        }
    }
}
