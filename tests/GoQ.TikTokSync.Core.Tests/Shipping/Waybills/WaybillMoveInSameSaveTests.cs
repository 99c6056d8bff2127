using System.Text;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Core.OperationHistory.Recording;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.Shipping.Waybills;
using GoQ.TikTokSync.Testing.Stores;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Core.Tests.Shipping.Waybills;

/// <summary>送り状CSV出力's status move: the moved orders and their 操作履歴 row are one save.</summary>
public sealed class WaybillMoveInSameSaveTests
{
    static WaybillMoveInSameSaveTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private sealed class FixedActor(string? userName) : IOperationActorSource
    {
        public OperationActor Current { get; } = new("u1", userName!, null);
    }

    private static async Task<long> SavedOrderAsync(TestStore store)
    {
        await using var db = store.CreateContext();
        var shop = await TestShops.SavedAsync(db, "本店");
        var order = new Order
        {
            MallConnectionId = shop.Id,
            TikTokOrderId = "576000000000000001",
            TikTokStatus = TikTokOrderStatusNames.AwaitingShipment,
            GoqStatus = GoqOrderStatus.NewOrder,
            OrderedAtUtc = new DateTime(2026, 11, 1, 3, 4, 5, DateTimeKind.Utc),
            TikTokUpdatedAtUtc = new DateTime(2026, 11, 1, 3, 4, 5, DateTimeKind.Utc),
            RecipientName = "山田 太郎",
        };
        order.Lines.Add(new OrderLine { TikTokLineItemId = "L1", SkuId = "S1", ProductName = "抹茶ラテ", SalePrice = 1980m });
        db.Orders.Add(order);
        await db.SaveChangesAsync();
        return order.Id;
    }

    private static WaybillExport Export(TikTokSyncDbContext db, string? userName) =>
        new(db, new OperationHistoryRecorder(db, new FixedActor(userName), TimeProvider.System), TimeProvider.System);

    private static async Task MoveAsync(TikTokSyncDbContext db, string? actorName, long orderId)
    {
        var export = Export(db, actorName);
        var format = WaybillFormat.For(WaybillFormatKind.YamatoB2);
        var prepared = await export.PrepareAsync(new WaybillRequest([orderId], false, null, null, null, format, null), CancellationToken.None);
        Assert.NotNull(prepared.File);
        await export.MoveExportedAsync(prepared, format, GoqOrderStatus.AwaitingShipment, "operator@example.jp", CancellationToken.None);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task MoveExportedAsync_OperationRowCannotBeSaved_OrderStaysWhereItWas(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateMigratedAsync(provider);
        var orderId = await SavedOrderAsync(store);
        await using (var db = store.CreateContext())
        {
            // A row without a user name breaks the 操作履歴 table's NOT NULL: the save must fail as a whole.
            await Assert.ThrowsAsync<DbUpdateException>(() => MoveAsync(db, null, orderId));
        }

        await using var check = store.CreateContext();
        Assert.Equal(GoqOrderStatus.NewOrder, (await check.Orders.SingleAsync()).GoqStatus);
        Assert.Equal(0, await check.OperationHistory.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task MoveExportedAsync_OrderMoved_OneOperationRowNamesTheFileAndTheMove(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateMigratedAsync(provider);
        var orderId = await SavedOrderAsync(store);
        await using (var db = store.CreateContext())
        {
            await MoveAsync(db, "operator@example.jp", orderId);
        }

        await using var check = store.CreateContext();
        Assert.Equal(GoqOrderStatus.AwaitingShipment, (await check.Orders.SingleAsync()).GoqStatus);
        var row = await check.OperationHistory.SingleAsync();
        Assert.Equal(OperationKind.StatusMoved, row.Kind);
        Assert.StartsWith("送り状CSV出力で受注 1件を ", row.Summary, StringComparison.Ordinal);
        Assert.StartsWith("送り状CSV: ", row.Details, StringComparison.Ordinal);
        Assert.Equal($"/Orders/{orderId}", row.TargetUrl);
    }
}
