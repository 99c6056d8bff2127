using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Testing.Stores;
using GoQ.TikTokSync.TikTokShop.Models;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Core.Tests.Data;

public sealed class OrderStoreTests
{
    private static Order NewOrder(MallConnection connection, string tikTokOrderId) => new()
    {
        MallConnectionId = connection.Id,
        TikTokOrderId = tikTokOrderId,
        TikTokStatus = TikTokOrderStatus.AwaitingShipment,
        OrderedAtUtc = new DateTime(2026, 11, 1, 3, 4, 5, DateTimeKind.Utc),
        TikTokUpdatedAtUtc = new DateTime(2026, 11, 1, 3, 4, 5, DateTimeKind.Utc),
    };

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task SaveOrder_SameTikTokOrderTwiceForOneConnection_IsRejectedByUniqueIndex(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateMigratedAsync(provider);
        await using var db = store.CreateContext();
        var connection = await TestShops.SavedAsync(db, "TikTok Shop 1号店");
        db.Orders.Add(NewOrder(connection, "576461413038785752"));
        await db.SaveChangesAsync();

        await using var second = store.CreateContext();
        second.Orders.Add(NewOrder(await second.MallConnections.SingleAsync(), "576461413038785752"));

        await Assert.ThrowsAsync<DbUpdateException>(() => second.SaveChangesAsync());
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task SaveOrder_SameTikTokOrderOnTwoConnections_IsAllowed(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateMigratedAsync(provider);
        await using var db = store.CreateContext();
        db.Orders.Add(NewOrder(await TestShops.SavedAsync(db, "1号店"), "576461413038785752"));
        db.Orders.Add(NewOrder(await TestShops.SavedAsync(db, "2号店"), "576461413038785752"));

        await db.SaveChangesAsync();

        Assert.Equal(2, await db.Orders.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task StoredOrder_ReadsBackWithUtcTimesStatusNamesDecimalsAndLines(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateMigratedAsync(provider);
        await using (var db = store.CreateContext())
        {
            var order = NewOrder(await TestShops.SavedAsync(db, "1号店"), "1001");
            order.GoqStatus = GoqOrderStatus.AwaitingPaymentAfterShipment;
            order.TotalAmount = 10980m;
            order.ShipDate = new DateOnly(2026, 11, 2);
            order.Lines.Add(new OrderLine { TikTokLineItemId = "L1", SkuId = "S1", ProductName = "抹茶ラテ", SalePrice = 1980m });
            order.Lines.Add(new OrderLine { TikTokLineItemId = "L2", SkuId = "S1", ProductName = "抹茶ラテ", SalePrice = 1980m });
            db.Orders.Add(order);
            await db.SaveChangesAsync();
        }

        await using var read = store.CreateContext();
        var stored = await read.Orders.Include(o => o.Lines).SingleAsync();
        Assert.Equal(DateTimeKind.Utc, stored.OrderedAtUtc.Kind);
        Assert.Equal(new DateTime(2026, 11, 1, 3, 4, 5, DateTimeKind.Utc), stored.OrderedAtUtc);
        Assert.Equal(GoqOrderStatus.AwaitingPaymentAfterShipment, stored.GoqStatus);
        Assert.Equal(10980m, stored.TotalAmount);
        Assert.Equal(new DateOnly(2026, 11, 2), stored.ShipDate);
        Assert.Equal(2, stored.Lines.Count);

        // Enums are stored by name, so the raw column reads as the member name.
        var raw = await read.Database.SqlQueryRaw<string>("""SELECT "GoqStatus" AS "Value" FROM "Orders" """).SingleAsync();
        Assert.Equal("AwaitingPaymentAfterShipment", raw);
    }
}
