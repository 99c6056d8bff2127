using System.Diagnostics;
using System.Globalization;
using System.Net;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Import.FetchOrders;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.ProcessingLog;
using GoQ.TikTokSync.Core.Shipping.EnterTracking;
using GoQ.TikTokSync.Core.Shipping.Push;
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

    public static async Task RunAsync(int count, int qps, BenchmarkOptions options)
    {
        await using var store = await Testing.Stores.TestStore.CreateAsync(options.Store);
        var emulatorOptions = new EmulatorOptions { RateLimitPerSecond = qps, SeedOrdersPerShop = 0 };
        await using var emulator = await TikTokShopEmulator.StartAsync(emulatorOptions);
        for (var i = 0; i < count; i++)
        {
            emulator.Control.CreateOrder(DemoDefaults.ShopId, new NewOrderRequest { DistinctSkus = 1, UnitsPerSku = 1 });
        }

        var wire = new BenchmarkHarness.WireCounter();
        await using var services = BenchmarkHarness.BuildServices(emulator.BaseUrl, emulatorOptions, store, wire, qps);
        var connectionId = await BenchmarkHarness.ConnectAsync(services, emulator);
        var import = await ImportScenarios.RunAsync(services, connectionId, ImportMode.ConfiguredDays);
        await EnterPackagesAsync(services);

        wire.Reset();
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        var stopwatch = Stopwatch.StartNew();
        var run = await PushAsync(services, connectionId);
        stopwatch.Stop();
        var ended = Stopwatch.GetTimestamp();
        process.Refresh();
        var cpuSeconds = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        var (firstShip, lastShip) = wire.ShipCallSpan;

        var seconds = stopwatch.Elapsed.TotalSeconds;
        var shipCalls = wire.ShipCalls;
        var notPushed = await BenchmarkHarness.QueryAsync(services, db => db.ShippingPackages.CountAsync(p => p.PushState != ShipmentPushState.Pushed));
        var shipped = emulator.Control.ListShipping(DemoDefaults.ShopId);
        var exactlyOnce = shipped.Count == import.Created && shipped.All(s => s.ShipCallCount == 1);
        ImportScenarios.PrintTable(
            $"{Name} on {options.Store}: {count:N0} orders imported ({import.Created:N0}), one package each, emulator and client limit {qps} QPS per endpoint, {ShippingPushRun.Workers} workers",
            [
                ("result", run.Result.ToString()!),
                ("packages pushed", run.Updated.ToString("N0", CultureInfo.InvariantCulture)),
                ("wall time (s)", seconds.ToString("F1", CultureInfo.InvariantCulture)),
                ("Mark Package As Shipped calls", shipCalls.ToString("N0", CultureInfo.InvariantCulture)),
                ("ship calls/s (on the wire, 429s included)", (shipCalls / seconds).ToString("F1", CultureInfo.InvariantCulture)),
                ("packages pushed/s", (run.Updated / seconds).ToString("F1", CultureInfo.InvariantCulture)),
                ("share of the limit (calls on the wire)", (shipCalls / seconds / qps).ToString("P1", CultureInfo.InvariantCulture)),
                ("share of the limit (packages pushed)", (run.Updated / seconds / qps).ToString("P1", CultureInfo.InvariantCulture)),
                ("other calls (providers, read-back)", (wire.AllCalls - shipCalls).ToString(CultureInfo.InvariantCulture)),
                ("HTTP 429 seen", wire.TooManyRequests.ToString(CultureInfo.InvariantCulture)),
                ("HTTP 429 share of all calls", ((double)wire.TooManyRequests / Math.Max(1, wire.AllCalls)).ToString("P2", CultureInfo.InvariantCulture)),
                ("until the first ship call answered (s)", Stopwatch.GetElapsedTime(started, firstShip).TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)),
                ("after the last ship call answered (s)", Stopwatch.GetElapsedTime(lastShip, ended).TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)),
                ("ideal at the pacing window (s)", IdealSeconds(count, qps).ToString("F1", CultureInfo.InvariantCulture)),
                ("CPU time of this process (app + emulator, s)", cpuSeconds.ToString("F1", CultureInfo.InvariantCulture)),
                ("failures left (not Pushed)", notPushed.ToString(CultureInfo.InvariantCulture)),
                ("emulator: one ship per order", exactlyOnce ? "yes" : "NO"),
                ("peak working set (MiB)", (process.PeakWorkingSet64 / 1024.0 / 1024.0).ToString("F0", CultureInfo.InvariantCulture)),
            ]);

        await options.WriteJsonAsync(new Dictionary<string, double>
        {
            ["push_packages"] = run.Updated,
            ["push_share_of_limit"] = run.Updated / seconds / qps,
            ["push_429_share"] = (double)wire.TooManyRequests / Math.Max(1, wire.AllCalls),
            ["push_failures_left"] = notPushed,
        });
    }

    /// <summary>
    /// The shortest push the client's pacing allows: <paramref name="qps"/> calls at once, then <paramref name="qps"/> more
    /// each pacing window (TikTokShop:PacingWindow, default 1.02 s), the last answered at once.
    /// </summary>
    private static double IdealSeconds(int calls, int qps) =>
        Math.Max(0, Math.Ceiling((double)calls / qps) - 1) * TikTokShopRateLimits.DefaultPacingWindow.TotalSeconds;

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
}
