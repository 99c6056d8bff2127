using System.Diagnostics;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.ProcessingLog;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Testing.Cluster;

/// <summary>What one resilience scenario left, and when the killed node died (null when none was killed).</summary>
public sealed record ScenarioOutcome(ResilienceCounts Counts, DateTime? KilledAtUtc, IReadOnlyList<ProcessingLogEntry> InterruptedEntries, TimeSpan Elapsed);

/// <summary>
/// The crash and chaos scenarios of the two-node deployment, shared by the cluster tests (which assert on the outcome)
/// and the resilience benchmark (which prints it). Kill moments are random; the log says where each one fell.
/// </summary>
public static class ResilienceScenarios
{
    /// <summary>Seconds instead of minutes, so that a takeover fits in a test; the rules are the production ones.</summary>
    public static readonly IReadOnlyDictionary<string, string> FastRecovery = new Dictionary<string, string>
    {
        ["Jobs__LeaseDuration"] = "00:00:08",
        ["Jobs__KeepAliveInterval"] = "00:00:02",
        ["Jobs__BusyRetryDelay"] = "00:00:02",
        ["Jobs__HeartbeatTimeout"] = "00:00:15",
        ["Jobs__JanitorCron"] = "*/5 * * * * *",
        ["ShippingPush__StaleClaimAfter"] = "00:00:15",
    };

    /// <summary>A fifth of all calls 5xx, 2-second latency spikes on one call in twenty, and one ship answer in ten lost after TikTok applied it.</summary>
    public static object Chaos(int rateLimitBurst) => new
    {
        serverErrorRate = 0.2,
        latencySpikeRate = 0.05,
        latencySpike = "00:00:02",
        shipResponseLostRate = 0.1,
        rateLimitBurst,
    };

    public static async Task<ScenarioOutcome> KillDuringImportAsync(int orderCount, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var clock = Stopwatch.StartNew();
        await using var deployment = await Deployment.StartAsync(FastRecovery);
        var orders = await deployment.Emulator.CreateOrdersAsync(orderCount);
        await deployment.Console.ConnectShopAsync(deployment.Emulator, autoFetch: true, autoExport: false);
        var worker = deployment.AddNode("node-a");
        var other = deployment.AddNode("node-b");
        await worker.StartAsync();

        var killAt = Random.Shared.Next(orderCount / 10, orderCount * 8 / 10);
        log($"killing {worker.Name} once {killAt} of {orderCount} orders are stored");
        await deployment.WaitUntilAsync(db => db.Orders.CountAsync(), n => n >= killAt, TimeSpan.FromSeconds(180), $"{killAt} orders stored");
        await worker.Process.KillAsync();
        var killedAt = DateTime.UtcNow;
        log($"killed with {await deployment.CountOrdersAsync()} orders stored");
        await other.StartAsync();
        await worker.StartAsync();

        await deployment.WaitUntilAsync(db => db.Orders.CountAsync(), n => n >= orders.Count, TimeSpan.FromSeconds(240), "all orders stored");
        await deployment.WaitUntilAsync(db => db.ProcessingLogEntries.CountAsync(e => e.FinishedAtUtc == null), n => n == 0, TimeSpan.FromSeconds(90), "every entry finished");
        return await OutcomeAsync(deployment, "kill -9 during import", orders, [], killedAt, clock);
    }

