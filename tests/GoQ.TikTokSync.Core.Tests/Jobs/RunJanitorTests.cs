using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Jobs;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.ProcessingLog;
using GoQ.TikTokSync.Core.Shipping;
using GoQ.TikTokSync.Testing.Stores;
using GoQ.TikTokSync.TikTokShop.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GoQ.TikTokSync.Core.Tests.Jobs;

/// <summary>The janitor on every store: runs of dead nodes end as 中断, their 送信中 packages become 結果確認中.</summary>
public sealed class RunJanitorTests : IAsyncLifetime
{
    private TestStore? _store;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }

    private async Task<TestStore> StoreAsync(DatabaseProvider provider) => _store = await TestStore.CreateMigratedAsync(provider);

    private static async Task<JanitorResult> RunJanitorAsync(TestStore store)
    {
        await using var db = store.CreateContext();
        var janitor = new RunJanitor(db, Options.Create(new JobOptions()), Options.Create(new ShippingPushOptions()), TimeProvider.System, NullLogger<RunJanitor>.Instance);
        return await janitor.RunAsync(CancellationToken.None);
    }

    /// <summary>An unfinished entry; its heartbeat <paramref name="beatSecondsAgo"/> on the database's clock, or none.</summary>
    private static async Task<long> RunningEntryAsync(TestStore store, double? beatSecondsAgo, DateTime? startedAtUtc = null)
    {
        await using var db = store.CreateContext();
        var entry = new ProcessingLogEntry { Kind = ProcessingKind.Export, StartedAtUtc = startedAtUtc ?? DateTime.UtcNow };
        db.ProcessingLogEntries.Add(entry);
        await db.SaveChangesAsync();
        if (beatSecondsAgo is { } ago)
        {
            await db.ProcessingLogEntries.Where(e => e.Id == entry.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.HeartbeatAtUtc, e => (DateTime?)DateTime.UtcNow.AddSeconds(-ago)));
        }

        return entry.Id;
    }

    private static async Task<ProcessingLogEntry> EntryAsync(TestStore store, long id)
    {
        await using var db = store.CreateContext();
        return await db.ProcessingLogEntries.AsNoTracking().SingleAsync(e => e.Id == id);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Janitor_RunWhoseHeartbeatStopped_IsFinishedAsInterruptedByAStoppedServer(DatabaseProvider provider)
    {
        var store = await StoreAsync(provider);
        var dead = await RunningEntryAsync(store, beatSecondsAgo: 600);
        var alive = await RunningEntryAsync(store, beatSecondsAgo: 10);

        var result = await RunJanitorAsync(store);

        var closed = await EntryAsync(store, dead);
        Assert.Equal(1, result.EntriesOfStoppedNodes);
        Assert.Equal(ProcessingResult.Interrupted, closed.Result);
        Assert.Equal("処理していたサーバーが停止したため中断しました", closed.Reason);
        Assert.NotNull(closed.FinishedAtUtc);
        var running = await EntryAsync(store, alive);
        Assert.Null(running.FinishedAtUtc);
        Assert.Null(running.Result);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Janitor_EntryNoJobTookUp_IsLeftQueuedUntilItIsADayOld(DatabaseProvider provider)
    {
        var store = await StoreAsync(provider);
        var queued = await RunningEntryAsync(store, beatSecondsAgo: null, startedAtUtc: DateTime.UtcNow.AddHours(-1));
        var abandoned = await RunningEntryAsync(store, beatSecondsAgo: null, startedAtUtc: DateTime.UtcNow.AddDays(-2));

        var result = await RunJanitorAsync(store);

        Assert.Equal(1, result.EntriesNeverStarted);
        Assert.Null((await EntryAsync(store, queued)).FinishedAtUtc);
        var closed = await EntryAsync(store, abandoned);
        Assert.Equal(ProcessingResult.Interrupted, closed.Result);
        Assert.Equal(RunFailureReasons.NeverStarted, closed.Reason);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Janitor_PackageLeftSendingPastStaleClaimAfter_BecomesOutcomeUnknownAndTheOrderShowsIt(DatabaseProvider provider)
    {
        var store = await StoreAsync(provider);
        long stuckId, freshId, orderId;
        await using (var db = store.CreateContext())
        {
            var order = new Order
            {
                MallConnectionId = (await TestShops.SavedAsync(db, "1号店")).Id,
                TikTokOrderId = "576000000000000777",
                TikTokStatus = TikTokOrderStatus.AwaitingShipment,
                ShipmentPushState = ShipmentPushState.Pushing,
                OrderedAtUtc = DateTime.UtcNow.AddDays(-1),
                TikTokUpdatedAtUtc = DateTime.UtcNow.AddDays(-1),
            };
            var stuck = new ShippingPackage { Carrier = Carrier.Yamato, TrackingNumber = "100000000004", LineItemIds = "a", PushState = ShipmentPushState.Pushing };
            var fresh = new ShippingPackage { Carrier = Carrier.Yamato, TrackingNumber = "123456789013", LineItemIds = "b", PushState = ShipmentPushState.Pushing };
            order.Packages.AddRange([stuck, fresh]);
            db.Orders.Add(order);
            await db.SaveChangesAsync();
            (stuckId, freshId, orderId) = (stuck.Id, fresh.Id, order.Id);
            // Claimed on the database's clock, as the push claims them: one by a run that died an hour ago, one just now.
            await db.ShippingPackages.Where(p => p.Id == stuckId).ExecuteUpdateAsync(s => s.SetProperty(p => p.PushStartedAtUtc, p => (DateTime?)DateTime.UtcNow.AddHours(-1)));
            await db.ShippingPackages.Where(p => p.Id == freshId).ExecuteUpdateAsync(s => s.SetProperty(p => p.PushStartedAtUtc, p => (DateTime?)DateTime.UtcNow.AddSeconds(-5)));
        }

        var result = await RunJanitorAsync(store);

        await using var check = store.CreateContext();
        var packages = await check.ShippingPackages.AsNoTracking().ToDictionaryAsync(p => p.Id);
        Assert.Equal(1, result.PackagesLeftSending);
        Assert.Equal(ShipmentPushState.OutcomeUnknown, packages[stuckId].PushState);
        Assert.Equal(RunJanitor.PackageReason, packages[stuckId].FailureReason);
        Assert.Null(packages[stuckId].PushStartedAtUtc);
        Assert.Equal(ShipmentPushState.Pushing, packages[freshId].PushState);
        Assert.Equal(ShipmentPushState.OutcomeUnknown, await check.Orders.Where(o => o.Id == orderId).Select(o => o.ShipmentPushState).SingleAsync());
    }
}
