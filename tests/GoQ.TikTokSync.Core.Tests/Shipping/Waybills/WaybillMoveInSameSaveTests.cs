using System.Text;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Core.OperationHistory.Recording;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.Shipping.Waybills;
using GoQ.TikTokSync.Testing.Stores;
using GoQ.TikTokSync.TikTokShop.Models;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Core.Tests.Shipping.Waybills;

/// <summary>送り状CSV出力's status move: the moved orders and their 操作履歴 row are one save.</summary>
public sealed class WaybillMoveInSameSaveTests
{
    static WaybillMoveInSameSaveTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The signed-in operator; a null name cannot be stored, which makes the 操作履歴 row fail on save.</summary>
    private sealed class Operator(string? name) : IOperationActorSource
    {
        public OperationActor Current => new("operator-1", name!, "192.0.2.1");
    }

    /// <summary>A paid, unshipped order with one line and no package yet: one slip.</summary>
    private static async Task<long> ShippableOrderAsync(TestStore store)
    {
        await using var db = store.CreateContext();
        var shop = await TestShops.SavedAsync(db, "本店");
        var orderedAt = new DateTime(2026, 11, 2, 1, 0, 0, DateTimeKind.Utc);
        var order = new Order { MallConnectionId = shop.Id, TikTokOrderId = "576000000000000777", GoqStatus = GoqOrderStatus.NewOrder, RecipientName = "山田 太郎" };
        order.TikTokStatus = TikTokOrderStatus.AwaitingShipment;
        (order.OrderedAtUtc, order.TikTokUpdatedAtUtc) = (orderedAt, orderedAt);
        order.Lines.Add(new OrderLine { TikTokLineItemId = "L1", SkuId = "S1", ProductName = "抹茶ラテ", SalePrice = 1980m });
        db.Orders.Add(order);
        await db.SaveChangesAsync();
        return order.Id;
    }

    private static async Task ExportAndMoveAsync(TikTokSyncDbContext db, string? operatorName, long orderId)
    {
        var export = new WaybillExport(db, new OperationHistoryRecorder(db, new Operator(operatorName), TimeProvider.System), TimeProvider.System);
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
        var orderId = await ShippableOrderAsync(store);
        await using (var db = store.CreateContext())
        {
            await Assert.ThrowsAsync<DbUpdateException>(() => ExportAndMoveAsync(db, null, orderId));
        }

        await using var check = store.CreateContext();
        Assert.Equal(GoqOrderStatus.NewOrder, (await check.Orders.SingleAsync()).GoqStatus);
        Assert.False(await check.OperationHistory.AnyAsync());
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task MoveExportedAsync_OrderMoved_OneOperationRowNamesTheFileAndTheMove(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateMigratedAsync(provider);
        var orderId = await ShippableOrderAsync(store);
        await using (var db = store.CreateContext())
        {
            await ExportAndMoveAsync(db, "operator@example.jp", orderId);
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
