using System.Diagnostics;
using System.Globalization;
using System.Net;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Export;
using GoQ.TikTokSync.Core.Import;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.ProcessingLog;
using GoQ.TikTokSync.TikTokShop;
using GoQ.TikTokSync.TikTokShop.Emulator;
using GoQ.TikTokSync.TikTokShop.Emulator.Fulfillment;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GoQ.TikTokSync.Benchmarks;

/// <summary>
/// push-packages [count] [--qps N]: [発送情報を更新] of N packages (one per order) against the emulator with its per-endpoint
/// limit. Reports Mark Package As Shipped calls per second as a share of the limit, the 429s the client saw on the wire,
/// packages not Pushed afterwards, and whether the emulator recorded exactly one successful ship call per order.
/// </summary>
internal static class PushPackagesScenario
{
    public const string Name = "push-packages";

    public static async Task RunAsync(int count, int qps)
    {
        var folder = Path.Combine(Path.GetTempPath(), "goq-bench-push-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var emulatorOptions = new EmulatorOptions { RateLimitPerSecond = qps, SeedOrdersPerShop = 0 };
        await using var emulator = await TikTokShopEmulator.StartAsync(emulatorOptions);
        for (var i = 0; i < count; i++)
        {
            emulator.Control.CreateOrder(DemoDefaults.ShopId, new NewOrderRequest { DistinctSkus = 1, UnitsPerSku = 1 });
        }

        var wire = new WireCounter();
        await using var services = BuildServices(emulator.BaseUrl, emulatorOptions, Path.Combine(folder, "bench.db"), wire, qps);
        var connectionId = await ImportScenarios.ConnectAsync(services, emulator);
        var import = await ImportScenarios.RunAsync(services, connectionId, ImportMode.ConfiguredDays);
        await EnterPackagesAsync(services);

        wire.Reset();
        var process = Process.GetCurrentProcess();
        var stopwatch = Stopwatch.StartNew();
        var run = await PushAsync(services, connectionId);
        stopwatch.Stop();
        process.Refresh();

        var seconds = stopwatch.Elapsed.TotalSeconds;
        var shipCalls = wire.ShipCalls;
        var notPushed = await ImportScenarios.QueryAsync(services, db => db.ShippingPackages.CountAsync(p => p.PushState != ShipmentPushState.Pushed));
        var shipped = emulator.Control.ListShipping(DemoDefaults.ShopId);
        var exactlyOnce = shipped.Count == import.Created && shipped.All(s => s.ShipCallCount == 1);
        ImportScenarios.PrintTable(
            $"{Name}: {count:N0} orders imported ({import.Created:N0}), one package each, emulator and client limit {qps} QPS per endpoint, {ShippingPushRun.Workers} workers",
            [
                ("result", run.Result.ToString()!),
                ("packages pushed", run.Updated.ToString("N0", CultureInfo.InvariantCulture)),
                ("wall time (s)", seconds.ToString("F1", CultureInfo.InvariantCulture)),
                ("Mark Package As Shipped calls", shipCalls.ToString("N0", CultureInfo.InvariantCulture)),
                ("ship calls/s (on the wire, 429s included)", (shipCalls / seconds).ToString("F1", CultureInfo.InvariantCulture)),
                ("packages pushed/s", (run.Updated / seconds).ToString("F1", CultureInfo.InvariantCulture)),
                ("share of the limit", (shipCalls / seconds / qps).ToString("P0", CultureInfo.InvariantCulture)),
                ("other calls (providers, read-back)", (wire.AllCalls - shipCalls).ToString(CultureInfo.InvariantCulture)),
                ("HTTP 429 seen", wire.TooManyRequests.ToString(CultureInfo.InvariantCulture)),
                ("failures left (not Pushed)", notPushed.ToString(CultureInfo.InvariantCulture)),
                ("emulator: one ship per order", exactlyOnce ? "yes" : "NO"),
                ("peak working set (MiB)", (process.PeakWorkingSet64 / 1024.0 / 1024.0).ToString("F0", CultureInfo.InvariantCulture)),
            ]);

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>The operator's part, done as one CSV 確定 would: a Yamato number per order, shipped today.</summary>
    private static async Task EnterPackagesAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TikTokSyncDbContext>();
        var ids = await db.Orders.OrderBy(o => o.Id).Select(o => o.Id).ToListAsync();
        var items = ids.Select((id, i) => (id, new PackageInput(Carrier.Yamato, JapaneseCarriers.MakeTrackingNumber(JapaneseCarriers.Yamato, 70_000_000 + i), null))).ToList();
        var saved = await scope.ServiceProvider.GetRequiredService<ShippingEntry>().SaveManyAsync(items, "benchmark", "benchmark", CancellationToken.None);
        if (saved != ids.Count)
        {
            throw new InvalidOperationException("Packages could not be entered.");
        }
    }

    private static async Task<ProcessingLogEntry> PushAsync(IServiceProvider services, int connectionId)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TikTokSyncDbContext>();
        var entry = new ProcessingLogEntry { Kind = ProcessingKind.Export, Trigger = ProcessingTrigger.Manual, TriggeredBy = "benchmark", MallConnectionId = connectionId, StartedAtUtc = DateTime.UtcNow };
        db.ProcessingLogEntries.Add(entry);
        await db.SaveChangesAsync();
        return await scope.ServiceProvider.GetRequiredService<ShippingPushRun>().RunAsync(entry.Id, null, CancellationToken.None);
    }

