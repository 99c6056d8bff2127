using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.ProcessingLog;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Testing.Cluster;

/// <summary>
/// What a scenario left behind, counted from the store and from the emulator's own record of ship calls: the figures the
/// assertions check and the resilience benchmark prints.
/// </summary>
public sealed record ResilienceCounts(
    string Scenario,
    int OrdersExpected,
    int OrdersStored,
    int OrdersDuplicated,
    int PackagesExpected,
    int PackagesShipped,
    int PackagesShippedTwice,
    int PackagesStuck,
    int ShipCallsRefusedAsAlreadyShipped,
    int ShipCallsFaulted,
    int ShipResponsesLost,
    int LogEntriesUnfinished,
    int LogEntriesInterrupted)
{
    public static async Task<ResilienceCounts> ReadAsync(Deployment deployment, string scenario, IReadOnlyCollection<string> expectedOrders, IReadOnlyCollection<string> ordersWithPackages)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var stored = await deployment.Console.QueryAsync(db => db.Orders.Select(o => o.TikTokOrderId).ToListAsync());
        var stuck = await deployment.Console.QueryAsync(db => db.ShippingPackages.CountAsync(p => p.PushState != ShipmentPushState.Pushed));
        var unfinished = await deployment.Console.QueryAsync(db => db.ProcessingLogEntries.CountAsync(e => e.FinishedAtUtc == null));
        var interrupted = await deployment.Console.QueryAsync(db => db.ProcessingLogEntries.CountAsync(e => e.Result == ProcessingResult.Interrupted));
        var shipping = (await deployment.Emulator.ShippingAsync()).ToDictionary(s => s.OrderId, StringComparer.Ordinal);
        var calls = await deployment.Emulator.ShipCallsAsync();
        var withPackages = ordersWithPackages.ToHashSet(StringComparer.Ordinal);
        return new ResilienceCounts(
            scenario,
            expectedOrders.Count,
            stored.Distinct(StringComparer.Ordinal).Count(expectedOrders.Contains),
            stored.Count - stored.Distinct(StringComparer.Ordinal).Count(),
            withPackages.Count,
            withPackages.Count(id => shipping.TryGetValue(id, out var s) && s.ShipCallCount >= 1),
            withPackages.Count(id => shipping.TryGetValue(id, out var s) && (s.ShipCallCount > 1 || s.Packages.Count > 1))
                + calls.PackagesAppliedMoreThanOnce,
            stuck,
            calls.RejectedAlreadyShipped,
            calls.Faulted,
            calls.ResponseLost,
            unfinished,
            interrupted);
    }

    /// <summary>What broke "every order once, every package shipped exactly once, nothing left half done"; empty when nothing did.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (OrdersStored != OrdersExpected)
        {
            problems.Add($"{OrdersStored} of {OrdersExpected} orders stored");
        }

        if (OrdersDuplicated != 0)
        {
            problems.Add($"{OrdersDuplicated} orders stored twice");
        }

        if (PackagesShipped != PackagesExpected)
        {
            problems.Add($"{PackagesShipped} of {PackagesExpected} packages shipped");
        }

        if (PackagesShippedTwice != 0)
        {
            problems.Add($"{PackagesShippedTwice} packages shipped twice");
        }

        if (PackagesStuck != 0)
        {
            problems.Add($"{PackagesStuck} packages not 送信済み");
        }

        if (LogEntriesUnfinished != 0)
        {
            problems.Add($"{LogEntriesUnfinished} 自動処理ログ entries left 実行中");
        }

        return problems;
    }
}