    public static async Task<ScenarioOutcome> KillDuringPushAsync(int packageCount, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var clock = Stopwatch.StartNew();
        await using var deployment = await Deployment.StartAsync(FastRecovery);
        var orders = await deployment.Emulator.CreateOrdersAsync(packageCount);
        var connectionId = await deployment.Console.ConnectShopAsync(deployment.Emulator, autoFetch: false, autoExport: false);
        var worker = deployment.AddNode("node-a");
        var other = deployment.AddNode("node-b");
        await worker.StartAsync();
        await deployment.Console.StartManualFetchAsync(connectionId);
        await deployment.WaitUntilAsync(db => db.Orders.CountAsync(), n => n == orders.Count, TimeSpan.FromSeconds(120), "orders imported");
        await deployment.Console.EnterTrackingAsync(orders);

        await deployment.Console.StartPushAsync(connectionId);
        var killAt = Random.Shared.Next(packageCount / 20, packageCount * 8 / 10);
        log($"killing {worker.Name} once {killAt} of {packageCount} packages are shipped");
        await deployment.WaitUntilAsync(db => db.ShippingPackages.CountAsync(p => p.PushState == ShipmentPushState.Pushed), n => n >= killAt, TimeSpan.FromSeconds(180), $"{killAt} packages pushed");
        await worker.Process.KillAsync();
        var killedAt = DateTime.UtcNow;
        log($"killed; package states {string.Join(", ", await deployment.PackageStatesAsync())}");
        await other.StartAsync();
        await worker.StartAsync();

        // The janitor closes the dead run and turns its 送信中 packages into 結果確認中; then the operator presses
        // 発送情報を更新 again, and those packages are read back from TikTok before anything is sent.
        await deployment.WaitUntilAsync(db => db.ProcessingLogEntries.CountAsync(e => e.FinishedAtUtc == null), n => n == 0, TimeSpan.FromSeconds(60), "the killed run closed");
        await deployment.WaitUntilAsync(db => db.ShippingPackages.CountAsync(p => p.PushState == ShipmentPushState.Pushing), n => n == 0, TimeSpan.FromSeconds(60), "no package left 送信中");
        await deployment.Console.StartPushAsync(connectionId);
        await deployment.WaitUntilAsync(db => db.ShippingPackages.CountAsync(p => p.PushState == ShipmentPushState.Pushed), n => n == orders.Count, TimeSpan.FromSeconds(180), "all packages pushed");
        await deployment.WaitUntilAsync(db => db.ProcessingLogEntries.CountAsync(e => e.FinishedAtUtc == null), n => n == 0, TimeSpan.FromSeconds(60), "every entry finished");
        return await OutcomeAsync(deployment, "kill -9 during push", orders, orders, killedAt, clock);
    }

    public static async Task<ScenarioOutcome> ChaosAsync(int orderCount, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var clock = Stopwatch.StartNew();
        await using var deployment = await Deployment.StartAsync(FastRecovery);
        var orders = await deployment.Emulator.CreateOrdersAsync(orderCount);
        await deployment.Console.ConnectShopAsync(deployment.Emulator, autoFetch: true, autoExport: true);
        var nodes = new[] { deployment.AddNode("node-a"), deployment.AddNode("node-b") };
        await Task.WhenAll(nodes.Select(n => n.StartAsync()));
        using var stop = new CancellationTokenSource();
        await deployment.Emulator.SetFaultsAsync(Chaos(rateLimitBurst: 0));
        var bursts = RateLimitBurstsAsync(deployment.Emulator, stop.Token);
        try
        {
            await deployment.WaitUntilAsync(db => db.Orders.CountAsync(), n => n == orders.Count, TimeSpan.FromSeconds(180), "all orders imported under chaos");
            await deployment.Console.EnterTrackingAsync(orders);
            await deployment.WaitUntilAsync(db => db.ShippingPackages.CountAsync(p => p.PushState == ShipmentPushState.Pushed), n => n == orders.Count, TimeSpan.FromSeconds(240), "all packages pushed under chaos");
        }
        finally
        {
            await stop.CancelAsync();
            await bursts;
        }

        await deployment.WaitUntilAsync(db => db.ProcessingLogEntries.CountAsync(e => e.FinishedAtUtc == null), n => n == 0, TimeSpan.FromSeconds(60), "every entry finished");
        log("ship calls: " + await deployment.Emulator.ShipCallsAsync());
        return await OutcomeAsync(deployment, "chaos (5xx 20 %, 429 bursts, 2 s spikes, lost ship answers)", orders, orders, null, clock);
    }

    /// <summary>
    /// Every 15 seconds the next 5 calls answer 429 (a burst, as when another app of the seller's uses up the limit), on top
    /// of the steady faults. The burst is counted in calls, so it must stay short against the nodes' few calls per second.
    /// </summary>
    private static async Task RateLimitBurstsAsync(EmulatorProcess emulator, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(15), stop);
                await emulator.SetFaultsAsync(Chaos(rateLimitBurst: 5));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task<ScenarioOutcome> OutcomeAsync(Deployment deployment, string scenario, IReadOnlyCollection<string> orders, IReadOnlyCollection<string> shipped, DateTime? killedAt, Stopwatch clock)
    {
        var counts = await ResilienceCounts.ReadAsync(deployment, scenario, orders, shipped);
        var interrupted = await deployment.Console.QueryAsync(db => db.ProcessingLogEntries.AsNoTracking().Where(e => e.Result == ProcessingResult.Interrupted).ToListAsync());
        return new ScenarioOutcome(counts, killedAt, interrupted, clock.Elapsed);
    }
}
