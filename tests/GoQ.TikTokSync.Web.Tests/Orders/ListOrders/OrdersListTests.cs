using System.Net;
using AngleSharp.Html.Parser;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.TikTokShop.Models;
using GoQ.TikTokSync.Web.Tests.Infrastructure;

namespace GoQ.TikTokSync.Web.Tests.Orders.ListOrders;

public sealed class OrdersListTests : IAsyncLifetime
{
    private readonly TikTokSyncWebFactory _factory = new();

    public async Task InitializeAsync() => await _factory.CreateUserAsync(TikTokSyncWebFactory.OperatorEmail, AppRoles.Operator);

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private async Task SeedAsync(params (string Id, GoqOrderStatus Status, DateTime OrderedAtUtc)[] orders)
    {
        await _factory.WithDbAsync(async db =>
        {
            var connection = new MallConnection { DisplayName = "TikTok Shop 1号店" };
            db.MallConnections.Add(connection);
            await db.SaveChangesAsync();
            foreach (var (id, status, orderedAt) in orders)
            {
                db.Orders.Add(new Order
                {
                    MallConnectionId = connection.Id,
                    TikTokOrderId = id,
                    TikTokStatus = TikTokOrderStatus.AwaitingShipment,
                    GoqStatus = status,
                    OrderedAtUtc = orderedAt,
                    TikTokUpdatedAtUtc = orderedAt,
                    RecipientName = "山田 太郎",
                    TotalAmount = 12345m,
                });
            }

            await db.SaveChangesAsync();
        });
    }

    private async Task<AngleSharp.Html.Dom.IHtmlDocument> GetAsync(string url)
    {
        var client = _factory.CreateBrowserlessClient();
        await FormPosting.SignInAsync(client, TikTokSyncWebFactory.OperatorEmail);
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    private static string TabText(AngleSharp.Html.Dom.IHtmlDocument page, string status) =>
        page.QuerySelector($"[data-testid=status-tabs] a[data-status={status}]")!.TextContent.Trim();

    [Fact]
    public async Task StatusTabs_ShowLiveCountsPerStatusAndAll()
    {
        var at = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        await SeedAsync(("1001", GoqOrderStatus.NewOrder, at), ("1002", GoqOrderStatus.NewOrder, at), ("1003", GoqOrderStatus.OnHold, at));

        var page = await GetAsync("/Orders");

        Assert.Equal("新規受付2", TabText(page, "NewOrder"));
        Assert.Equal("保留1", TabText(page, "OnHold"));
        Assert.Equal("キャンセル0", TabText(page, "Cancelled"));
        Assert.Equal("全て3", TabText(page, "All"));
        var labels = page.QuerySelectorAll("[data-testid=status-tabs] a").Select(a => a.ChildNodes[0].TextContent.Trim()).ToArray();
        Assert.Equal(["新規受付", "発送前入金待ち", "発送待ち", "発送後入金待ち", "処理済", "保留", "キャンセル", "全て"], labels);
    }

    [Fact]
    public async Task StatusTab_ListsOnlyThatStatus_WithOrderTimeInJst()
    {
        await SeedAsync(
            ("2001", GoqOrderStatus.NewOrder, new DateTime(2026, 11, 1, 15, 30, 0, DateTimeKind.Utc)),
            ("2002", GoqOrderStatus.OnHold, new DateTime(2026, 11, 1, 16, 0, 0, DateTimeKind.Utc)));

        var page = await GetAsync("/Orders?status=NewOrder");

        var rows = page.QuerySelectorAll("[data-testid=orders-table] tbody tr");
        var row = Assert.Single(rows);
        Assert.Contains("2001", row.TextContent, StringComparison.Ordinal);
        // 15:30 UTC is 00:30 the next day in Japan.
        Assert.Contains("2026/11/02 00:30", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("¥12,345", row.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmptyStore_ShowsZeroCountsAndEmptyMessage()
    {
        var page = await GetAsync("/Orders");

        Assert.Equal("全て0", TabText(page, "All"));
        Assert.NotNull(page.QuerySelector("[data-testid=orders-empty]"));
    }
}
