using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.Orders.StatusTallies;
using GoQ.TikTokSync.Testing.Stores;
using GoQ.TikTokSync.TikTokShop.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging.Abstractions;

namespace GoQ.TikTokSync.Core.Tests.Orders.StatusTallies;

/// <summary>The maintained tab counts equal a full count of the orders after every kind of save, on every store.</summary>
public sealed class OrderStatusTallyTests
{
    private static Order NewOrder(MallConnection connection, string id, GoqOrderStatus status = GoqOrderStatus.NewOrder) => new()
    {
        MallConnectionId = connection.Id,
        TikTokOrderId = id,
        TikTokStatus = TikTokOrderStatus.AwaitingShipment,
        GoqStatus = status,
        OrderedAtUtc = new DateTime(2026, 11, 1, 3, 4, 5, DateTimeKind.Utc),
        TikTokUpdatedAtUtc = new DateTime(2026, 11, 1, 3, 4, 5, DateTimeKind.Utc),
    };

    private static async Task AssertTalliesMatchOrdersAsync(TestStore store)
    {
        await using var db = store.CreateContext();
        var tallied = (await OrderStatusTallyUpkeep.ReadAsync(db, CancellationToken.None)).OrderBy(c => c.MallConnectionId).ThenBy(c => c.Status).ToList();
        var counted = (await OrderStatusTallyUpkeep.CountOrdersAsync(db, CancellationToken.None)).OrderBy(c => c.MallConnectionId).ThenBy(c => c.Status).ToList();
        Assert.NotEmpty(counted);
        Assert.Equal(counted, tallied);
    }

    private static OrderStatusTallyUpkeep Upkeep(TikTokSyncDbContext db) => new(db, NullLogger<OrderStatusTallyUpkeep>.Instance);

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task SaveChanges_NewShopWithOrders_MovesAndDeletes_TalliesEqualAFullCount(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateMigratedAsync(provider);
        await using (var db = store.CreateContext())
        {
            var first = await TestShops.SavedAsync(db, "1号店");
            var second = await TestShops.SavedAsync(db, "2号店");
            db.Orders.AddRange(NewOrder(first, "1"), NewOrder(first, "2"), NewOrder(first, "3", GoqOrderStatus.OnHold), NewOrder(second, "4"));
            await db.SaveChangesAsync();
        }

        await AssertTalliesMatchOrdersAsync(store);

        await using (var db = store.CreateContext())
        {
            var orders = await db.Orders.OrderBy(o => o.TikTokOrderId).ToListAsync();
            orders[0].GoqStatus = GoqOrderStatus.AwaitingShipment;
            orders[1].GoqStatus = GoqOrderStatus.Cancelled;
            orders[2].GoqStatus = GoqOrderStatus.OnHold; // unchanged value: no tally row
            db.Orders.Remove(orders[3]);
            await db.SaveChangesAsync();

            orders[0].GoqStatus = GoqOrderStatus.Processed; // a second move in the same context starts from the saved status
            await db.SaveChangesAsync();
        }

        await AssertTalliesMatchOrdersAsync(store);
        await using var check = store.CreateContext();
        var counts = await OrderStatusTallyUpkeep.ReadAsync(check, CancellationToken.None);
        Assert.Equal(1, counts.Single(c => c.Status == GoqOrderStatus.Processed).Count);
        Assert.DoesNotContain(counts, c => c.Status == GoqOrderStatus.NewOrder);
    }

