using System.Data.Common;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Import;
using GoQ.TikTokSync.Core.Import.FetchOrders;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.ProcessingLog;
using GoQ.TikTokSync.Testing.Stores;
using GoQ.TikTokSync.TikTokShop.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace GoQ.TikTokSync.Core.Tests.Import.FetchOrders;

/// <summary>
/// A page of new orders is written with bulk inserts outside EF (SQLite, PostgreSQL): it must keep what the EF path kept:
/// one row per TikTok order when another importer races it, the tab-count tallies, and the run's counts and log items.
/// </summary>
public sealed class OrderPageStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 1, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task StorePageAsync_NewOrders_StoresOrdersLinesHistoryLogItemsAndOneTallyRow(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateMigratedAsync(provider);
        var (connection, entryId) = await SeedAsync(store);
        await using (var db = store.CreateContext())
        {
            var entry = await db.ProcessingLogEntries.SingleAsync(e => e.Id == entryId);
            await PageStore(db).StorePageAsync(connection, entry, [Incoming("1001"), Incoming("1002"), Incoming("1003")], ImportMode.ConfiguredDays, CancellationToken.None);
        }

        await using var check = store.CreateContext();
        var orders = await check.Orders.Include(o => o.Lines).Include(o => o.History).AsSplitQuery().ToListAsync();
        Assert.Equal(["1001", "1002", "1003"], orders.Select(o => o.TikTokOrderId).Order());
        Assert.All(orders, o => Assert.Equal(2, o.Lines.Count));
        Assert.All(orders, o => Assert.Single(o.History, h => h.Kind == OrderHistoryKind.Imported));
        var entry2 = await check.ProcessingLogEntries.Include(e => e.Items).SingleAsync();
        Assert.Equal(3, entry2.Created);
        Assert.Equal(3, entry2.Items.Count(i => i.Outcome == ProcessingItemOutcome.Created));
        var tally = Assert.Single(await check.OrderStatusTallies.ToListAsync());
        Assert.Equal((connection.Id, GoqOrderStatus.NewOrder, 3), (tally.MallConnectionId, tally.Status, tally.Change));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task StorePageAsync_AnotherImporterStoresAnOrderOfThePageMeanwhile_StoresItOnceAndCountsItAsKnown(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateMigratedAsync(provider);
        var (connection, entryId) = await SeedAsync(store);
        var racer = new WriteAfterFirstOrderLookup(async () =>
        {
            // The other node's import, on its own connection, commits order 1002 after this page looked its orders up.
            await using var other = store.CreateContext();
            other.Orders.Add(TikTokOrderMapper.NewOrder(connection.Id, connection.TargetGoqStatus, Incoming("1002"), Now.UtcDateTime));
            await other.SaveChangesAsync();
        });
        var options = new DbContextOptionsBuilder<TikTokSyncDbContext>();
        store.Configure(options);
        await using (var db = new TikTokSyncDbContext(options.AddInterceptors(racer).Options))
        {
            var entry = await db.ProcessingLogEntries.SingleAsync(e => e.Id == entryId);
            await PageStore(db).StorePageAsync(connection, entry, [Incoming("1001"), Incoming("1002"), Incoming("1003")], ImportMode.ConfiguredDays, CancellationToken.None);
        }

        Assert.True(racer.Fired);
        await using var check = store.CreateContext();
        Assert.Equal(["1001", "1002", "1003"], (await check.Orders.Select(o => o.TikTokOrderId).ToListAsync()).Order());
        Assert.Equal(6, await check.OrderLines.CountAsync());
        var entry2 = await check.ProcessingLogEntries.Include(e => e.Items).SingleAsync();
        Assert.Equal((2, 0, 0), (entry2.Created, entry2.Failed, entry2.Updated));
        Assert.Equal(1, entry2.Unchanged);
        Assert.Equal(["1001", "1003"], entry2.Items.Select(i => i.TikTokOrderId).Order());
        // Two tally rows in all: the racer's +1 and this page's +2, so the tab count is 3.
        Assert.Equal(3, await check.OrderStatusTallies.SumAsync(t => t.Change));
    }

    [Fact]
    public async Task StorePageAsync_OnPostgreSql_CommitsThePageWithoutWaitingForTheLogFlush()
    {
        await using var store = await TestStore.CreateMigratedAsync(DatabaseProvider.PostgreSql);
        var (connection, entryId) = await SeedAsync(store);
        var seen = new SettingSeenBeforeCommit();
        var options = new DbContextOptionsBuilder<TikTokSyncDbContext>();
        store.Configure(options);
        await using (var db = new TikTokSyncDbContext(options.AddInterceptors(seen).Options))
        {
            var entry = await db.ProcessingLogEntries.SingleAsync(e => e.Id == entryId);
            await PageStore(db).StorePageAsync(connection, entry, [Incoming("1001")], ImportMode.ConfiguredDays, CancellationToken.None);
        }

        Assert.Equal("off", seen.SynchronousCommit);
        await using var check = store.CreateContext();
        Assert.Equal(1, await check.Orders.CountAsync());
        // Only the page's own transaction: the connection's setting is back to the durable default afterwards.
        await check.Database.OpenConnectionAsync();
        await using var show = check.Database.GetDbConnection().CreateCommand();
        show.CommandText = "SHOW synchronous_commit";
        Assert.Equal("on", (string?)await show.ExecuteScalarAsync());
    }

    private static OrderPageStore PageStore(TikTokSyncDbContext db) => new(db, new FakeTimeProvider(Now), NullLogger.Instance);

    private static async Task<(MallConnection Connection, long EntryId)> SeedAsync(TestStore store)
    {
        await using var db = store.CreateContext();
        var connection = await TestShops.SavedAsync(db, "1号店");
        var entry = ProcessingLogEntry.Start(ProcessingKind.ManualFetch, ProcessingTrigger.Manual, connection.Id, Now.UtcDateTime);
        db.ProcessingLogEntries.Add(entry);
        await db.SaveChangesAsync();
        return (connection, entry.Id);
    }

    private static TikTokOrder Incoming(string id) => new()
    {
        Id = id,
        Status = TikTokOrderStatus.AwaitingShipment,
        CreateTime = Now.AddHours(-2),
        UpdateTime = Now.AddHours(-1),
        Payment = new TikTokOrderPayment { Currency = "JPY", SubTotal = 1000m, TotalAmount = 1550m, ShippingFee = 550m },
        RecipientAddress = new TikTokRecipientAddress
        {
            Name = "山田 太郎",
            PostalCode = "160-0023",
            FullAddress = "東京都新宿区西新宿1-2-3",
            AddressLine1 = "1-2-3",
            DistrictInfo = [new TikTokDistrictInfo { AddressLevel = "L1", AddressName = "東京都" }],
        },
        LineItems =
        [
            new TikTokOrderLineItem { Id = id + "-L1", SkuId = "S1", ProductName = "緑茶", SalePrice = 500m, DisplayStatus = TikTokOrderStatus.AwaitingShipment },
            new TikTokOrderLineItem { Id = id + "-L2", SkuId = "S2", ProductName = "ほうじ茶", SalePrice = 500m, DisplayStatus = TikTokOrderStatus.AwaitingShipment },
        ],
    };

    /// <summary>Reads the session's synchronous_commit as the page's transaction is about to commit.</summary>
    private sealed class SettingSeenBeforeCommit : DbTransactionInterceptor
    {
        public string? SynchronousCommit { get; private set; }

        public override async ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(transaction);
            await using var command = transaction.Connection!.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "SHOW synchronous_commit";
            SynchronousCommit = (string?)await command.ExecuteScalarAsync(cancellationToken);
            return result;
        }
    }

    /// <summary>Runs a competing write once, right after the page store's first look at which orders are stored.</summary>
    private sealed class WriteAfterFirstOrderLookup(Func<Task> competingWrite) : DbCommandInterceptor
    {
        public bool Fired { get; private set; }

        public override async ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(command);
            if (!Fired && command.CommandText.Contains("FROM \"Orders\"", StringComparison.Ordinal))
            {
                Fired = true;
                // The lookup's rows are read before the write, as EF would have by the time it saves.
                var buffered = new System.Data.DataTable();
                buffered.Load(result);
                await competingWrite();
                return buffered.CreateDataReader();
            }

            return result;
        }
    }
}
