using GoQ.TikTokSync.TikTokShop.Emulator.Orders;
using GoQ.TikTokSync.TikTokShop.Emulator.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.TikTokShop.Emulator.Tests;

/// <summary>Get Order List: filters, sorts, totals and opaque page tokens (docs/tiktok-shop-api.md#order-search).</summary>
public sealed class SearchTests
{
    [Theory]
    [InlineData("create_time", "ASC")]
    [InlineData("create_time", "DESC")]
    [InlineData("update_time", "ASC")]
    [InlineData("update_time", "DESC")]
    public async Task PagingThrough1000Orders_HasNoDuplicatesNoGapsAndKeepsTheOrder(string sortField, string sortOrder)
    {
        await using var emulator = await TestEmulator.StartAsync();
        var seeded = emulator.Control.SeedOrders(TestEmulator.ShopA1, 1000, emulator.Control.Now.AddDays(-10), emulator.Control.Now);

        var (orders, tokens, total) = await OrderPaging.ReadAllAsync(emulator, pageSize: 37, sortField: sortField, sortOrder: sortOrder);

        Assert.Equal(1000, total);
        Assert.Equal(1000, orders.Count);
        Assert.Equal(seeded.Order(StringComparer.Ordinal), orders.Select(o => o.GetProperty("id").GetString()!).Order(StringComparer.Ordinal));
        var keys = orders.Select(o => o.GetProperty(sortField).GetInt64()).ToList();
        var sorted = sortOrder == "ASC" ? keys.Order().ToList() : keys.OrderDescending().ToList();
        Assert.Equal(sorted, keys);
        Assert.Equal(27, tokens.Count);
        Assert.Contains(tokens, t => t.Contains('+', StringComparison.Ordinal) || t.Contains('/', StringComparison.Ordinal));
    }

    [Fact]
    public async Task Defaults_SortByCreateTimeDescending()
    {
        await using var emulator = await TestEmulator.StartAsync();
        emulator.Control.SeedOrders(TestEmulator.ShopA1, 60, emulator.Control.Now.AddDays(-3), emulator.Control.Now);

        var orders = (await emulator.SearchAsync(pageSize: 60)).AssertSuccess().Data.GetProperty("orders").EnumerateArray().ToList();

        var times = orders.Select(o => o.GetProperty("create_time").GetInt64()).ToList();
        Assert.Equal(times.OrderDescending(), times);
    }

    [Fact]
    public async Task MisspeltSortField_IsIgnored()
    {
        await using var emulator = await TestEmulator.StartAsync();
        emulator.Control.SeedOrders(TestEmulator.ShopA1, 30, emulator.Control.Now.AddDays(-3), emulator.Control.Now);

        var misspelt = await emulator.SearchAsync(pageSize: 30, sortField: "updated_time");
        var defaults = await emulator.SearchAsync(pageSize: 30);

        Assert.Equal(defaults.Data.GetProperty("orders").GetRawText(), misspelt.AssertSuccess().Data.GetProperty("orders").GetRawText());
    }

    [Fact]
    public async Task LastPage_HasAnEmptyNextPageToken()
    {
        await using var emulator = await TestEmulator.StartAsync();
        emulator.Control.SeedOrders(TestEmulator.ShopA1, 10, emulator.Control.Now.AddDays(-3), emulator.Control.Now);

        var data = (await emulator.SearchAsync(pageSize: 10)).AssertSuccess().Data;

        Assert.Equal("", data.GetProperty("next_page_token").GetString());
        Assert.Equal(10, data.GetProperty("orders").GetArrayLength());
    }

    [Fact]
    public async Task Filters_StatusAndTimeWindows_SelectExactlyTheMatchingOrders()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var now = emulator.Control.Now;
        emulator.Control.SeedOrders(TestEmulator.ShopA1, 400, now.AddDays(-7), now);
        var all = emulator.Control.ListOrders(TestEmulator.ShopA1);
        var from = now.AddDays(-5).ToUnixTimeSeconds();
        var until = now.AddDays(-2).ToUnixTimeSeconds();

        var byStatus = await OrderPaging.ReadAllAsync(emulator, """{"order_status":"CANCELLED"}""");
        var byCreate = await OrderPaging.ReadAllAsync(emulator, $$"""{"create_time_ge":{{from}},"create_time_lt":{{until}}}""");
        var byUpdate = await OrderPaging.ReadAllAsync(emulator, $$"""{"update_time_ge":{{from}},"update_time_lt":{{until}}}""", sortField: "update_time");