    [Fact]
    public async Task SaveChanges_ManyOrdersOfOneStatus_AppendOneRowPerShopAndStatus()
    {
        await using var store = await TestStore.CreateMigratedAsync(DatabaseProvider.Sqlite);
        await using (var db = store.CreateContext())
        {
            var shop = await TestShops.SavedAsync(db, "1号店");
            db.Orders.AddRange(Enumerable.Range(1, 50).Select(i => NewOrder(shop, i.ToString(System.Globalization.CultureInfo.InvariantCulture))));
            db.Orders.Add(NewOrder(shop, "51", GoqOrderStatus.OnHold));
            await db.SaveChangesAsync();
        }

        await using var check = store.CreateContext();
        var rows = await check.OrderStatusTallies.AsNoTracking().OrderBy(t => t.Change).ToListAsync();
        Assert.Equal([(GoqOrderStatus.OnHold, 1), (GoqOrderStatus.NewOrder, 50)], rows.Select(r => (r.Status, r.Change)));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task SaveChanges_FailedOnConcurrencyThenRetried_CountsTheMoveOnce(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateMigratedAsync(provider);
        await using (var seed = store.CreateContext())
        {
            seed.Orders.Add(NewOrder(await TestShops.SavedAsync(seed, "1号店"), "1"));
            await seed.SaveChangesAsync();
        }

        await using var db = store.CreateContext();
        var order = await db.Orders.SingleAsync();
        await using (var other = store.CreateContext())
        {
            var racing = await other.Orders.SingleAsync();
            racing.OperatorNote = "同時に更新";
            racing.Version = Guid.NewGuid();
            await other.SaveChangesAsync();
        }

        order.GoqStatus = GoqOrderStatus.AwaitingShipment;
        order.Version = Guid.NewGuid();
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync());

        // The usual recovery: take the stored version and save the same move again.
        db.Entry(order).Property(o => o.Version).OriginalValue = await db.Orders.AsNoTracking().Select(o => o.Version).SingleAsync();
        await db.SaveChangesAsync();

        await AssertTalliesMatchOrdersAsync(store);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Fold_ManyAppendedRows_LeavesOneRowPerShopAndStatus_WithTheSameCounts(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateMigratedAsync(provider);
        await using (var db = store.CreateContext())
        {
            var shop = await TestShops.SavedAsync(db, "1号店");
            for (var page = 0; page < 3; page++)
            {
                // A save appends one row per shop and status, so three saves of new orders leave three +10 rows.
                db.Orders.AddRange(Enumerable.Range(page * 10 + 1, 10).Select(i => NewOrder(shop, i.ToString(System.Globalization.CultureInfo.InvariantCulture))));
                await db.SaveChangesAsync();
            }

            foreach (var order in await db.Orders.Take(10).ToListAsync())
            {
                order.GoqStatus = GoqOrderStatus.AwaitingShipment;
            }

            await db.SaveChangesAsync();
        }

        await using (var db = store.CreateContext())
        {
            var removed = await Upkeep(db).FoldAsync(CancellationToken.None);

            Assert.Equal(3 + 2 - 2, removed);
            Assert.Equal(2, await db.OrderStatusTallies.CountAsync());
            Assert.Equal(0, await Upkeep(db).FoldAsync(CancellationToken.None));
        }

        await AssertTalliesMatchOrdersAsync(store);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Repair_TalliesDriftedFromTheOrders_PutsTheTrueCountsBack(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateMigratedAsync(provider);
        int shopId;
        await using (var db = store.CreateContext())
        {
            var shop = await TestShops.SavedAsync(db, "1号店");
            db.Orders.AddRange(NewOrder(shop, "1"), NewOrder(shop, "2", GoqOrderStatus.Processed));
            await db.SaveChangesAsync();
            shopId = shop.Id;
            // A bulk SQL update the change tracker never saw, and a stray row.
            await db.Orders.Where(o => o.TikTokOrderId == "1").ExecuteUpdateAsync(set => set.SetProperty(o => o.GoqStatus, GoqOrderStatus.OnHold));
            db.OrderStatusTallies.Add(new OrderStatusTally { MallConnectionId = shopId, Status = GoqOrderStatus.Cancelled, Change = 5 });
            await db.SaveChangesAsync();
        }

        await using (var db = store.CreateContext())
        {
            await Upkeep(db).RepairAsync(CancellationToken.None);
        }

        await AssertTalliesMatchOrdersAsync(store);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Fold_WhileOtherSavesAddOrders_LosesNoCount(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateMigratedAsync(provider);
        int shopId;
        await using (var db = store.CreateContext())
        {
            shopId = (await TestShops.SavedAsync(db, "1号店")).Id;
        }

        using var stop = new CancellationTokenSource();
        var folding = Task.Run(async () =>
        {
            var folds = 0;
            while (!stop.IsCancellationRequested)
            {
                await using var db = store.CreateContext();
                await Upkeep(db).FoldAsync(CancellationToken.None);
                folds++;
            }

            return folds;
        });
        var writers = Enumerable.Range(0, 3).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < 20; i++)
            {
                await using var db = store.CreateContext();
                var order = NewOrder(await db.MallConnections.SingleAsync(c => c.Id == shopId), $"{writer}-{i}");
                db.Orders.Add(order);
                await db.SaveChangesAsync();
                order.GoqStatus = i % 2 == 0 ? GoqOrderStatus.AwaitingShipment : GoqOrderStatus.NewOrder;
                await db.SaveChangesAsync();
            }
        })).ToList();

        await Task.WhenAll(writers);
        await stop.CancelAsync();
        Assert.True(await folding > 0);

        await AssertTalliesMatchOrdersAsync(store);
        await using var check = store.CreateContext();
        Assert.Equal(60, (await OrderStatusTallyUpkeep.ReadAsync(check, CancellationToken.None)).Sum(c => c.Count));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Migration_OrdersStoredBeforeTallies_AreCountedByTheMigration(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateMigratedAsync(provider);
        await using var db = store.CreateContext();
        var shop = await TestShops.SavedAsync(db, "1号店");
        db.Orders.AddRange(NewOrder(shop, "1"), NewOrder(shop, "2"), NewOrder(shop, "3", GoqOrderStatus.Processed));
        await db.SaveChangesAsync();

        var migrations = db.Database.GetMigrations().ToList();
        var tallies = migrations.FindIndex(m => m.EndsWith("_OrderStatusTallies", StringComparison.Ordinal));
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(migrations[tallies - 1]);
        await migrator.MigrateAsync();

        await AssertTalliesMatchOrdersAsync(store);
    }
}
