using System.Diagnostics;
using System.Globalization;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Import.FetchOrders;
using GoQ.TikTokSync.Core.Malls.Authorize;
using GoQ.TikTokSync.Core.ProcessingLog;
using GoQ.TikTokSync.TikTokShop;
using GoQ.TikTokSync.TikTokShop.Models;
using GoQ.TikTokSync.TikTokShop.Emulator;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GoQ.TikTokSync.Benchmarks;

/// <summary>
/// import-orders [count]: the configured-days fetch of N orders (≈3 lines each) from the emulator, which runs in a child
/// process so this process's peak working set is the app's own, into a fresh store; then one no-change 10-minute run,
/// the same pages fetched without storing, and the same rows inserted raw into another fresh store. API calls are
/// counted on the wire.
/// </summary>
internal static class ImportScenarios
{
    public static async Task RunImportAsync(int count, int qps, BenchmarkOptions options)
    {
        await using var store = await Testing.Stores.TestStore.CreateAsync(options.Store);
        await using var emulator = await EmulatorHostProcess.StartAsync(count, qps);
        var expected = emulator.Ready.ExpectedOrders;
        var emulatorOptions = new EmulatorOptions { RateLimitPerSecond = qps };

        var calls = new BenchmarkHarness.WireCounter();
        await using var services = BenchmarkHarness.BuildServices(new Uri(emulator.Ready.Url), emulatorOptions, store, calls, qps);
        var connectionId = await BenchmarkHarness.ConnectAsync(services, () => emulator.Ready.AuthorizationCode);

        var process = Process.GetCurrentProcess();
        var workingSetBeforeMib = process.WorkingSet64 / 1024.0 / 1024.0;
        calls.Reset();
        var stopwatch = Stopwatch.StartNew();
        var full = await RunAsync(services, connectionId, ImportMode.ConfiguredDays);
        stopwatch.Stop();
        var fullCalls = calls.AllCalls;
        var fullSeconds = stopwatch.Elapsed.TotalSeconds;
        process.Refresh();
        var appPeakMib = process.PeakWorkingSet64 / 1024.0 / 1024.0;
        var lines = await BenchmarkHarness.QueryAsync(services, db => db.OrderLines.CountAsync());

        // Set the cursor as the 10-minute job would have, then measure a run in which nothing changed.
        await RunAsync(services, connectionId, ImportMode.Incremental);
        calls.Reset();
        stopwatch.Restart();
        var quiet = await RunAsync(services, connectionId, ImportMode.Incremental);
        stopwatch.Stop();
        var quietMs = stopwatch.Elapsed.TotalMilliseconds;
        var quietCalls = calls.AllCalls;

        var fetchOnlySeconds = await FetchOnlyAsync(services, connectionId);
        var rawInsertSeconds = await RawInsertBaseline.RunAsync(services, options.Store);
        var floor = (double)fullCalls / qps;
        PrintTable(
            $"import-orders on {options.Store}: {count:N0} seeded, {expected:N0} AWAITING_SHIPMENT within 7 days, emulator (own process) limit {qps} QPS",
            [
                ("orders stored", full.Created.ToString("N0", CultureInfo.InvariantCulture)),
                ("order lines stored", lines.ToString("N0", CultureInfo.InvariantCulture)),
                ("result", full.Result.ToString()!),
                ("wall time (s)", fullSeconds.ToString("F1", CultureInfo.InvariantCulture)),
                ("orders/s", (full.Created / fullSeconds).ToString("F0", CultureInfo.InvariantCulture)),
                ("API calls", fullCalls.ToString(CultureInfo.InvariantCulture)),
                ("⌈N/100⌉", ((expected + 99) / 100).ToString(CultureInfo.InvariantCulture)),
                ("API floor at the limit (s)", floor.ToString("F1", CultureInfo.InvariantCulture)),
                ("wall time / API floor", (fullSeconds / floor).ToString("F2", CultureInfo.InvariantCulture)),
                ("same pages fetched, nothing stored (s)", fetchOnlySeconds.ToString("F1", CultureInfo.InvariantCulture)),
                ("same rows inserted raw, AddRange/SaveChanges per 1 000 (s)", rawInsertSeconds.ToString("F1", CultureInfo.InvariantCulture)),
                ("wall time / raw insert", (fullSeconds / rawInsertSeconds).ToString("F2", CultureInfo.InvariantCulture)),
                ("app working set before the import (MiB)", workingSetBeforeMib.ToString("F0", CultureInfo.InvariantCulture)),
                ("app peak working set (MiB)", appPeakMib.ToString("F0", CultureInfo.InvariantCulture)),
                ("emulator process peak working set (MiB)", (emulator.PeakWorkingSetBytes / 1024.0 / 1024.0).ToString("F0", CultureInfo.InvariantCulture)),
                ("no-change run: API calls", quietCalls.ToString(CultureInfo.InvariantCulture)),
                ("no-change run: created/updated", $"{quiet.Created}/{quiet.Updated}"),
                ("no-change run: time (ms)", quietMs.ToString("F0", CultureInfo.InvariantCulture)),
            ]);

        await options.WriteJsonAsync(new Dictionary<string, double>
        {
            ["import_orders"] = full.Created,
            ["import_wall_s"] = fullSeconds,
            ["import_api_calls"] = fullCalls,
            ["import_api_floor_s"] = floor,
            ["import_app_peak_mib"] = appPeakMib,
            ["import_raw_insert_s"] = rawInsertSeconds,
            ["import_fetch_only_s"] = fetchOnlySeconds,
        });
    }

    /// <summary>The configured-days search's pages read through the app's client and dropped: the fetch side alone.</summary>
    private static async Task<double> FetchOnlyAsync(IServiceProvider services, int connectionId)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TikTokSyncDbContext>();
        var connection = await db.MallConnections.AsNoTracking().SingleAsync(c => c.Id == connectionId);
        var shop = scope.ServiceProvider.GetRequiredService<TikTokShopConnections>().ContextFor(connection);
        var api = scope.ServiceProvider.GetRequiredService<ITikTokShopApiClient>();
        var now = DateTimeOffset.UtcNow;
        var search = new TikTokOrderSearchRequest
        {
            Status = connection.FetchTikTokStatus,
            CreateTimeFrom = now.AddDays(-connection.FetchDays),
            CreateTimeBefore = now,
            PageSize = OrderImport.PageSize,
            SortField = TikTokOrderSortField.CreateTime,
            SortOrder = TikTokSortOrder.Ascending,
        };
        var stopwatch = Stopwatch.StartNew();
        await foreach (var _ in api.SearchOrderPagesAsync(shop, search))
        {
        }

        return stopwatch.Elapsed.TotalSeconds;
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
