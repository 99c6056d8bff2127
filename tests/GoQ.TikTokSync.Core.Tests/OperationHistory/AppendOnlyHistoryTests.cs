using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Core.Tests.Data;
using GoQ.TikTokSync.Testing.Stores;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Core.Tests.OperationHistory;

/// <summary>The context refuses to rewrite 操作履歴: a modified or deleted row fails the whole save.</summary>
public sealed class AppendOnlyHistoryTests
{
    private static async Task<TestStore> StoreWithOneEntryAsync(DatabaseProvider provider)
    {
        var store = await TestStore.CreateMigratedAsync(provider);
        await using var db = store.CreateContext();
        var entry = new OperationHistoryEntry
        {
            OccurredAtUtc = new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc),
            UserId = "u1",
            UserName = "operator@example.jp",
            Kind = OperationKind.StatusMoved,
            Summary = "受注 1件を 新規受付 → 保留 に移動",
        };
        entry.Orders.Add(new OperationHistoryOrder { OrderId = 7, OrderNumber = "576000000000000007" });
        db.OperationHistory.Add(entry);
        await db.SaveChangesAsync();
        return store;
    }

    private static async Task AssertUntouchedAsync(TestStore store)
    {
        await using var db = store.CreateContext();
        var entry = await db.OperationHistory.Include(e => e.Orders).SingleAsync();
        Assert.Equal("受注 1件を 新規受付 → 保留 に移動", entry.Summary);
        Assert.Equal("576000000000000007", Assert.Single(entry.Orders).OrderNumber);
        Assert.Equal(0, await db.MallConnections.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task SaveChanges_ModifiedEntry_ThrowsAndWritesNothingElse(DatabaseProvider provider)
    {
        await using var store = await StoreWithOneEntryAsync(provider);
        await using (var db = store.CreateContext())
        {
            var entry = await db.OperationHistory.SingleAsync();
            entry.Summary = "書き換え";
            db.MallConnections.Add(new MallConnection { DisplayName = "saved alongside", CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow });

            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
            Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
        }

        await AssertUntouchedAsync(store);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task SaveChanges_DeletedEntry_Throws(DatabaseProvider provider)
    {
        await using var store = await StoreWithOneEntryAsync(provider);
        await using (var db = store.CreateContext())
        {
            db.OperationHistory.Remove(await db.OperationHistory.SingleAsync());

            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        }

        await AssertUntouchedAsync(store);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task SaveChanges_DeletedOrderLink_Throws(DatabaseProvider provider)
    {
        await using var store = await StoreWithOneEntryAsync(provider);
        await using (var db = store.CreateContext())
        {
            db.OperationHistoryOrders.Remove(await db.OperationHistoryOrders.SingleAsync());

            Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
        }

        await AssertUntouchedAsync(store);
    }
}