    private static ServiceProvider BuildServices(Uri emulatorUrl, EmulatorOptions emulator, string sqliteFile, WireCounter wire, int qps)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["TikTokShop:AppKey"] = emulator.AppKey,
            ["TikTokShop:AppSecret"] = emulator.AppSecret,
            ["TikTokShop:ServiceId"] = emulator.ServiceId,
            ["TikTokShop:ApiBaseUrl"] = emulatorUrl.ToString(),
            ["TikTokShop:AuthBaseUrl"] = emulatorUrl.ToString(),
            ["TikTokShop:AuthorizeUrl"] = new Uri(emulatorUrl, "open/authorize").ToString(),
            ["TikTokShop:RequestsPerSecondPerEndpoint"] = qps.ToString(CultureInfo.InvariantCulture),
        }).Build();

        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Error).AddSimpleConsole());
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IConfiguration>(configuration);
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddDbContext<TikTokSyncDbContext>(o => o.UseSqliteStore(StoreProviderSetup.SqliteConnectionString(sqliteFile)));
        services.AddTikTokShopClient(configuration);
        services.AddSingleton(wire);
        services.AddTransient<WireCountingHandler>();
        services.AddHttpClient(TikTokShopServiceCollectionExtensions.ApiHttpClientName).AddHttpMessageHandler<WireCountingHandler>();
        services.AddMallSettings(configuration);
        services.AddOrderImport(configuration);
        var provider = services.BuildServiceProvider();
        using var scope = provider.CreateScope();
        scope.ServiceProvider.GetRequiredService<TikTokSyncDbContext>().Database.Migrate();
        return provider;
    }

    private sealed class WireCounter
    {
        private int _all;
        private int _ship;
        private int _tooMany;

        public int AllCalls => Volatile.Read(ref _all);

        public int ShipCalls => Volatile.Read(ref _ship);

        public int TooManyRequests => Volatile.Read(ref _tooMany);

        public void Count(HttpRequestMessage request, HttpResponseMessage response)
        {
            Interlocked.Increment(ref _all);
            if (request.Method == HttpMethod.Post && request.RequestUri?.AbsolutePath.EndsWith("/packages", StringComparison.Ordinal) == true)
            {
                Interlocked.Increment(ref _ship);
            }

            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Interlocked.Increment(ref _tooMany);
            }
        }

        public void Reset()
        {
            Interlocked.Exchange(ref _all, 0);
            Interlocked.Exchange(ref _ship, 0);
            Interlocked.Exchange(ref _tooMany, 0);
        }
    }

    /// <summary>Sits below the client's retry and rate-limit handlers, so every attempt on the wire is seen.</summary>
    private sealed class WireCountingHandler(WireCounter counter) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            counter.Count(request, response);
            return response;
        }
    }
}
