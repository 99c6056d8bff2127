using System.Diagnostics;
using System.Globalization;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Import;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Malls.Authorization;
using GoQ.TikTokSync.Core.ProcessingLog;
using GoQ.TikTokSync.TikTokShop;
using GoQ.TikTokSync.TikTokShop.Emulator;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GoQ.TikTokSync.Benchmarks;

/// <summary>
/// import-orders [count]: the configured-days fetch of N orders (≈3 lines each) from the emulator into a fresh SQLite file,
/// then one no-change 10-minute run. API calls are counted on the wire.
/// </summary>
internal static class ImportScenarios
{
    public static async Task RunImportAsync(int count, int qps)
    {
        var folder = Path.Combine(Path.GetTempPath(), "goq-bench-import-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var emulatorOptions = new EmulatorOptions { RateLimitPerSecond = qps, SeedOrdersPerShop = 0 };
        await using var emulator = await TikTokShopEmulator.StartAsync(emulatorOptions);
        var now = emulator.Control.Now;

        // Every seeded order is created within the last 6 days and paid long ago, so all N are AWAITING_SHIPMENT
        // (or later) when fetched; the figure that matters is calls per stored order.
        emulator.Control.SeedOrders(DemoDefaults.ShopId, count, now.AddDays(-6), now.AddHours(-2));
        var expected = emulator.Control.ListOrders(DemoDefaults.ShopId, OrderStatuses.AwaitingShipment).Count(o => o.CreateTime >= now.AddDays(-7));

        var calls = new CallCounter();
        await using var services = BuildServices(emulator.BaseUrl, emulatorOptions, Path.Combine(folder, "bench.db"), calls, qps);
        var connectionId = await ConnectAsync(services, emulator);

        var process = Process.GetCurrentProcess();
        calls.Reset();
        var stopwatch = Stopwatch.StartNew();
        var full = await RunAsync(services, connectionId, ImportMode.ConfiguredDays);
        stopwatch.Stop();
        var fullCalls = calls.Count;
        var fullSeconds = stopwatch.Elapsed.TotalSeconds;
        var lines = await QueryAsync(services, db => db.OrderLines.CountAsync());

        // Set the cursor as the 10-minute job would have, then measure a run in which nothing changed.
        await RunAsync(services, connectionId, ImportMode.Incremental);
        calls.Reset();
        stopwatch.Restart();
        var quiet = await RunAsync(services, connectionId, ImportMode.Incremental);
        stopwatch.Stop();

        process.Refresh();
        PrintTable(
            $"import-orders: {count:N0} seeded, {expected:N0} AWAITING_SHIPMENT within 7 days, emulator limit {qps} QPS",
            [
                ("orders stored", full.Created.ToString("N0", CultureInfo.InvariantCulture)),
                ("order lines stored", lines.ToString("N0", CultureInfo.InvariantCulture)),
                ("result", full.Result.ToString()!),
                ("wall time (s)", fullSeconds.ToString("F1", CultureInfo.InvariantCulture)),
                ("orders/s", (full.Created / fullSeconds).ToString("F0", CultureInfo.InvariantCulture)),
                ("API calls", fullCalls.ToString(CultureInfo.InvariantCulture)),
                ("⌈N/100⌉", ((expected + 99) / 100).ToString(CultureInfo.InvariantCulture)),
                ("peak working set (MiB)", (process.PeakWorkingSet64 / 1024.0 / 1024.0).ToString("F0", CultureInfo.InvariantCulture)),
                ("no-change run: API calls", calls.Count.ToString(CultureInfo.InvariantCulture)),
                ("no-change run: created/updated", $"{quiet.Created}/{quiet.Updated}"),
                ("no-change run: time (ms)", stopwatch.Elapsed.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture)),
            ]);

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    internal static void PrintTable(string title, (string Metric, string Value)[] rows)
    {
        Console.WriteLine(title);
        var table = new ResultTable();
        foreach (var (metric, value) in rows)
        {
            table.Add(metric, value);
        }

        table.WriteTo(Console.Out);
    }

    internal static ServiceProvider BuildServices(Uri emulatorUrl, EmulatorOptions emulator, string sqliteFile, CallCounter calls, int qps)
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
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole());
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IConfiguration>(configuration);
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddDbContext<TikTokSyncDbContext>(o => o.UseSqliteStore(StoreProviderSetup.SqliteConnectionString(sqliteFile)));
        services.AddTikTokShopClient(configuration);
        services.AddSingleton(calls);
        services.AddTransient<CallCountingHandler>();
        services.AddHttpClient(TikTokShopServiceCollectionExtensions.ApiHttpClientName).AddHttpMessageHandler<CallCountingHandler>();
        services.AddMallSettings(configuration);
        services.AddOrderImport(configuration);
        var provider = services.BuildServiceProvider();
        using var scope = provider.CreateScope();
        scope.ServiceProvider.GetRequiredService<TikTokSyncDbContext>().Database.Migrate();
        return provider;
    }

    /// <summary>認証 → consent (code from the emulator) → callback → ショップ変更, as the mall settings page does it.</summary>
    internal static async Task<int> ConnectAsync(IServiceProvider services, EmulatorHandle emulator)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TikTokSyncDbContext>();
        var connection = new MallConnection { DisplayName = "ベンチマーク店", CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow };
        db.MallConnections.Add(connection);
        await db.SaveChangesAsync();
        var authorization = scope.ServiceProvider.GetRequiredService<ShopAuthorization>();
        var url = await authorization.BeginAsync(connection.Id, "benchmark", CancellationToken.None);
        var code = emulator.Control.CreateAuthorizationCode(DemoDefaults.SellerLoginId);
        var result = await authorization.CompleteAsync(QueryHelpers.ParseQuery(url.Query)["state"], code, null, "benchmark", CancellationToken.None);
        if (result.Outcome != AuthorizationOutcome.Authorized || !await authorization.SelectShopAsync(connection.Id, DemoDefaults.ShopId, CancellationToken.None))
        {
            throw new InvalidOperationException("Could not connect the benchmark shop: " + result.Outcome);
        }

        return connection.Id;
    }

    internal static async Task<ProcessingLogEntry> RunAsync(IServiceProvider services, int connectionId, ImportMode mode)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TikTokSyncDbContext>();
        var entry = new ProcessingLogEntry { Kind = ProcessingKind.ManualFetch, MallConnectionId = connectionId, StartedAtUtc = DateTime.UtcNow };
        db.ProcessingLogEntries.Add(entry);
        await db.SaveChangesAsync();
        return await scope.ServiceProvider.GetRequiredService<OrderImport>().RunAsync(entry.Id, mode, CancellationToken.None);
    }

    internal static async Task<T> QueryAsync<T>(IServiceProvider services, Func<TikTokSyncDbContext, Task<T>> query)
    {
        using var scope = services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<TikTokSyncDbContext>());
    }

    internal sealed class CallCounter
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Increment() => Interlocked.Increment(ref _count);

        public void Reset() => Interlocked.Exchange(ref _count, 0);
    }

    internal sealed class CallCountingHandler(CallCounter counter) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            counter.Increment();
            return base.SendAsync(request, cancellationToken);
        }
    }
}
