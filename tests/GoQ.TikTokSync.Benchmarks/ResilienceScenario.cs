using System.Globalization;
using GoQ.TikTokSync.Testing.Cluster;

namespace GoQ.TikTokSync.Benchmarks;

/// <summary>
/// The cluster suite's crash and chaos scenarios, run once each on the published app (two nodes on PostgreSQL, the emulator
/// as its own process), printed as one table of what they left: every figure but the elapsed time should be as expected.
/// Needs the test PostgreSQL server (scripts/install-test-prerequisites.sh) and publishes the app first.
/// </summary>
internal static class ResilienceScenario
{
    public const string Name = "resilience";

    public static async Task<int> RunAsync(int importOrders, int pushPackages, int chaosOrders)
    {
        var outcomes = new List<ScenarioOutcome>
        {
            await ResilienceScenarios.KillDuringImportAsync(importOrders, Console.Error.WriteLine),
            await ResilienceScenarios.KillDuringPushAsync(pushPackages, Console.Error.WriteLine),
            await ResilienceScenarios.ChaosAsync(chaosOrders, Console.Error.WriteLine),
        };

        string[] header = ["scenario", "orders expected", "stored", "duplicated", "packages expected", "shipped", "shipped twice", "stuck", "refused as already shipped", "log entries unfinished", "中断 entries", "elapsed"];
        Console.WriteLine("| " + string.Join(" | ", header) + " |");
        Console.WriteLine("|" + string.Join("|", header.Select((_, i) => i == 0 ? "---" : "---:")) + "|");
        foreach (var outcome in outcomes)
        {
            var c = outcome.Counts;
            object[] cells =
            [
                c.Scenario, c.OrdersExpected, c.OrdersStored, c.OrdersDuplicated, c.PackagesExpected, c.PackagesShipped, c.PackagesShippedTwice,
                c.PackagesStuck, c.ShipCallsRefusedAsAlreadyShipped, c.LogEntriesUnfinished, c.LogEntriesInterrupted,
                outcome.Elapsed.TotalSeconds.ToString("N0", CultureInfo.InvariantCulture) + " s",
            ];
            Console.WriteLine("| " + string.Join(" | ", cells.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))) + " |");
        }

        return outcomes.All(o => o.Counts.Problems().Count == 0) ? 0 : 1;
    }
}