        Assert.Equal(all.Where(o => o.Status == OrderStatuses.Cancelled).Select(o => o.OrderId).Order(), Ids(byStatus.Orders));
        Assert.Equal(all.Where(o => In(o.CreateTime, from, until)).Select(o => o.OrderId).Order(), Ids(byCreate.Orders));
        Assert.Equal(all.Where(o => In(o.UpdateTime, from, until)).Select(o => o.OrderId).Order(), Ids(byUpdate.Orders));
        Assert.NotEmpty(byStatus.Orders);
        Assert.Equal(byCreate.Orders.Count, byCreate.TotalCount);
    }

    [Fact]
    public async Task Filters_ShippingTypeBuyerAndWarehouse()
    {
        await using var emulator = await TestEmulator.StartAsync();
        emulator.Control.SeedOrders(TestEmulator.ShopA1, 50, emulator.Control.Now.AddDays(-3), emulator.Control.Now);
        var first = (await emulator.SearchAsync(pageSize: 1)).AssertSuccess().Data.GetProperty("orders")[0];
        var buyer = first.GetProperty("user_id").GetString();

        var tiktokShipping = await emulator.SearchAsync("""{"shipping_type":"TIKTOK"}""");
        var sellerShipping = await emulator.SearchAsync("""{"shipping_type":"SELLER"}""", pageSize: 100);
        var byBuyer = await emulator.SearchAsync($$"""{"buyer_user_id":"{{buyer}}"}""");
        var otherWarehouse = await emulator.SearchAsync("""{"warehouse_ids":["1"]}""");

        Assert.Equal(0, tiktokShipping.AssertSuccess().Data.GetProperty("total_count").GetInt32());
        Assert.Equal(50, sellerShipping.AssertSuccess().Data.GetProperty("total_count").GetInt32());
        Assert.All(byBuyer.AssertSuccess().Data.GetProperty("orders").EnumerateArray(), o => Assert.Equal(buyer, o.GetProperty("user_id").GetString()));
        Assert.Equal(0, otherWarehouse.AssertSuccess().Data.GetProperty("total_count").GetInt32());
    }

    [Fact]
    public async Task PageToken_FromAnotherSearch_IsRefused()
    {
        await using var emulator = await TestEmulator.StartAsync();
        emulator.Control.SeedOrders(TestEmulator.ShopA1, 30, emulator.Control.Now.AddDays(-3), emulator.Control.Now);
        var token = (await emulator.SearchAsync(pageSize: 10)).AssertSuccess().Data.GetProperty("next_page_token").GetString();

        var otherFilter = await emulator.SearchAsync("""{"order_status":"UNPAID"}""", pageSize: 10, pageToken: token);
        var otherSort = await emulator.SearchAsync(pageSize: 10, pageToken: token, sortOrder: "ASC");

        otherFilter.AssertError(98001004, "Parameter page_token is invalid.");
        otherSort.AssertError(98001004);
    }

    [Fact]
    public async Task TamperedPageToken_IsRefused()
    {
        await using var emulator = await TestEmulator.StartAsync();
        emulator.Control.SeedOrders(TestEmulator.ShopA1, 30, emulator.Control.Now.AddDays(-3), emulator.Control.Now);
        var token = (await emulator.SearchAsync(pageSize: 10)).AssertSuccess().Data.GetProperty("next_page_token").GetString()!;
        var bytes = Convert.FromBase64String(token);
        bytes[12] ^= 0x01;

        var response = await emulator.SearchAsync(pageSize: 10, pageToken: Convert.ToBase64String(bytes));

        response.AssertError(98001004);
    }

    [Fact]
    public async Task MalformedBody_IsRefused()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var response = await emulator.SearchAsync("""{"create_time_ge":"yesterday"}""");

        response.AssertError(98001004);
    }

    [Fact]
    public async Task OrdersChangedDuringPaging_AreNotLostWhenSortingByCreateTime()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var ids = emulator.Control.SeedOrders(TestEmulator.ShopA1, 120, emulator.Control.Now.AddDays(-3), emulator.Control.Now.AddDays(-2));
        var firstPage = (await emulator.SearchAsync(pageSize: 50, sortOrder: "ASC")).AssertSuccess().Data;

        foreach (var id in ids.Skip(60).Take(10))
        {
            emulator.Time.Advance(TimeSpan.FromSeconds(1));
            emulator.Control.CancelOrder(id, CancelInitiator.System);
        }

        var rest = new List<string>();
        var token = firstPage.GetProperty("next_page_token").GetString();
        while (!string.IsNullOrEmpty(token))
        {
            var page = (await emulator.SearchAsync(pageSize: 50, pageToken: token, sortOrder: "ASC")).AssertSuccess().Data;
            rest.AddRange(page.GetProperty("orders").EnumerateArray().Select(o => o.GetProperty("id").GetString()!));
            token = page.GetProperty("next_page_token").GetString();
        }

        var seen = firstPage.GetProperty("orders").EnumerateArray().Select(o => o.GetProperty("id").GetString()!).Concat(rest).ToList();
        Assert.Equal(120, seen.Distinct().Count());
        Assert.Equal(120, seen.Count);
    }

    [Fact]
    public async Task PagingThrough50000Orders_VisitsEachOnceWithCursorPages()
    {
        await using var emulator = await TestEmulator.StartAsync();
        emulator.Control.SeedOrders(TestEmulator.ShopA1, 50_000, emulator.Control.Now.AddDays(-30), emulator.Control.Now);
        var book = emulator.Services.GetRequiredService<OrderStore>().GetShop(TestEmulator.ShopA1);
        var query = new OrderSearchQuery { PageSize = 100, SortField = OrderSortField.UpdateTime, Descending = false };

        var seen = new HashSet<string>(StringComparer.Ordinal);
        SearchCursor? cursor = null;
        var pages = 0;
        do
        {
            var page = book.Search(query, cursor, emulator.Now);
            Assert.Equal(50_000, page.TotalCount);
            foreach (var order in page.Orders)
            {
                Assert.True(seen.Add(order.Id));
            }

            cursor = page.Next;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(50_000, seen.Count);
        Assert.Equal(500, pages);
    }

    private static List<string> Ids(IEnumerable<System.Text.Json.JsonElement> orders) =>
        orders.Select(o => o.GetProperty("id").GetString()!).Order().ToList();

    private static bool In(DateTimeOffset time, long from, long until) =>
        time.ToUnixTimeSeconds() >= from && time.ToUnixTimeSeconds() < until;
}
