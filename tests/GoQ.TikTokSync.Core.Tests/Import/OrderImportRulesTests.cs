using System.Runtime.CompilerServices;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Import.FetchOrders;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Malls.Authorize;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.ProcessingLog;
using GoQ.TikTokSync.Core.Tests.Data;
using GoQ.TikTokSync.Testing.Stores;
using GoQ.TikTokSync.TikTokShop;
using GoQ.TikTokSync.TikTokShop.Models;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace GoQ.TikTokSync.Core.Tests.Import;

/// <summary>Import rules with TikTok's answers scripted, on a real SQLite file.</summary>
public sealed class OrderImportRulesTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 3, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Now);
    private readonly Mock<ITikTokShopApiClient> _api = new();
    private readonly List<TikTokOrderSearchRequest> _searches = [];
    private TestStore _store = null!;
    private int _connectionId;

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateMigratedAsync();
        await using var db = _store.CreateContext();
        var connection = new MallConnection
        {
            DisplayName = "1号店",
            AuthorizationState = AuthorizationState.Authorized,
            ShopCipher = "ROW_test",
            ProtectedAccessToken = "x",
            ProtectedRefreshToken = "y",
        };
        db.MallConnections.Add(connection);
        await db.SaveChangesAsync();
        _connectionId = connection.Id;
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private static TikTokOrder Order(string id, DateTimeOffset updated, string status = "AWAITING_SHIPMENT", DateTimeOffset? created = null) => new()
    {
        Id = id,
        Status = new TikTokOrderStatus(status),
        CreateTime = created ?? updated.AddHours(-1),
        UpdateTime = updated,
        Payment = new TikTokOrderPayment { Currency = "JPY", SubTotal = 3000m, TotalAmount = 3500m, ShippingFee = 500m },
        LineItems = [new TikTokOrderLineItem { Id = id + "-1", SkuId = "SKU1", ProductName = "緑茶", SalePrice = 1500m }, new TikTokOrderLineItem { Id = id + "-2", SkuId = "SKU1", ProductName = "緑茶", SalePrice = 1500m }],
    };

    private void Pages(params TikTokOrder[][] pages) =>
        _api.Setup(a => a.SearchOrderPagesAsync(It.IsAny<TikTokShopContext>(), It.IsAny<TikTokOrderSearchRequest>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()))
            .Returns((TikTokShopContext _, TikTokOrderSearchRequest request, string? _, CancellationToken ct) =>
            {
                _searches.Add(request);
                return Yield(pages, ct);
            });

    private static async IAsyncEnumerable<TikTokOrderSearchPage> Yield(TikTokOrder[][] pages, [EnumeratorCancellation] CancellationToken ct)
    {
        for (var i = 0; i < pages.Length; i++)
        {
            ct.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return new TikTokOrderSearchPage { Orders = pages[i], NextPageToken = i < pages.Length - 1 ? "token+/" + i : null, TotalCount = pages.Sum(p => p.Length) };
        }
    }

    /// <summary>The import as the app wires it, with TikTok scripted and a store context of its own.</summary>
    private (TikTokSyncDbContext Db, OrderImport Import) CreateImport()
    {
        var db = _store.CreateContext();
        var services = new ServiceCollection().AddScoped(_ => _store.CreateContext()).BuildServiceProvider();
        var tokens = new ConnectionTokens(
            services.GetRequiredService<IServiceScopeFactory>(),
            new ConnectionTokenProtector(new EphemeralDataProtectionProvider()),
            Mock.Of<ITikTokShopAuthClient>(),
            _time,
            Options.Create(new MallSettingsOptions()),
            NullLogger<ConnectionTokens>.Instance);
        return (db, new OrderImport(db, _api.Object, new TikTokShopConnections(db, tokens), _time, NullLogger<OrderImport>.Instance));
    }

    private async Task<ProcessingLogEntry> RunAsync(ImportMode mode, CancellationToken cancellationToken = default)
    {
        var (db, import) = CreateImport();
        var entry = new ProcessingLogEntry { Kind = ProcessingKind.AutoFetch, MallConnectionId = _connectionId, StartedAtUtc = _time.GetUtcNow().UtcDateTime };
        db.ProcessingLogEntries.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        return await import.RunAsync(entry.Id, mode, cancellationToken);
    }

    private async Task<ProcessingLogEntry> SyncAsync(IReadOnlyCollection<string> orderIds)
    {
        var (db, import) = CreateImport();
        var entry = new ProcessingLogEntry { Kind = ProcessingKind.Webhook, MallConnectionId = _connectionId, StartedAtUtc = _time.GetUtcNow().UtcDateTime };
        db.ProcessingLogEntries.Add(entry);
        await db.SaveChangesAsync();
        return await import.SyncOrdersAsync(entry.Id, orderIds, CancellationToken.None);
    }

    /// <summary>TikTok's order detail as scripted: answers the ids it knows, in <paramref name="orders"/>.</summary>
    private List<string[]> Details(Dictionary<string, TikTokOrder> orders)
    {
        var calls = new List<string[]>();
        _api.Setup(a => a.GetOrderDetailsAsync(It.IsAny<TikTokShopContext>(), It.IsAny<IEnumerable<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((TikTokShopContext _, IEnumerable<string> ids, CancellationToken _) =>
            {
                var asked = ids.ToArray();
                calls.Add(asked);
                return asked.Where(orders.ContainsKey).Select(id => orders[id]).ToList();
            });
        return calls;
    }

    [Fact]
    public async Task SyncOrders_120Ids_AsksAtMost50PerCall_CreatesOnlyFetchStatusOrders_SkipsUnknownIds()
    {
        var orders = Enumerable.Range(0, 119).ToDictionary(
            i => "O" + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture),
            i => Order("O" + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture), Now.AddMinutes(-1), i % 10 == 0 ? "CANCELLED" : "AWAITING_SHIPMENT"));
        var calls = Details(orders);
        var ids = orders.Keys.Append("UNKNOWN").Concat(orders.Keys.Take(30)).ToList();

        var run = await SyncAsync(ids);

        Assert.Equal(ProcessingResult.Success, run.Result);
        Assert.Equal(3, calls.Count);
        Assert.All(calls, c => Assert.InRange(c.Length, 1, OrderImport.DetailBatchSize));
        Assert.Equal(120, calls.Sum(c => c.Length));
        Assert.Equal(107, run.Created);
        Assert.Equal(13, run.Skipped);
        await using var db = _store.CreateContext();
        Assert.Equal(107, await db.Orders.CountAsync());
        Assert.Contains(await db.ProcessingLogItems.ToListAsync(), i => i.TikTokOrderId == "UNKNOWN" && i.Outcome == ProcessingItemOutcome.Skipped);
    }

    [Fact]
    public async Task SyncOrders_StoredOrderNowCancelled_FollowsCancellationAfterImportRules()
    {
        var orders = new Dictionary<string, TikTokOrder> { ["A"] = Order("A", Now.AddMinutes(-10)) };
        Details(orders);
        await SyncAsync(["A"]);
        orders["A"] = Order("A", Now.AddMinutes(-1), "CANCELLED");

        var run = await SyncAsync(["A"]);

        Assert.Equal(1, run.Updated);
        await using var db = _store.CreateContext();
        var order = await db.Orders.SingleAsync();
        Assert.Equal(GoqOrderStatus.Cancelled, order.GoqStatus);
        Assert.True(order.IsCancelledOnTikTok);
        Assert.False(order.CancellationAcknowledged);
    }

    [Fact]
    public async Task SyncOrders_LogAndOrderHistory_NameTikTokStatusesInJapanese()
    {
        var orders = new Dictionary<string, TikTokOrder> { ["A"] = Order("A", Now.AddMinutes(-10)) };
        Details(orders);
        await SyncAsync(["A"]);
        orders["A"] = Order("A", Now.AddMinutes(-1), "IN_TRANSIT");

        await SyncAsync(["A"]);

        await using var db = _store.CreateContext();
        var items = await db.ProcessingLogItems.Where(i => i.TikTokOrderId == "A").OrderBy(i => i.Id).Select(i => i.Message).ToListAsync();
        Assert.Equal(["発送待ち", "TikTokステータス: 発送待ち → 配送中"], items);
        var history = await db.OrderHistory.OrderBy(h => h.Id).Select(h => h.Detail).ToListAsync();
        Assert.Equal(["TikTok Shop から取込 (発送待ち)", "TikTokステータス: 発送待ち → 配送中"], history);
    }

    [Fact]
    public async Task SyncOrders_TikTokFails_FinishesAsFailureWithoutCountingAFetchFailure()
    {
        _api.Setup(a => a.GetOrderDetailsAsync(It.IsAny<TikTokShopContext>(), It.IsAny<IEnumerable<string>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new HttpRequestException("connection refused"));

        var run = await SyncAsync(["A"]);

        Assert.Equal(ProcessingResult.Failure, run.Result);
        Assert.NotNull(run.FinishedAtUtc);
        Assert.Equal(0, (await ConnectionAsync()).ConsecutiveFetchFailures);
    }

    private async Task<MallConnection> ConnectionAsync()
    {
        await using var db = _store.CreateContext();
        return await db.MallConnections.AsNoTracking().SingleAsync();
    }

    [Fact]
    public async Task RunAsync_OneOrderCannotBeMapped_IsRecordedAndTheOthersAreStored()
    {
        var broken = Order("B", Now) with { CreateTime = null, UpdateTime = null };
        Pages([Order("A", Now.AddMinutes(-3)), broken, Order("C", Now.AddMinutes(-1))]);

        var run = await RunAsync(ImportMode.ConfiguredDays);

        Assert.Equal(ProcessingResult.PartialFailure, run.Result);
        Assert.Equal(2, run.Created);
        Assert.Equal(1, run.Failed);
        await using var db = _store.CreateContext();
        Assert.Equal(["A", "C"], await db.Orders.Select(o => o.TikTokOrderId).OrderBy(x => x).ToListAsync());
        var failure = await db.ProcessingLogItems.SingleAsync(i => i.Outcome == ProcessingItemOutcome.Failed);
        Assert.Equal("B", failure.TikTokOrderId);
        Assert.Contains("create_time", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_SameOrderTwiceInOnePageSet_StoresOneRowWithTheNewestCopy()
    {
        Pages([Order("A", Now.AddMinutes(-5)), Order("A", Now.AddMinutes(-1), "PARTIALLY_SHIPPING")], [Order("A", Now.AddMinutes(-1), "PARTIALLY_SHIPPING")]);

        await RunAsync(ImportMode.ConfiguredDays);

        await using var db = _store.CreateContext();
        var order = await db.Orders.Include(o => o.Lines).SingleAsync();
        Assert.Equal(TikTokOrderStatus.PartiallyShipping, order.TikTokStatus);
        Assert.Equal(2, order.Lines.Count);
    }

    [Fact]
    public async Task Incremental_SearchesFromCursorLessOverlap_AndMovesCursorToRunStartOnlyWhenComplete()
    {
        var cursor = Now.UtcDateTime.AddMinutes(-10);
        await using (var db = _store.CreateContext())
        {
            await db.MallConnections.ExecuteUpdateAsync(s => s.SetProperty(c => c.ImportCursorUtc, cursor));
        }

        Pages([Order("A", Now.AddMinutes(-2))]);

        await RunAsync(ImportMode.Incremental);

        var search = Assert.Single(_searches);
        Assert.Equal(cursor - OrderImport.IncrementalOverlap, search.UpdateTimeFrom!.Value.UtcDateTime);
        Assert.Equal(Now.AddDays(-7), search.CreateTimeFrom);
        Assert.Null(search.Status);
        Assert.Equal(TikTokOrderSortField.UpdateTime, search.SortField);
        Assert.Equal(TikTokSortOrder.Ascending, search.SortOrder);
        Assert.Equal(100, search.PageSize);
        Assert.Equal(Now.UtcDateTime, (await ConnectionAsync()).ImportCursorUtc);
    }

    [Fact]
    public async Task Incremental_CancelledMidway_KeepsStoredPagesAndCursor_RerunCompletesWithoutDuplicates()
    {
        var cursor = Now.UtcDateTime.AddMinutes(-30);
        await using (var db = _store.CreateContext())
        {
            await db.MallConnections.ExecuteUpdateAsync(s => s.SetProperty(c => c.ImportCursorUtc, cursor));
        }

        using var cancel = new CancellationTokenSource();
        var pages = new[] { new[] { Order("A", Now.AddMinutes(-20)) }, [Order("B", Now.AddMinutes(-10))], [Order("C", Now.AddMinutes(-5))] };
        _api.Setup(a => a.SearchOrderPagesAsync(It.IsAny<TikTokShopContext>(), It.IsAny<TikTokOrderSearchRequest>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()))
            .Returns((TikTokShopContext _, TikTokOrderSearchRequest _, string? _, CancellationToken ct) => StopAfterTwo(pages, cancel, ct));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunAsync(ImportMode.Incremental, cancel.Token));

        Assert.Equal(cursor, (await ConnectionAsync()).ImportCursorUtc);
        await using (var db = _store.CreateContext())
        {
            Assert.Equal(["A", "B"], await db.Orders.Select(o => o.TikTokOrderId).OrderBy(x => x).ToListAsync());
        }

        Pages(pages);
        var rerun = await RunAsync(ImportMode.Incremental);

        Assert.Equal(ProcessingResult.Success, rerun.Result);
        Assert.Equal(1, rerun.Created);
        Assert.Equal(2, rerun.Unchanged);
        await using (var db = _store.CreateContext())
        {
            Assert.Equal(["A", "B", "C"], await db.Orders.Select(o => o.TikTokOrderId).OrderBy(x => x).ToListAsync());
        }

        Assert.Equal(Now.UtcDateTime, (await ConnectionAsync()).ImportCursorUtc);
    }

    private static async IAsyncEnumerable<TikTokOrderSearchPage> StopAfterTwo(TikTokOrder[][] pages, CancellationTokenSource cancel, [EnumeratorCancellation] CancellationToken ct)
    {
        for (var i = 0; i < pages.Length; i++)
        {
            if (i == 2)
            {
                await cancel.CancelAsync();
            }

            ct.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return new TikTokOrderSearchPage { Orders = pages[i], NextPageToken = "next" + i };
        }
    }

    [Fact]
    public async Task ConfiguredDays_AsksForFetchStatusCreatedWithinTheDaysSortedByCreateTime()
    {
        await using (var db = _store.CreateContext())
        {
            await db.MallConnections.ExecuteUpdateAsync(s => s.SetProperty(c => c.FetchDays, 3).SetProperty(c => c.FetchTikTokStatus, TikTokOrderStatus.OnHold));
        }

        Pages([]);

        await RunAsync(ImportMode.ConfiguredDays);

        var search = Assert.Single(_searches);
        Assert.Equal(new TikTokOrderStatus("ON_HOLD"), search.Status);
        Assert.Equal(Now.AddDays(-3), search.CreateTimeFrom);
        Assert.Equal(Now, search.CreateTimeBefore);
        Assert.Equal(TikTokOrderSortField.CreateTime, search.SortField);
        Assert.Null(search.UpdateTimeFrom);
    }
}
