using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Testing.Stores;
using GoQ.TikTokSync.TikTokShop.Models;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Core.Tests.Data;

/// <summary>The client's status type is stored as TikTok's string and stays queryable in SQL on every provider.</summary>
public sealed class TikTokStatusColumnTests
{
    private static readonly TikTokOrderStatus AddedLater = new("AWAITING_SOMETHING_NEW");

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task SaveOrder_StatusTikTokAddedLater_IsStoredAsTikToksStringAndReadBackUnchanged(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateMigratedAsync(provider);
        await using (var db = store.CreateContext())
        {
            await SaveOrdersAsync(db, ("A", AddedLater));
        }

        await using var read = store.CreateContext();
        Assert.Equal(AddedLater, (await read.Orders.SingleAsync()).TikTokStatus);
        var raw = await read.Database.SqlQueryRaw<string>("""SELECT "TikTokStatus" AS "Value" FROM "Orders" """).SingleAsync();
        Assert.Equal("AWAITING_SOMETHING_NEW", raw);
        var fetch = await read.Database.SqlQueryRaw<string>("""SELECT "FetchTikTokStatus" AS "Value" FROM "MallConnections" """).SingleAsync();
        Assert.Equal("AWAITING_SHIPMENT", fetch);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task QueryOrders_ComparingAndListingStatuses_IsAnsweredByTheStore(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateMigratedAsync(provider);
        await using var db = store.CreateContext();
        await SaveOrdersAsync(db, ("A", TikTokOrderStatus.AwaitingShipment), ("B", TikTokOrderStatus.InTransit), ("C", AddedLater), ("D", TikTokOrderStatus.Cancelled));
        TikTokOrderStatus[] moving = [TikTokOrderStatus.InTransit, AddedLater];

        var inTransit = await db.Orders.Where(o => o.TikTokStatus == TikTokOrderStatus.InTransit).Select(o => o.TikTokOrderId).ToListAsync();
        var notCancelled = await db.Orders.Where(o => o.TikTokStatus != TikTokOrderStatus.Cancelled).OrderBy(o => o.TikTokOrderId).Select(o => o.TikTokOrderId).ToListAsync();
        var listed = await db.Orders.Where(o => moving.Contains(o.TikTokStatus)).OrderBy(o => o.TikTokOrderId).Select(o => o.TikTokOrderId).ToListAsync();

        Assert.Equal(["B"], inTransit);
        Assert.Equal(["A", "B", "C"], notCancelled);
        Assert.Equal(["B", "C"], listed);
    }

    private static async Task SaveOrdersAsync(TikTokSyncDbContext db, params (string Id, TikTokOrderStatus Status)[] orders)
    {
        var connection = await TestShops.SavedAsync(db, "TikTok Shop 1号店");
        foreach (var (id, status) in orders)
        {
            db.Orders.Add(new Order
            {
                MallConnectionId = connection.Id,
                TikTokOrderId = id,
                TikTokStatus = status,
                OrderedAtUtc = new DateTime(2026, 11, 1, 3, 4, 5, DateTimeKind.Utc),
                TikTokUpdatedAtUtc = new DateTime(2026, 11, 1, 3, 4, 5, DateTimeKind.Utc),
            });
        }

        await db.SaveChangesAsync();
    }
}
