using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Import.FetchOrders;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.ProcessingLog;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.Testing.Stores;
using GoQ.TikTokSync.TikTokShop.Emulator;
using GoQ.TikTokSync.TikTokShop.Emulator.Fulfillment;
using GoQ.TikTokSync.TikTokShop.Models;
using GoQ.TikTokSync.Web.Tests.Infrastructure;
using GoQ.TikTokSync.Web.Tests.Shipping.Push;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Web.Tests.Store;

/// <summary>
/// What keeps "nothing imported twice, nothing pushed twice" true rests on the store (the unique order index, the
/// conditional UPDATE that claims a package), so it is proven on every store the suite can run: SQLite and PostgreSQL.
/// </summary>
public sealed class ConcurrencyOnEveryStoreTests
{
    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task TwoImportsAtOnce_SameWindow_EndWithOneRowPerOrder(DatabaseProvider provider)
    {
        await using var factory = new TikTokSyncWebFactory { SeedOrders = 120, Provider = provider };
        var admin = await factory.CreateUserAsync(TikTokSyncWebFactory.AdminEmail, AppRoles.Admin);
        var id = await factory.AddAuthorizedConnectionAsync(admin.Id);
        var expected = factory.Emulator().ListOrders(DemoDefaults.ShopId, TikTokOrderStatus.AwaitingShipment.Value)
            .Count(o => o.CreateTime >= DateTimeOffset.UtcNow.AddDays(-7));

        var runs = await Task.WhenAll(
            factory.ImportAsync(id, ImportMode.ConfiguredDays),
            factory.ImportAsync(id, ImportMode.ConfiguredDays),
            factory.ImportAsync(id, ImportMode.Incremental));

        Assert.All(runs, r => Assert.NotEqual(ProcessingResult.Failure, r.Result));
        var ids = await factory.QueryAsync(db => db.Orders.Select(o => o.TikTokOrderId).ToListAsync());
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(expected, ids.Count);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task TwoPushesAtOnce_EachPackageIsShippedExactlyOnce(DatabaseProvider provider)
    {
        await using var factory = new TikTokSyncWebFactory { Settings = ExportTestKit.QuickRetries, Provider = provider };
        var admin = await factory.CreateUserAsync(TikTokSyncWebFactory.AdminEmail, AppRoles.Admin);
        var connectionId = await factory.AddAuthorizedConnectionAsync(admin.Id);
        var orders = await factory.CreateAndImportAsync(connectionId, 12);
        foreach (var (id, _) in orders)
        {
            await factory.EnterValidAsync(id, Carrier.Yamato, ExportTestKit.NextTracking(JapaneseCarriers.Yamato));
        }

        var runs = await Task.WhenAll(factory.PushAsync(connectionId), factory.PushAsync(connectionId, trigger: ProcessingTrigger.Automatic));

        Assert.Equal(orders.Count, runs.Sum(r => r.Updated));
        Assert.All(orders, o => Assert.Equal(1, factory.Emulator().GetShipping(o.TikTokOrderId)!.ShipAttemptCount));
        Assert.All(orders, o => Assert.Equal(1, factory.Emulator().GetShipping(o.TikTokOrderId)!.ShipCallCount));
    }
}
