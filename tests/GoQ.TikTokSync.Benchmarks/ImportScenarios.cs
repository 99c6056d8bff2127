using System.Diagnostics;
using System.Globalization;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Import.FetchOrders;
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
    public static async Task RunImportAsync(int count, int qps, BenchmarkOptions options)
    {
        await using var store = await Testing.Stores.TestStore.CreateAsync(options.Store);
        var emulatorOptions = new EmulatorOptions { RateLimitPerSecond = qps, SeedOrdersPerShop = 0 };
        await using var emulator = await TikTokShopEmulator.StartAsync(emulatorOptions);
        var now = emulator.Control.Now;

        // Every seeded order is created within the last 6 days and paid long ago, so all N are AWAITING_SHIPMENT
        // (or later) when fetched; the figure that matters is calls per stored order.
        emulator.Control.SeedOrders(DemoDefaults.ShopId, count, now.AddDays(-6), now.AddHours(-2));
        var expected = emulator.Control.ListOrders(DemoDefaults.ShopId, OrderStatuses.AwaitingShipment).Count(o => o.CreateTime >= now.AddDays(-7));

        var calls = new BenchmarkHarness.WireCounter();
        await using var services = BenchmarkHarness.BuildServices(emulator.BaseUrl, emulatorOptions, store, calls, qps);
        var connectionId = await BenchmarkHarness.ConnectAsync(services, emulator);

        var process = Process.GetCurrentProcess();
        calls.Reset();
        var stopwatch = Stopwatch.StartNew();
        var full = await RunAsync(services, connectionId, ImportMode.ConfiguredDays);
        stopwatch.Stop();
        var fullCalls = calls.AllCalls;
        var fullSeconds = stopwatch.Elapsed.TotalSeconds;
        var lines = await BenchmarkHarness.QueryAsync(services, db => db.OrderLines.CountAsync());

        // Set the cursor as the 10-minute job would have, then measure a run in which nothing changed.
        await RunAsync(services, connectionId, ImportMode.Incremental);
        calls.Reset();
        stopwatch.Restart();
        var quiet = await RunAsync(services, connectionId, ImportMode.Incremental);
        stopwatch.Stop();

        process.Refresh();
        PrintTable(
            $"import-orders on {options.Store}: {count:N0} seeded, {expected:N0} AWAITING_SHIPMENT within 7 days, emulator limit {qps} QPS",
            [
                ("orders stored", full.Created.ToString("N0", CultureInfo.InvariantCulture)),
                ("order lines stored", lines.ToString("N0", CultureInfo.InvariantCulture)),
                ("result", full.Result.ToString()!),
                ("wall time (s)", fullSeconds.ToString("F1", CultureInfo.InvariantCulture)),
                ("orders/s", (full.Created / fullSeconds).ToString("F0", CultureInfo.InvariantCulture)),
                ("API calls", fullCalls.ToString(CultureInfo.InvariantCulture)),
                ("⌈N/100⌉", ((expected + 99) / 100).ToString(CultureInfo.InvariantCulture)),
                ("API floor at the limit (s)", ((double)fullCalls / qps).ToString("F1", CultureInfo.InvariantCulture)),
                ("wall time / API floor", (fullSeconds / ((double)fullCalls / qps)).ToString("F2", CultureInfo.InvariantCulture)),
                ("peak working set, app and emulator in one process (MiB)", (process.PeakWorkingSet64 / 1024.0 / 1024.0).ToString("F0", CultureInfo.InvariantCulture)),
                ("no-change run: API calls", calls.AllCalls.ToString(CultureInfo.InvariantCulture)),
                ("no-change run: created/updated", $"{quiet.Created}/{quiet.Updated}"),
                ("no-change run: time (ms)", stopwatch.Elapsed.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture)),
            ]);

        // import_app_peak_mib and import_raw_insert_s need the emulator in its own process and a raw-insert baseline
        // (issue 15, item 3); until then the process figure holds both and is written under its own key.
        await options.WriteJsonAsync(new Dictionary<string, double>
        {
            ["import_orders"] = full.Created,
            ["import_wall_s"] = fullSeconds,
            ["import_api_calls"] = fullCalls,
            ["import_api_floor_s"] = (double)fullCalls / qps,
            ["import_process_peak_mib"] = process.PeakWorkingSet64 / 1024.0 / 1024.0,
        });
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

    internal static async Task<ProcessingLogEntry> RunAsync(IServiceProvider services, int connectionId, ImportMode mode)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TikTokSyncDbContext>();
        var entry = new ProcessingLogEntry { Kind = ProcessingKind.ManualFetch, MallConnectionId = connectionId, StartedAtUtc = DateTime.UtcNow };
        db.ProcessingLogEntries.Add(entry);
        await db.SaveChangesAsync();
        return await scope.ServiceProvider.GetRequiredService<OrderImport>().RunAsync(entry.Id, mode, CancellationToken.None);
    }

}
