using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Core.OperationHistory.Recording;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.Orders.EditNote;
using GoQ.TikTokSync.Core.Orders.MoveStatus;
using GoQ.TikTokSync.Testing.Stores;
using GoQ.TikTokSync.TikTokShop.Models;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Core.Tests.Orders;

/// <summary>
/// 備考 and 受注一覧's status moves: the change and its 操作履歴 row are one save, so neither is kept without the other.
/// </summary>
public sealed class OperationRowInSameSaveTests
{
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
            TikTokStatus = TikTokOrderStatus.AwaitingShipment,
            GoqStatus = GoqOrderStatus.NewOrder,
            OrderedAtUtc = new DateTime(2026, 11, 1, 3, 4, 5, DateTimeKind.Utc),
            TikTokUpdatedAtUtc = new DateTime(2026, 11, 1, 3, 4, 5, DateTimeKind.Utc),
        };
        db.Orders.Add(order);
        await db.SaveChangesAsync();
        return order.Id;
    }

    private static OperationHistoryRecorder Recorder(TikTokSyncDbContext db, string? userName) =>
        new(db, new FixedActor(userName), TimeProvider.System);

    private static NoteEdit Edit(TikTokSyncDbContext db, string? userName) => new(db, Recorder(db, userName), TimeProvider.System);

    private static StatusMovesFromList Moves(TikTokSyncDbContext db, string? userName) => new(db, Recorder(db, userName), TimeProvider.System);

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task SaveAsync_NewNote_SavesNoteAndOneOperationRowWithItsBeginning(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateMigratedAsync(provider);
        var orderId = await SavedOrderAsync(store);
        await using (var db = store.CreateContext())
        {
            Assert.Equal(NoteOutcome.Saved, await Edit(db, "operator@example.jp").SaveAsync(orderId, "再配達希望", "operator@example.jp", CancellationToken.None));
        }

        await using var check = store.CreateContext();
        Assert.Equal("再配達希望", (await check.Orders.SingleAsync()).OperatorNote);
        var row = await check.OperationHistory.Include(e => e.Orders).SingleAsync();
        Assert.Equal(OperationKind.NoteEdited, row.Kind);
        Assert.Equal("文字数: 0 → 5\n先頭: 再配達希望", row.Details);
        Assert.Equal(orderId, Assert.Single(row.Orders).OrderId);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task SaveAsync_OperationRowCannotBeSaved_NoteIsNotSavedEither(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateMigratedAsync(provider);
        var orderId = await SavedOrderAsync(store);
        await using (var db = store.CreateContext())
        {
            // A row without a user name breaks the 操作履歴 table's NOT NULL: the save must fail as a whole.
            await Assert.ThrowsAsync<DbUpdateException>(() => Edit(db, null).SaveAsync(orderId, "再配達希望", "operator@example.jp", CancellationToken.None));
        }

        await using var check = store.CreateContext();
        Assert.Null((await check.Orders.SingleAsync()).OperatorNote);
        Assert.Equal(0, await check.OperationHistory.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task MoveAsync_OperationRowCannotBeSaved_OrderStaysWhereItWas(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateMigratedAsync(provider);
        var orderId = await SavedOrderAsync(store);
        await using (var db = store.CreateContext())
        {
            await Assert.ThrowsAsync<DbUpdateException>(() => Moves(db, null).MoveAsync([orderId], GoqOrderStatus.OnHold, "operator@example.jp", CancellationToken.None));
        }

        await using var check = store.CreateContext();
        Assert.Equal(GoqOrderStatus.NewOrder, (await check.Orders.SingleAsync()).GoqStatus);
        Assert.Equal(0, await check.OperationHistory.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task MoveAsync_OrderMoved_OneOperationRowNamesTheMove(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateMigratedAsync(provider);
        var orderId = await SavedOrderAsync(store);
        await using (var db = store.CreateContext())
        {
            var moves = await Moves(db, "operator@example.jp").MoveAsync([orderId], GoqOrderStatus.OnHold, "operator@example.jp", CancellationToken.None);
            Assert.Equal(GoqOrderStatus.NewOrder, Assert.Single(moves!).From);
        }

        await using var check = store.CreateContext();
        Assert.Equal(GoqOrderStatus.OnHold, (await check.Orders.SingleAsync()).GoqStatus);
        var row = await check.OperationHistory.SingleAsync();
        Assert.Equal(OperationKind.StatusMoved, row.Kind);
        Assert.Equal($"/Orders/{orderId}", row.TargetUrl);
    }
}
