using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Core.OperationHistory.Recording;
using GoQ.TikTokSync.Core.ProcessingLog;
using GoQ.TikTokSync.Core.Retention;
using GoQ.TikTokSync.Core.Retention.Purge;
using GoQ.TikTokSync.Core.Tests.Data;
using GoQ.TikTokSync.Testing.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace GoQ.TikTokSync.Core.Tests.Retention.Purge;

/// <summary>The daily purges: the only deletes 操作履歴 ever sees, and the saved 保存期間 winning over the configured default.</summary>
public sealed class RetentionPurgeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 19, 50, 0, TimeSpan.Zero);

    // The floor is lowered so that short periods can be tested with a few rows; the floor itself is tested on its own.
    private static RetentionPolicy Policy(TikTokSyncDbContext db, int? historyDays = null, int logDays = 90, int floorDays = 1) =>
        new(db,
            Options.Create(historyDays is { } days ? new OperationHistoryOptions { RetentionDays = days, MinRetentionDays = floorDays } : new OperationHistoryOptions { MinRetentionDays = floorDays }),
            Options.Create(new ProcessingLogOptions { RetentionDays = logDays }));

    private static OperationHistoryPurgeJob Purge(TikTokSyncDbContext db, RetentionPolicy policy) =>
        new(db, policy, new OperationHistoryRecorder(db, new NoRequestActor(), new FakeTimeProvider(Now)), new FakeTimeProvider(Now));

    private sealed class NoRequestActor : IOperationActorSource
    {
        public OperationActor Current => throw new InvalidOperationException("The purge names its own actor.");
    }

    private static OperationHistoryEntry Entry(string summary, DateTimeOffset occurredAt, params (long OrderId, string OrderNumber)[] orders)
    {
        var entry = new OperationHistoryEntry
        {
            OccurredAtUtc = occurredAt.UtcDateTime,
            UserId = "u1",
            UserName = "admin@example.jp",
            Kind = OperationKind.StatusMoved,
            Summary = summary,
        };
        foreach (var (orderId, orderNumber) in orders)
        {
            entry.Orders.Add(new OperationHistoryOrder { OrderId = orderId, OrderNumber = orderNumber });
        }

        return entry;
    }

    private static async Task SeedAsync(TestStore store, params OperationHistoryEntry[] entries)
    {
        await using var db = store.CreateContext();
        db.OperationHistory.AddRange(entries);
        await db.SaveChangesAsync();
    }

    private static async Task<(List<string> Summaries, List<string> OrderNumbers)> RemainingAsync(TestStore store)
    {
        await using var db = store.CreateContext();
        return (
            await db.OperationHistory.Where(e => e.Kind != OperationKind.OperationHistoryPurged).OrderBy(e => e.Id).Select(e => e.Summary).ToListAsync(),
            await db.OperationHistoryOrders.OrderBy(o => o.OrderNumber).Select(o => o.OrderNumber).ToListAsync());
    }

    [Fact]
    public async Task Purge_NothingSaved_KeepsTheDefault365DaysAndDeletesOlderRowsWithTheirOrderLinks()
    {
        await using var store = await TestStore.CreateMigratedAsync();
        await SeedAsync(store,
            Entry("366 days", Now.AddDays(-366), (1, "576000000000000001"), (2, "576000000000000002")),
            Entry("365 days and a minute", Now.AddDays(-365).AddMinutes(-1), (3, "576000000000000003")),
            Entry("364 days", Now.AddDays(-364), (4, "576000000000000004")),
            Entry("today", Now.AddHours(-1)));

        await using (var db = store.CreateContext())
        {
            var deleted = await Purge(db, Policy(db)).RunAsync(CancellationToken.None);
            Assert.Equal(2, deleted);
        }

        var (summaries, orderNumbers) = await RemainingAsync(store);
        Assert.Equal(["364 days", "today"], summaries);
        Assert.Equal(["576000000000000004"], orderNumbers);
    }

    [Fact]
    public async Task Purge_SavedRetentionSettings_WinOverTheConfiguredDefault()
    {
        await using var store = await TestStore.CreateMigratedAsync();
        await SeedAsync(store,
            Entry("31 days", Now.AddDays(-31), (1, "576000000000000001")),
            Entry("29 days", Now.AddDays(-29), (2, "576000000000000002")));
        await using (var db = store.CreateContext())
        {
            db.RetentionSettings.Add(new RetentionSettings { OperationHistoryDays = 30, ProcessingLogDays = 90, UpdatedAtUtc = Now.UtcDateTime });
            await db.SaveChangesAsync();
        }

        await using (var db = store.CreateContext())
        {
            var deleted = await Purge(db, Policy(db, historyDays: 365)).RunAsync(CancellationToken.None);
            Assert.Equal(1, deleted);
        }

        var (summaries, orderNumbers) = await RemainingAsync(store);
        Assert.Equal(["29 days"], summaries);
        Assert.Equal(["576000000000000002"], orderNumbers);
    }

    [Fact]
    public async Task Purge_ConfiguredDefault_AppliesWhileNothingIsSaved()
    {
        await using var store = await TestStore.CreateMigratedAsync();
        await SeedAsync(store, Entry("11 days", Now.AddDays(-11)), Entry("9 days", Now.AddDays(-9)));

        await using (var db = store.CreateContext())
        {
            Assert.Equal((10, 90), await Policy(db, historyDays: 10).GetAsync(CancellationToken.None));
            await Purge(db, Policy(db, historyDays: 10)).RunAsync(CancellationToken.None);
        }

        Assert.Equal(["9 days"], (await RemainingAsync(store)).Summaries);
    }

    [Fact]
    public async Task ProcessingLogPurge_SavedProcessingLogDays_WinOverTheConfiguredDefault()
    {
        await using var store = await TestStore.CreateMigratedAsync();
        await using (var db = store.CreateContext())
        {
            db.ProcessingLogEntries.Add(new ProcessingLogEntry { StartedAtUtc = Now.UtcDateTime.AddDays(-8), Items = [new ProcessingLogItem { TikTokOrderId = "old" }] });
            db.ProcessingLogEntries.Add(new ProcessingLogEntry { StartedAtUtc = Now.UtcDateTime.AddDays(-6), Items = [new ProcessingLogItem { TikTokOrderId = "new" }] });
            db.RetentionSettings.Add(new RetentionSettings { OperationHistoryDays = 365, ProcessingLogDays = 7, UpdatedAtUtc = Now.UtcDateTime });
            db.OperationHistory.Add(Entry("8 days of history stays", Now.AddDays(-8)));
            await db.SaveChangesAsync();
        }

        await using (var db = store.CreateContext())
        {
            var deleted = await new ProcessingLogPurgeJob(db, new FakeTimeProvider(Now), Policy(db, logDays: 90)).RunAsync(CancellationToken.None);
            Assert.Equal(1, deleted);
        }

        await using var check = store.CreateContext();
        Assert.Equal(["new"], await check.ProcessingLogItems.Select(i => i.TikTokOrderId).ToListAsync());
        Assert.Equal(1, await check.OperationHistory.CountAsync());
    }

    [Fact]
    public async Task Purge_DeletingRows_RecordsItselfWithTheCount_AndStaysSilentWhenNothingIsOld()
    {
        await using var store = await TestStore.CreateMigratedAsync();
        await SeedAsync(store, Entry("400 days", Now.AddDays(-400)), Entry("370 days", Now.AddDays(-370)), Entry("today", Now.AddHours(-1)));

        await using (var db = store.CreateContext())
        {
            Assert.Equal(2, await Purge(db, Policy(db)).RunAsync(CancellationToken.None));
            Assert.Equal(0, await Purge(db, Policy(db)).RunAsync(CancellationToken.None));
        }

        await using var check = store.CreateContext();
        var purge = await check.OperationHistory.SingleAsync(e => e.Kind == OperationKind.OperationHistoryPurged);
        Assert.Contains("2件", purge.Summary, StringComparison.Ordinal);
        Assert.Contains("365日", purge.Summary, StringComparison.Ordinal);
        Assert.Null(purge.UserId);
        Assert.Equal(Now.UtcDateTime, purge.OccurredAtUtc);
    }

    [Fact]
    public async Task Policy_SavedBelowTheFloor_IsReadAsTheFloor()
    {
        await using var store = await TestStore.CreateMigratedAsync();
        await SeedAsync(store, Entry("2 days", Now.AddDays(-2)));
        await using (var db = store.CreateContext())
        {
            // Saved before the floor existed (or by hand in the database).
            db.RetentionSettings.Add(new RetentionSettings { OperationHistoryDays = 1, ProcessingLogDays = 90, UpdatedAtUtc = Now.UtcDateTime });
            await db.SaveChangesAsync();
        }

        await using (var db = store.CreateContext())
        {
            Assert.Equal((90, 90), await Policy(db, floorDays: 90).GetAsync(CancellationToken.None));
            Assert.Equal(0, await Purge(db, Policy(db, floorDays: 90)).RunAsync(CancellationToken.None));
        }

        Assert.Equal(["2 days"], (await RemainingAsync(store)).Summaries);
    }
}
