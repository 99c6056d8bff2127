using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.TikTokShop.Models;
using GoQ.TikTokSync.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace GoQ.TikTokSync.Web.Tests.Orders.Home;

/// <summary>ホーム as the morning view: per shop the to-do counts, sync health and status counts, each linking to 受注一覧 filtered alike.</summary>
public sealed class HomePageTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 4, 0, 0, 0, TimeSpan.Zero));
    private readonly TikTokSyncWebFactory _factory;

    public HomePageTests() => _factory = new TikTokSyncWebFactory { Time = _time };

    public async Task InitializeAsync() => await _factory.CreateUserAsync(TikTokSyncWebFactory.OperatorEmail, AppRoles.Operator);

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private async Task<(MallConnection First, MallConnection Second)> SeedShopsAsync()
    {
        var first = new MallConnection
        {
            DisplayName = "1号店",
            DisplayOrder = 0,
            ConsecutiveFetchFailures = 3,
            LastSuccessfulFetchAtUtc = new DateTime(2026, 12, 3, 22, 30, 0, DateTimeKind.Utc),
        };
        var second = new MallConnection { DisplayName = "2号店", DisplayOrder = 1, IsEnabled = false };
        var orderedAt = _time.GetUtcNow().UtcDateTime.AddDays(-1);
        Order NewOrder(MallConnection shop, string id, GoqOrderStatus status, ShipmentPushState push = ShipmentPushState.NotReady, bool cancelled = false) => new()
        {
            MallConnectionId = shop.Id,
            TikTokOrderId = id,
            TikTokStatus = TikTokOrderStatus.AwaitingShipment,
            GoqStatus = status,
            ShipmentPushState = push,
            IsCancelledOnTikTok = cancelled,
            OrderedAtUtc = orderedAt,
            TikTokUpdatedAtUtc = orderedAt,
            RecipientName = "山田 太郎",
            TotalAmount = 1000m,
        };

        await _factory.WithDbAsync(async db =>
        {
            db.MallConnections.AddRange(first, second);
            await db.SaveChangesAsync();
            db.Orders.AddRange(
                NewOrder(first, "9001", GoqOrderStatus.NewOrder),
                NewOrder(first, "9002", GoqOrderStatus.NewOrder),
                NewOrder(first, "9003", GoqOrderStatus.Processed, ShipmentPushState.Failed),
                NewOrder(first, "9004", GoqOrderStatus.Processed, ShipmentPushState.OutcomeUnknown),
                NewOrder(first, "9005", GoqOrderStatus.Processed, ShipmentPushState.Failed, cancelled: true),
                NewOrder(second, "9101", GoqOrderStatus.NewOrder),
                NewOrder(second, "9102", GoqOrderStatus.Processed, ShipmentPushState.Failed));
            await db.SaveChangesAsync();
        });
        return (first, second);
    }

    private static async Task<IHtmlDocument> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    private async Task<HttpClient> SignedInAsync()
    {
        var client = _factory.CreateBrowserlessClient();
        await FormPosting.SignInAsync(client, TikTokSyncWebFactory.OperatorEmail);
        return client;
    }

    private static string[] ListedOrders(IHtmlDocument page) =>
        [.. page.QuerySelectorAll("[data-testid=orders-table] tbody tr a[href^='/Orders/']").Select(a => a.TextContent.Trim()).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task HomePage_CountsFailedAndUnsettledPushesPerShop_LinksListExactlyThoseOrders_CancelledLeftOut()
    {
        var (first, second) = await SeedShopsAsync();
        var client = await SignedInAsync();

        var home = await GetAsync(client, "/");

        IHtmlAnchorElement Link(MallConnection shop, string kind) =>
            (IHtmlAnchorElement)home.QuerySelector($"[data-testid=home-deadlines] tr[data-connection='{shop.Id}'] a[data-push={kind}]")!;
        Assert.Equal("1 件", Link(first, PushAttention.FilterFailed).TextContent.Trim());
        Assert.Equal("1 件", Link(first, PushAttention.FilterUnknown).TextContent.Trim());
        Assert.Equal("1 件", Link(second, PushAttention.FilterFailed).TextContent.Trim());
        Assert.Equal("0 件", Link(second, PushAttention.FilterUnknown).TextContent.Trim());
        Assert.Contains("text-danger", Link(first, PushAttention.FilterFailed).ClassList);
        Assert.DoesNotContain("text-danger", Link(second, PushAttention.FilterUnknown).ClassList);

        var failed = await GetAsync(client, Link(first, PushAttention.FilterFailed).GetAttribute("href")!);
        Assert.Equal(["9003"], ListedOrders(failed));
        Assert.Equal("送信失敗 ✕", failed.QuerySelector("[data-testid=push-filter]")!.TextContent.Trim());
        var unknown = await GetAsync(client, Link(first, PushAttention.FilterUnknown).GetAttribute("href")!);
        Assert.Equal(["9004"], ListedOrders(unknown));
        var allFailed = await GetAsync(client, "/Orders?push=failed");
        Assert.Equal(["9003", "9102"], ListedOrders(allFailed));
    }

    [Fact]
    public async Task HomePage_ShowsEachShopsStatusCounts_LinkingToThatShopsTab()
    {
        var (first, second) = await SeedShopsAsync();
        var client = await SignedInAsync();

        var home = await GetAsync(client, "/");

        IHtmlAnchorElement Tab(MallConnection shop, GoqOrderStatus status) =>
            (IHtmlAnchorElement)home.QuerySelector($"[data-testid=shop-counts-{shop.Id}] a[data-status={status}]")!;
        string Count(MallConnection shop, GoqOrderStatus status) =>
            Tab(shop, status).ParentElement!.QuerySelector(".badge")!.TextContent.Trim();
        Assert.Equal("2", Count(first, GoqOrderStatus.NewOrder));
        Assert.Equal("3", Count(first, GoqOrderStatus.Processed));
        Assert.Equal("1", Count(second, GoqOrderStatus.NewOrder));
        Assert.Equal("0", Count(second, GoqOrderStatus.OnHold));

        var newOrders = await GetAsync(client, Tab(first, GoqOrderStatus.NewOrder).GetAttribute("href")!);
        Assert.Equal(["9001", "9002"], ListedOrders(newOrders));
    }

    [Fact]
    public async Task HomePage_ShowsSyncHealthPerShop_FailuresMarked_DisabledShopSaysSo()
    {
        var (first, second) = await SeedShopsAsync();
        var client = await SignedInAsync();

        var home = await GetAsync(client, "/");

        var firstCard = home.QuerySelector($"[data-testid=sync-health-{first.Id}]")!;
        Assert.Contains("border-danger", firstCard.ClassList);
        Assert.Contains("3 回", firstCard.TextContent, StringComparison.Ordinal);
        // 22:30 UTC is 07:30 the next morning in Japan.
        Assert.Contains("2026/12/04 07:30", firstCard.TextContent, StringComparison.Ordinal);

        var secondCard = home.QuerySelector($"[data-testid=sync-health-{second.Id}]")!;
        Assert.NotNull(secondCard.QuerySelector("[data-testid=shop-disabled]"));
        Assert.Equal("利用しない", secondCard.QuerySelector("[data-testid=next-run]")!.TextContent.Trim());
        Assert.Null(home.QuerySelector("[data-testid=home-nothing-to-do]"));
    }

    [Fact]
    public async Task HomePage_WithoutShops_PointsToMallSettings()
    {
        var client = await SignedInAsync();

        var home = await GetAsync(client, "/");

        Assert.NotNull(home.QuerySelector("[data-testid=home-no-shop] a[href='/MallSettings']"));
        Assert.Null(home.QuerySelector("[data-testid=home-deadlines]"));
    }

    [Fact]
    public async Task PushFilteredList_BulkMove_ReturnsToTheSameFilteredList()
    {
        var (first, _) = await SeedShopsAsync();
        var client = await SignedInAsync();
        var list = await GetAsync(client, $"/Orders?push=failed&connection={first.Id}");
        var moveButton = list.QuerySelector("button[formaction*='handler=Move']")!;
        var failedId = await _factory.QueryAsync(db => db.Orders.Where(o => o.TikTokOrderId == "9003").Select(o => o.Id).SingleAsync());

        var response = await FormPosting.PostFormAsync(client, moveButton.GetAttribute("formaction")!, new Dictionary<string, string>
        {
            ["Selected"] = failedId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["MoveTo"] = nameof(GoqOrderStatus.OnHold),
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.Contains("push=failed", location, StringComparison.Ordinal);
        Assert.Contains($"connection={first.Id}", location, StringComparison.Ordinal);
    }
}
