using GoQ.TikTokSync.TikTokShop.Emulator;
using GoQ.TikTokSync.TikTokShop.IntegrationTests.Support;
using GoQ.TikTokSync.TikTokShop.Models;

namespace GoQ.TikTokSync.TikTokShop.IntegrationTests;

/// <summary>Order search paging and order detail chunking over 1 000 generated orders.</summary>
public sealed class OrderSearchTests
{
    private const string SearchPath = "/order/202309/orders/search";
    private const string DetailPath = "/order/202309/orders";
    private const int SeededOrders = 1_000;

    private static readonly DateTimeOffset SeedFrom = ClientAgainstEmulator.Start.AddDays(-10);

    [Fact]
    public async Task PagingThroughAllOrders_ReturnsEachSeededOrderOnce_WithConsistentTotals()
    {
        await using var h = await ClientAgainstEmulator.StartAsync();
        var seeded = h.Control.SeedOrders(DemoDefaults.ShopId, SeededOrders, SeedFrom, ClientAgainstEmulator.Start);
        var request = new TikTokOrderSearchRequest
        {
            CreateTimeFrom = SeedFrom,
            CreateTimeBefore = ClientAgainstEmulator.Start,
            PageSize = 100,
            SortField = TikTokOrderSortField.UpdateTime,
            SortOrder = TikTokSortOrder.Ascending,
        };

        var pages = await ReadAllPagesAsync(h, request);

        var ids = pages.SelectMany(p => p.Orders).Select(o => o.Id).ToList();
        Assert.Equal(SeededOrders, ids.Count);
        Assert.Equal(seeded.Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
        Assert.Equal(SeededOrders / 100, pages.Count);
        Assert.All(pages, page => Assert.Equal(SeededOrders, page.TotalCount));
        AssertNonDecreasing(pages.SelectMany(p => p.Orders).Select(o => o.UpdateTime!.Value));
        Assert.Equal(pages.Count, h.Wire.Calls("POST", SearchPath).Count);
        h.Wire.AssertContractHeld();
    }

    [Fact]
    public async Task PagingWithStatusAndCreateTimeWindow_MatchesTheEmulatorsOwnFilter()
    {
        await using var h = await ClientAgainstEmulator.StartAsync();
        h.Control.SeedOrders(DemoDefaults.ShopId, SeededOrders, SeedFrom, ClientAgainstEmulator.Start);
        var all = h.Control.ListOrders(DemoDefaults.ShopId);
        var windowFrom = ClientAgainstEmulator.Start.AddDays(-8);
        var windowBefore = ClientAgainstEmulator.Start.AddDays(-2);
        var inWindow = all.Where(o => o.CreateTime >= windowFrom && o.CreateTime < windowBefore).ToList();
        var commonestStatus = inWindow.GroupBy(o => o.Status, StringComparer.Ordinal).MaxBy(g => g.Count())!.Key;
        var expected = inWindow.Where(o => string.Equals(o.Status, commonestStatus, StringComparison.Ordinal)).Select(o => o.OrderId).ToList();
        Assert.True(expected.Count > 40, $"Only {expected.Count} orders match; the test needs several pages.");
        Assert.True(expected.Count < inWindow.Count, "The status filter must exclude orders to prove anything.");
        Assert.True(expected.Count < all.Count(o => string.Equals(o.Status, commonestStatus, StringComparison.Ordinal)), "The window must exclude orders to prove anything.");

        var pages = await ReadAllPagesAsync(h, new TikTokOrderSearchRequest
        {
            Status = new TikTokOrderStatus(commonestStatus),
            CreateTimeFrom = windowFrom,
            CreateTimeBefore = windowBefore,
            PageSize = 20,
            SortField = TikTokOrderSortField.CreateTime,
            SortOrder = TikTokSortOrder.Descending,
        });

        var orders = pages.SelectMany(p => p.Orders).ToList();
        Assert.Equal(orders.Count, orders.Select(o => o.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(expected.Order(StringComparer.Ordinal), orders.Select(o => o.Id).Order(StringComparer.Ordinal));
        Assert.All(orders, o => Assert.Equal(commonestStatus, o.Status?.Value));
        Assert.All(orders, o => Assert.InRange(o.CreateTime!.Value, windowFrom, windowBefore.AddSeconds(-1)));
        AssertNonDecreasing(orders.Select(o => o.CreateTime!.Value).Reverse());
        Assert.Equal((expected.Count + 19) / 20, pages.Count);
        Assert.All(pages, page => Assert.Equal(expected.Count, page.TotalCount));

        var sentFilter = h.Wire.Calls("POST", SearchPath)[0].RequestBody;
        Assert.Contains($"\"order_status\":\"{commonestStatus}\"", sentFilter, StringComparison.Ordinal);
        Assert.Contains($"\"create_time_ge\":{ClientAgainstEmulator.Seconds(windowFrom)}", sentFilter, StringComparison.Ordinal);
        Assert.Contains($"\"create_time_lt\":{ClientAgainstEmulator.Seconds(windowBefore)}", sentFilter, StringComparison.Ordinal);
        h.Wire.AssertContractHeld();
    }

    [Fact]
    public async Task PageTokensWithPlusOrSlash_AreSignedAndSentIntact()
    {
        await using var h = await ClientAgainstEmulator.StartAsync();
        var seeded = h.Control.SeedOrders(DemoDefaults.ShopId, SeededOrders, SeedFrom, ClientAgainstEmulator.Start);

        // Small pages give ~100 base64 tokens, so tokens with '+' or '/' are all but certain; asserted below.
        var pages = await ReadAllPagesAsync(h, new TikTokOrderSearchRequest { PageSize = 10, SortField = TikTokOrderSortField.CreateTime });

        Assert.Equal(seeded.Order(StringComparer.Ordinal), pages.SelectMany(p => p.Orders).Select(o => o.Id).Order(StringComparer.Ordinal));
        var followedTokens = h.Wire.Calls("POST", SearchPath)
            .Where(c => c.Query.ContainsKey("page_token"))
            .ToList();
        Assert.Equal(pages.Count - 1, followedTokens.Count);
        Assert.All(followedTokens, c => Assert.True(c.Succeeded));
        Assert.Contains(followedTokens, c => c.Query["page_token"].Contains('+', StringComparison.Ordinal));
        Assert.Contains(followedTokens, c => c.Query["page_token"].Contains('/', StringComparison.Ordinal));
        var issued = pages.Select(p => p.NextPageToken).Where(t => !string.IsNullOrEmpty(t)).ToList();
        Assert.Equal(issued, followedTokens.Select(c => c.Query["page_token"]));
        h.Wire.AssertContractHeld();
    }

    [Fact]
    public async Task OrderDetailsFor120Ids_AreFetchedIn3Calls_AndAllReturned()
    {
        await using var h = await ClientAgainstEmulator.StartAsync();
        var seeded = h.Control.SeedOrders(DemoDefaults.ShopId, 150, SeedFrom, ClientAgainstEmulator.Start);
        var wanted = seeded.Take(120).ToList();

        // Duplicates are asked for once, so they must not add a fourth call.
        var orders = await h.Api.GetOrderDetailsAsync(h.Shop, wanted.Concat(wanted.Take(5)), h.Ct);

        Assert.Equal(wanted.Order(StringComparer.Ordinal), orders.Select(o => o.Id).Order(StringComparer.Ordinal));
        var calls = h.Wire.Calls("GET", DetailPath);
        Assert.Equal([50, 50, 20], calls.Select(c => c.Query["ids"].Split(',').Length));
        Assert.Equal(wanted.Order(StringComparer.Ordinal), calls.SelectMany(c => c.Query["ids"].Split(',')).Order(StringComparer.Ordinal));
        Assert.All(orders, o => Assert.NotEmpty(o.LineItems));
        h.Wire.AssertContractHeld();
    }

    private static async Task<List<TikTokOrderSearchPage>> ReadAllPagesAsync(ClientAgainstEmulator h, TikTokOrderSearchRequest request)
    {
        var pages = new List<TikTokOrderSearchPage>();
        await foreach (var page in h.Api.SearchOrderPagesAsync(h.Shop, request, startPageToken: null, h.Ct))
        {
            pages.Add(page);
        }

        return pages;
    }

    private static void AssertNonDecreasing(IEnumerable<DateTimeOffset> times)
    {
        DateTimeOffset? previous = null;
        foreach (var time in times)
        {
            Assert.True(previous is null || previous <= time, $"{time:O} came after {previous:O}");
            previous = time;
        }
    }
}
