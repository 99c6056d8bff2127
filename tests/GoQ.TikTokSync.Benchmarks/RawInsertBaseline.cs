using System.Diagnostics;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Testing.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Benchmarks;

/// <summary>
/// What plain insertion of the imported rows costs on the same provider: the orders the import stored (with their lines
/// and 取込 history rows) copied into a fresh store with one <c>AddRange</c>/<c>SaveChanges</c> per 1 000 orders, a new
/// context per batch. The import's overhead over it is the ratio the benchmark prints.
/// </summary>
internal static class RawInsertBaseline
{
    private const int BatchSize = 1_000;

    public static async Task<double> RunAsync(IServiceProvider imported, DatabaseProvider provider)
    {
        var orders = await BenchmarkHarness.QueryAsync(imported, db => db.Orders.AsNoTracking()
            .Include(o => o.Lines).Include(o => o.History).AsSplitQuery().OrderBy(o => o.Id).ToListAsync());
        await using var store = await TestStore.CreateMigratedAsync(provider);
        int connectionId;
        await using (var db = store.CreateContext())
        {
            var connection = new MallConnection { DisplayName = "ベースライン", CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow };
            db.MallConnections.Add(connection);
            await db.SaveChangesAsync();
            connectionId = connection.Id;
        }

        foreach (var order in orders)
        {
            order.Id = 0;
            order.MallConnectionId = connectionId;
            order.Lines.ForEach(l => (l.Id, l.OrderId) = (0, 0));
            order.History.ForEach(h => (h.Id, h.OrderId) = (0, 0));
        }

        var stopwatch = Stopwatch.StartNew();
        foreach (var batch in orders.Chunk(BatchSize))
        {
            await using var db = store.CreateContext();
            db.Orders.AddRange(batch);
            await db.SaveChangesAsync();
        }

        return stopwatch.Elapsed.TotalSeconds;
    }
}
