using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.ProcessingLog;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.TikTokShop.Models;
using GoQ.TikTokSync.Web.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace GoQ.TikTokSync.Web.Tests.Orders;

/// <summary>発送期限 in 受注一覧 (column, 期限が近い filter) and on the home page, and TikTok statuses in Japanese.</summary>
public sealed class ShipDeadlineTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly TikTokSyncWebFactory _factory;

    public ShipDeadlineTests() => _factory = new TikTokSyncWebFactory { Time = _time };

    public async Task InitializeAsync() => await _factory.CreateUserAsync(TikTokSyncWebFactory.OperatorEmail, AppRoles.Operator);

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private DateTime HoursFromNow(double hours) => _time.GetUtcNow().UtcDateTime.AddHours(hours);

    private sealed record Seed(
        string Id,
        DateTime? ShipByUtc,
        GoqOrderStatus Status = GoqOrderStatus.NewOrder,
        TikTokOrderStatus? TikTokStatus = null,
        ShipmentPushState Push = ShipmentPushState.NotReady,
        string Shop = "TikTok Shop 1号店");

    private async Task<Dictionary<string, int>> SeedAsync(params Seed[] orders)
    {
        var shops = new Dictionary<string, MallConnection>(StringComparer.Ordinal);
        await _factory.WithDbAsync(async db =>
        {
            foreach (var seed in orders)
            {
                if (!shops.TryGetValue(seed.Shop, out var shop))
                {
                    shop = new MallConnection { DisplayName = seed.Shop, DisplayOrder = shops.Count };
                    db.MallConnections.Add(shop);
                    await db.SaveChangesAsync();
                    shops[seed.Shop] = shop;
                }

                var orderedAt = _time.GetUtcNow().UtcDateTime.AddDays(-2);
                db.Orders.Add(new Order
                {
                    MallConnectionId = shop.Id,
                    TikTokOrderId = seed.Id,
                    TikTokStatus = seed.TikTokStatus ?? TikTokOrderStatus.AwaitingShipment,
                    GoqStatus = seed.Status,
                    ShipmentPushState = seed.Push,
                    ShipByUtc = seed.ShipByUtc,
                    OrderedAtUtc = orderedAt,
                    TikTokUpdatedAtUtc = orderedAt,
                    RecipientName = "山田 太郎",
                    TotalAmount = 1000m,
                });
            }

            await db.SaveChangesAsync();
        });
        return shops.ToDictionary(s => s.Key, s => s.Value.Id, StringComparer.Ordinal);
    }

    private async Task<IHtmlDocument> GetAsync(string url)
    {
        var client = _factory.CreateBrowserlessClient();
        await FormPosting.SignInAsync(client, TikTokSyncWebFactory.OperatorEmail);
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    private static int Column(IHtmlDocument page, string header) =>
        page.QuerySelectorAll("[data-testid=orders-table] thead th").Select(th => th.TextContent.Trim()).ToList().IndexOf(header);

    private static Dictionary<string, AngleSharp.Dom.IElement> CellsByOrder(IHtmlDocument page, string header)
    {
        var column = Column(page, header);
        Assert.True(column >= 0, header + " column is missing");
        return page.QuerySelectorAll("[data-testid=orders-table] tbody tr")
            .ToDictionary(r => r.QuerySelector("a[href^='/Orders/']")!.TextContent.Trim(), r => r.Children[column], StringComparer.Ordinal);
    }

    private static string[] ListedOrders(IHtmlDocument page) =>
        [.. page.QuerySelectorAll("[data-testid=orders-table] tbody tr a[href^='/Orders/']").Select(a => a.TextContent.Trim())];

    [Fact]
    public async Task OrdersList_ShowsShipByInJst_AmberUnderADayLeft_RedPast_PlainWhenShippedOrFar()
    {
        await SeedAsync(
            new("5001", HoursFromNow(-2)),
            new("5002", HoursFromNow(5)),
            new("5003", HoursFromNow(48)),
            new("5004", HoursFromNow(-2), Status: GoqOrderStatus.Processed),
            new("5005", HoursFromNow(-2), Push: ShipmentPushState.Pushed),
            new("5006", new DateTime(2030, 12, 5, 9, 0, 0, DateTimeKind.Utc)),
            new("5007", null));

        var cells = CellsByOrder(await GetAsync("/Orders"), "発送期限");

        Assert.Contains("ship-by-past", cells["5001"].ClassList);
        Assert.Contains("ship-by-near", cells["5002"].ClassList);
        foreach (var plain in new[] { "5003", "5004", "5005", "5006", "5007" })
        {
            Assert.DoesNotContain(cells[plain].ClassList, c => c is "ship-by-past" or "ship-by-near");
        }

        // 09:00 UTC is 18:00 in Japan.
        Assert.Equal("12/05 18:00", cells["5006"].TextContent.Trim());
        Assert.Equal(string.Empty, cells["5007"].TextContent.Trim());
    }

    [Fact]
    public async Task DeadlineFilter_ListsExactlyThePastAndNearOrdersNotYetShipped_MostUrgentFirst()
    {
        await SeedAsync(
            new("6001", HoursFromNow(5)),
            new("6002", HoursFromNow(-30), Status: GoqOrderStatus.OnHold),
            new("6003", HoursFromNow(24)),
            new("6004", HoursFromNow(-2), Status: GoqOrderStatus.Cancelled),
            new("6005", HoursFromNow(-2), Push: ShipmentPushState.Pushed),
            new("6006", HoursFromNow(-2), TikTokStatus: TikTokOrderStatus.InTransit),
            new("6007", HoursFromNow(1), Status: GoqOrderStatus.AwaitingShipment, Push: ShipmentPushState.Failed),
            new("6008", null));

        var page = await GetAsync("/Orders?deadline=soon");

        Assert.Equal(["6002", "6007", "6001"], ListedOrders(page));
        Assert.Contains("active", page.QuerySelector("[data-testid=deadline-filter]")!.ClassList);
    }

    [Fact]
    public async Task OrdersList_OffersTheDeadlineFilter()
    {
        await SeedAsync(new Seed("6101", HoursFromNow(5)));

        var link = (IHtmlAnchorElement)(await GetAsync("/Orders")).QuerySelector("[data-testid=deadline-filter]")!;

        Assert.Equal("期限が近い", link.TextContent.Trim());
        Assert.Equal("/Orders?deadline=soon", link.GetAttribute("href"));
    }

    [Fact]
    public async Task HomePage_CountsPastAndNearOrdersPerShop_EachLinkingToThatShopsFilteredList()
    {
        var shops = await SeedAsync(
            new("7001", HoursFromNow(-1), Shop: "1号店"),
            new("7002", HoursFromNow(-3), Shop: "1号店"),
            new("7003", HoursFromNow(3), Shop: "1号店"),
            new("7004", HoursFromNow(-1), Status: GoqOrderStatus.Processed, Shop: "1号店"),
            new("7005", HoursFromNow(10), Shop: "2号店"),
            new("7006", HoursFromNow(50), Shop: "2号店"));

        var home = await GetAsync("/");

        IHtmlAnchorElement Link(string shop, string kind) =>
            (IHtmlAnchorElement)home.QuerySelector($"[data-testid=home-deadlines] tr[data-connection='{shops[shop]}'] a[data-deadline={kind}]")!;
        Assert.Equal("2 件", Link("1号店", "past").TextContent.Trim());
        Assert.Equal("1 件", Link("1号店", "near").TextContent.Trim());
        Assert.Equal("0 件", Link("2号店", "past").TextContent.Trim());
        Assert.Equal("1 件", Link("2号店", "near").TextContent.Trim());
        Assert.Equal($"/Orders?deadline=past&connection={shops["1号店"]}", Link("1号店", "past").GetAttribute("href"));

        var past = await GetAsync(Link("1号店", "past").GetAttribute("href")!);
        Assert.Equal(["7002", "7001"], ListedOrders(past));
        var near = await GetAsync(Link("2号店", "near").GetAttribute("href")!);
        Assert.Equal(["7005"], ListedOrders(near));
    }

    [Fact]
    public async Task OrdersList_ShowsTikTokStatusInJapanese_WithTikToksCodeAsTooltip()
    {
        await SeedAsync(
            new("8001", null),
            new("8002", null, TikTokStatus: TikTokOrderStatus.InTransit));

        var cells = CellsByOrder(await GetAsync("/Orders"), "TikTokステータス");

        Assert.Equal("発送待ち", cells["8001"].TextContent.Trim());
        Assert.Equal("AWAITING_SHIPMENT", cells["8001"].GetAttribute("title"));
        Assert.Equal("配送中", cells["8002"].TextContent.Trim());
        Assert.Equal("IN_TRANSIT", cells["8002"].GetAttribute("title"));
    }

    [Fact]
    public async Task ProcessingLogDetail_EntryWrittenWithTikToksCodes_ShowsThemInJapanese()
    {
        long entryId = 0;
        await _factory.WithDbAsync(async db =>
        {
            var entry = new ProcessingLogEntry
            {
                Kind = ProcessingKind.ManualFetch,
                StartedAtUtc = _time.GetUtcNow().UtcDateTime,
                Items =
                [
                    new() { TikTokOrderId = "8101", Outcome = ProcessingItemOutcome.Updated, Message = "TikTokステータス: AWAITING_SHIPMENT → IN_TRANSIT" },
                    new() { TikTokOrderId = "8102", Outcome = ProcessingItemOutcome.Created, Message = "UNPAID" },
                ],
            };
            db.ProcessingLogEntries.Add(entry);
            await db.SaveChangesAsync();
            entryId = entry.Id;
        });

        var page = await GetAsync($"/ProcessingLog/{entryId}");

        var messages = page.QuerySelectorAll("[data-testid=log-items] tbody tr").Select(r => r.Children[2].TextContent.Trim()).ToList();
        Assert.Equal(["TikTokステータス: 発送待ち → 配送中", "未払い"], messages);
    }
}
