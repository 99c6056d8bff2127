using System.Net;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.Web.Tests.Infrastructure;
using GoQ.TikTokSync.Web.ViewComponents;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Web.Tests.OperationHistory.Search;

/// <summary>
/// 操作履歴: list, filters, paging, CSV and the order-detail entries, read by an operator (the screen is for everyone)
/// over one seeded history. The tests only read, so they share one app.
/// </summary>
public sealed class OperationHistoryScreenTests(OperationHistoryScreenTests.SeededHistory history) : IClassFixture<OperationHistoryScreenTests.SeededHistory>
{
    public const string FormulaSummary = "=HYPERLINK(\"http://example.invalid\",\"click\")";
    public const long ManyOrdersId = 101;
    public const string ManyOrdersNumber = "576000000000000101";
    public const long BusyOrderId = 500;

    /// <summary>
    /// 205 CSV imports by one operator (paging), four settings saves by the admin around JST midnight of 2026-04-01,
    /// status moves touching orders (one of them seven orders at once, one with a formula-looking summary), and 51
    /// package deletions on one busy order (more than 受注詳細 lists).
    /// </summary>
    public sealed class SeededHistory : IAsyncLifetime
    {
        public static readonly DateTime ImportsStartUtc = new(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc);

        public TikTokSyncWebFactory Factory { get; } = new();

        public HttpClient Operator { get; private set; } = null!;

        public HttpClient Admin { get; private set; } = null!;

        public string AdminId { get; private set; } = null!;

        public string OperatorId { get; private set; } = null!;

        public int TotalRows { get; private set; }

        public async Task InitializeAsync()
        {
            AdminId = (await Factory.CreateUserAsync(TikTokSyncWebFactory.AdminEmail, AppRoles.Admin)).Id;
            OperatorId = (await Factory.CreateUserAsync(TikTokSyncWebFactory.OperatorEmail, AppRoles.Operator)).Id;
            await Factory.WithDbAsync(async db =>
            {
                for (var i = 0; i < 205; i++)
                {
                    db.OperationHistory.Add(Entry(OperatorId, TikTokSyncWebFactory.OperatorEmail, OperationKind.CsvImported, ImportsStartUtc.AddMinutes(i), $"伝票番号取込 {i:D3}"));
                }

                // 2026-04-01 00:00:00 JST is 2026-03-31 15:00:00 UTC.
                db.OperationHistory.Add(Entry(AdminId, TikTokSyncWebFactory.AdminEmail, OperationKind.SettingsSaved, new DateTime(2026, 3, 31, 14, 59, 59, DateTimeKind.Utc), "3/31 最後", "取得日数: 7 → 14\nApp secret: ******** → ********"));
                db.OperationHistory.Add(Entry(AdminId, TikTokSyncWebFactory.AdminEmail, OperationKind.SettingsSaved, new DateTime(2026, 3, 31, 15, 0, 0, DateTimeKind.Utc), "4/1 最初"));
                db.OperationHistory.Add(Entry(AdminId, TikTokSyncWebFactory.AdminEmail, OperationKind.SettingsSaved, new DateTime(2026, 4, 1, 14, 59, 59, DateTimeKind.Utc), "4/1 最後"));
                db.OperationHistory.Add(Entry(AdminId, TikTokSyncWebFactory.AdminEmail, OperationKind.SettingsSaved, new DateTime(2026, 4, 1, 15, 0, 0, DateTimeKind.Utc), "4/2 最初"));

                var many = Entry(OperatorId, TikTokSyncWebFactory.OperatorEmail, OperationKind.StatusMoved, new DateTime(2026, 4, 10, 3, 0, 0, DateTimeKind.Utc), "受注 7件を 新規受付 → 保留 に移動");
                for (var order = 0; order < 7; order++)
                {
                    many.Orders.Add(new OperationHistoryOrder { OrderId = ManyOrdersId + order, OrderNumber = (576000000000000101 + order).ToString(System.Globalization.CultureInfo.InvariantCulture) });
                }

                db.OperationHistory.Add(many);
                var formula = Entry(OperatorId, TikTokSyncWebFactory.OperatorEmail, OperationKind.NoteEdited, new DateTime(2026, 4, 11, 3, 0, 0, DateTimeKind.Utc), FormulaSummary, "-1+1", "/Orders/101");
                formula.Orders.Add(new OperationHistoryOrder { OrderId = ManyOrdersId, OrderNumber = ManyOrdersNumber });
                db.OperationHistory.Add(formula);
                var other = Entry(AdminId, TikTokSyncWebFactory.AdminEmail, OperationKind.ShippingEdited, new DateTime(2026, 4, 12, 3, 0, 0, DateTimeKind.Utc), "別の受注の伝票番号");
                other.Orders.Add(new OperationHistoryOrder { OrderId = 900, OrderNumber = "576000000000000900" });
                db.OperationHistory.Add(other);
                for (var i = 0; i < 51; i++)
                {
                    var deleted = Entry(OperatorId, TikTokSyncWebFactory.OperatorEmail, OperationKind.PackageDeleted, new DateTime(2026, 3, 1, 0, i, 0, DateTimeKind.Utc), $"荷物を削除 {i:D2}");
                    deleted.Orders.Add(new OperationHistoryOrder { OrderId = BusyOrderId, OrderNumber = "576000000000000500" });
                    db.OperationHistory.Add(deleted);
                }

                await db.SaveChangesAsync();
                TotalRows = 205 + 4 + 3 + 51;
            });

            Operator = Factory.CreateBrowserlessClient();
            await FormPosting.SignInAsync(Operator, TikTokSyncWebFactory.OperatorEmail);
            Admin = Factory.CreateBrowserlessClient();
            await FormPosting.SignInAsync(Admin, TikTokSyncWebFactory.AdminEmail);
        }

        public async Task DisposeAsync() => await Factory.DisposeAsync();

        private static OperationHistoryEntry Entry(string userId, string userName, OperationKind kind, DateTime occurredAtUtc, string summary, string? details = null, string? targetUrl = null) => new()
        {
            OccurredAtUtc = occurredAtUtc,
            UserId = userId,
            UserName = userName,
            IpAddress = "192.0.2.10",
            Kind = kind,
            Summary = summary,
            Details = details,
            TargetUrl = targetUrl,
        };
    }

    private sealed record Row(string Time, string User, string Kind, string Summary, string? Details, IReadOnlyList<string> Links, string Target);

    private async Task<IDocument> GetPageAsync(string url, HttpClient? client = null)
    {
        var response = await (client ?? history.Operator).GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    private static List<Row> Rows(IDocument page) =>
        page.QuerySelectorAll("[data-testid=history-row]").Select(row => new Row(
            row.QuerySelector("[data-testid=history-time]")!.TextContent.Trim(),
            row.QuerySelector("[data-testid=history-user]")!.TextContent.Trim(),
            row.QuerySelector("[data-testid=history-kind]")!.TextContent.Trim(),
            row.QuerySelector("[data-testid=history-summary]")!.TextContent.Trim(),
            row.QuerySelector("[data-testid=history-details]")?.TextContent,
            row.QuerySelectorAll("[data-testid=history-target] a").Select(a => a.GetAttribute("href")!).ToList(),
            row.QuerySelector("[data-testid=history-target]")!.TextContent)).ToList();

    private static string Total(IDocument page) => page.QuerySelector("[data-testid=history-total]")!.TextContent.Trim();

    [Fact]
    public async Task List_Operator_SeesEveryRowNewestFirstInJstWithUserKindAndIp()
    {
        var page = await GetPageAsync("/OperationHistory");

        var rows = Rows(page);
        Assert.Equal($"全 {history.TotalRows:N0} 件", Total(page));
        Assert.Equal(100, rows.Count);
        Assert.Equal(("2026/05/01 12:24:00", TikTokSyncWebFactory.OperatorEmail, "CSV取込", "伝票番号取込 204"), (rows[0].Time, rows[0].User, rows[0].Kind, rows[0].Summary));
        Assert.Equal("伝票番号取込 203", rows[1].Summary);
        Assert.Equal(rows.Select(r => r.Time).OrderDescending(StringComparer.Ordinal), rows.Select(r => r.Time));
        Assert.Contains("192.0.2.10", page.QuerySelector("[data-testid=history-row]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filter_User_ShowsOnlyThatUsersRowsAndListsUsersFromTheHistory()
    {
        var page = await GetPageAsync("/OperationHistory?user=" + Uri.EscapeDataString(history.AdminId));

        var rows = Rows(page);
        Assert.Equal(5, rows.Count);
        Assert.All(rows, r => Assert.Equal(TikTokSyncWebFactory.AdminEmail, r.User));
        var options = page.QuerySelectorAll("#user option").Select(o => (o.GetAttribute("value"), o.TextContent.Trim(), o.HasAttribute("selected"))).ToList();
        Assert.Equal([("", "すべて", false), (history.AdminId, TikTokSyncWebFactory.AdminEmail, true), (history.OperatorId, TikTokSyncWebFactory.OperatorEmail, false)], options);
    }

    [Fact]
    public async Task Filter_Kind_ShowsOnlyThatKind()
    {
        var page = await GetPageAsync("/OperationHistory?kind=SettingsSaved");

        Assert.Equal(["4/2 最初", "4/1 最後", "4/1 最初", "3/31 最後"], Rows(page).Select(r => r.Summary));
        Assert.All(Rows(page), r => Assert.Equal("設定の保存", r.Kind));
        Assert.Equal("設定の保存", page.QuerySelector("#kind option[selected]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Filter_OneJstDay_IncludesItsMidnightAndExcludesTheNeighbouringDays()
    {
        var page = await GetPageAsync("/OperationHistory?from=2026-04-01&to=2026-04-01");

        var rows = Rows(page);
        Assert.Equal([("2026/04/01 23:59:59", "4/1 最後"), ("2026/04/01 00:00:00", "4/1 最初")], rows.Select(r => (r.Time, r.Summary)));
    }

    [Fact]
    public async Task Filter_FromOnly_StartsAtJstMidnight()
    {
        var page = await GetPageAsync("/OperationHistory?kind=SettingsSaved&from=2026-04-01");

        Assert.Equal(["4/2 最初", "4/1 最後", "4/1 最初"], Rows(page).Select(r => r.Summary));
    }

    [Fact]
    public async Task Details_KeepTheirLines()
    {
        var page = await GetPageAsync("/OperationHistory?kind=SettingsSaved&to=2026-03-31");

        var row = Assert.Single(Rows(page));
        Assert.Equal("取得日数: 7 → 14\nApp secret: ******** → ********", row.Details);
    }

    [Theory]
    [InlineData("576000000000000101")]
    [InlineData(" ５７６００００００００００００１０１　")]
    public async Task Filter_OrderNumber_FindsTheRowsThatTouchedIt(string typed)
    {
        var page = await GetPageAsync("/OperationHistory?orderNumber=" + Uri.EscapeDataString(typed));

        var rows = Rows(page);
        Assert.Equal([FormulaSummary, "受注 7件を 新規受付 → 保留 に移動"], rows.Select(r => r.Summary));
        Assert.Equal(["/Orders/101"], rows[0].Links);
        Assert.Equal(["/Orders/101", "/Orders/102", "/Orders/103", "/Orders/104", "/Orders/105"], rows[1].Links);
        Assert.Contains("他2件", rows[1].Target, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filter_OrderNumberOfAnotherOrder_DoesNotMatchPartially()
    {
        var page = await GetPageAsync("/OperationHistory?orderNumber=57600000000000010");

        Assert.Equal("全 0 件", Total(page));
        Assert.NotNull(page.QuerySelector("[data-testid=history-empty]"));
    }

    [Fact]
    public async Task Paging_205Rows_MakesThreePagesOfWhichTheLastHasFiveAndLinksKeepTheFilter()
    {
        var first = await GetPageAsync("/OperationHistory?kind=CsvImported");
        var last = await GetPageAsync("/OperationHistory?kind=CsvImported&p=3");

        Assert.Equal("全 205 件", Total(first));
        Assert.Equal("1 / 3 ページ", first.QuerySelector("[data-testid=history-page-info]")!.TextContent.Trim());
        Assert.Equal(100, Rows(first).Count);
        var pageLinks = first.QuerySelectorAll("[data-testid=history-pages] a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/OperationHistory?kind=CsvImported&p=3", pageLinks);
        Assert.Equal(["伝票番号取込 004", "伝票番号取込 003", "伝票番号取込 002", "伝票番号取込 001", "伝票番号取込 000"], Rows(last).Select(r => r.Summary));
        Assert.Equal("3 / 3 ページ", last.QuerySelector("[data-testid=history-page-info]")!.TextContent.Trim());
        Assert.Equal("/OperationHistory?handler=Csv&kind=CsvImported", last.QuerySelector("[data-testid=history-csv]")!.GetAttribute("href"));
    }

    [Theory]
    [InlineData("from=2026-02-30", "開始日は 2026-04-01 のような日付で指定してください。")]
    [InlineData("to=abc", "終了日は 2026-04-01 のような日付で指定してください。")]
    [InlineData("from=2026-04-02&to=2026-04-01", "開始日は終了日と同じか、それより前の日付を指定してください。")]
    public async Task Filter_BadDates_ShowAJapaneseMessageAndNoRows(string query, string message)
    {
        var page = await GetPageAsync("/OperationHistory?" + query);

        Assert.Equal(message, page.QuerySelector("[data-testid=history-errors]")!.TextContent.Trim());
        Assert.Empty(Rows(page));
    }

    [Fact]
    public async Task Csv_BadDate_ShowsThePageWithTheMessageInsteadOfAFile()
    {
        var response = await history.Operator.GetAsync("/OperationHistory?handler=Csv&from=2026-99-01");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("開始日は 2026-04-01 のような日付で指定してください。", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_Filtered_HasBomHeaderAndEveryMatchingRowBeyondOnePageInJst()
    {
        var response = await history.Operator.GetAsync("/OperationHistory?handler=Csv&kind=CsvImported");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var fileName = response.Content.Headers.ContentDisposition?.FileNameStar;
        Assert.Matches(@"^操作履歴_\d{14}\.csv$", fileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.Equal("\"日時(JST)\",\"ユーザー\",\"種別\",\"内容\",\"詳細\",\"受注番号\",\"対象URL\",\"IPアドレス\"", lines[0]);
        Assert.Equal(205 + 2, lines.Length);
        Assert.Equal("\"2026/05/01 12:24:00\",\"operator@example.jp\",\"CSV取込\",\"伝票番号取込 204\",\"\",\"\",\"\",\"192.0.2.10\"", lines[1]);
        Assert.StartsWith("\"2026/05/01 09:00:00\",", lines[205], StringComparison.Ordinal);
        Assert.Equal(string.Empty, lines[^1]);
    }

    [Fact]
    public async Task Csv_FormulaLookingCells_AreDefusedAndOrderNumbersSpaceSeparated()
    {
        var response = await history.Operator.GetAsync("/OperationHistory?handler=Csv&orderNumber=576000000000000101");

        var text = Encoding.UTF8.GetString((await response.Content.ReadAsByteArrayAsync())[3..]);
        var lines = text.Split("\r\n");
        Assert.Equal(4, lines.Length);
        Assert.Equal("\"2026/04/11 12:00:00\",\"operator@example.jp\",\"備考の編集\",\"'=HYPERLINK(\"\"http://example.invalid\"\",\"\"click\"\")\",\"'-1+1\",\"576000000000000101\",\"/Orders/101\",\"192.0.2.10\"", lines[1]);
        var numbers = lines[2].Split("\",\"")[5].Split(' ').Order(StringComparer.Ordinal);
        Assert.Equal(Enumerable.Range(101, 7).Select(n => "576000000000000" + n.ToString(System.Globalization.CultureInfo.InvariantCulture)), numbers);
    }

    /// <summary>
    /// The component is exercised through its loader (受注詳細 gains the component call from another change); its
    /// "すべて表示" link is the order-number filter checked above.
    /// </summary>
    [Fact]
    public async Task OrderComponent_ListsOnlyThatOrdersEntriesNewestFirstWithALinkToAll()
    {
        using var scope = history.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TikTokSyncDbContext>();

        var touched = await OrderOperationHistoryViewComponent.LoadAsync(db, ManyOrdersId, CancellationToken.None);
        var untouched = await OrderOperationHistoryViewComponent.LoadAsync(db, 999_999, CancellationToken.None);

        Assert.Equal([FormulaSummary, "受注 7件を 新規受付 → 保留 に移動"], touched.Entries.Select(e => e.Summary));
        Assert.False(touched.HasMore);
        Assert.Equal("/OperationHistory?orderNumber=576000000000000101", touched.AllUrl);
        Assert.Empty(untouched.Entries);
        Assert.Null(untouched.AllUrl);
    }

    /// <summary>Renders the component as 受注詳細 would (a page's view lookup), without depending on that page.</summary>
    private async Task<IDocument> RenderOrderComponentAsync(long orderId)
    {
        using var scope = history.Factory.Services.CreateScope();
        var httpContext = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        using var body = new MemoryStream();
        httpContext.Response.Body = body;
        var routeData = new RouteData();
        routeData.Values["page"] = "/Orders/Detail";
        var actionContext = new ActionContext(httpContext, routeData, new PageActionDescriptor { ViewEnginePath = "/Orders/Detail", RelativePath = "/Pages/Orders/Detail.cshtml" });
        await new ViewComponentResult { ViewComponentName = "OrderOperationHistory", Arguments = new { orderId } }.ExecuteResultAsync(actionContext);
        return new HtmlParser().ParseDocument(Encoding.UTF8.GetString(body.ToArray()));
    }

    [Fact]
    public async Task OrderComponent_Rendered_ShowsTheOrdersRowsInJstAndTheAllLink()
    {
        var touched = await RenderOrderComponentAsync(ManyOrdersId);
        var untouched = await RenderOrderComponentAsync(999_999);

        var rows = touched.QuerySelectorAll("[data-testid=order-history-row]").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList()).ToList();
        Assert.Equal([["2026/04/11 12:00:00", TikTokSyncWebFactory.OperatorEmail, "備考の編集", FormulaSummary], ["2026/04/10 12:00:00", TikTokSyncWebFactory.OperatorEmail, "ステータス移動", "受注 7件を 新規受付 → 保留 に移動"]], rows);
        var all = touched.QuerySelector("[data-testid=order-history-all]")!;
        Assert.Equal(("すべて表示", "/OperationHistory?orderNumber=576000000000000101"), (all.TextContent.Trim(), all.GetAttribute("href")));
        Assert.Equal("操作履歴はありません。", untouched.QuerySelector("[data-testid=order-history-empty]")!.TextContent.Trim());
        Assert.Empty(untouched.QuerySelectorAll("[data-testid=order-history-row]"));
    }

    [Fact]
    public async Task OrderComponent_BusyOrder_ListsTheLatest50AndSaysThereAreMore()
    {
        using (var scope = history.Factory.Services.CreateScope())
        {
            var busy = await OrderOperationHistoryViewComponent.LoadAsync(scope.ServiceProvider.GetRequiredService<TikTokSyncDbContext>(), BusyOrderId, CancellationToken.None);
            Assert.Equal(50, busy.Entries.Count);
            Assert.True(busy.HasMore);
            Assert.Equal(("荷物を削除 50", "荷物を削除 01"), (busy.Entries[0].Summary, busy.Entries[^1].Summary));
        }

        var rendered = await RenderOrderComponentAsync(BusyOrderId);
        Assert.Equal(50, rendered.QuerySelectorAll("[data-testid=order-history-row]").Length);
        Assert.Contains("最新50件を表示しています。", rendered.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SettingsMenu_Operator_ShowsTheReadableEntriesOnlyAndThePasswordLink()
    {
        var page = await GetPageAsync("/OperationHistory");

        var menu = page.QuerySelectorAll("[data-testid=settings-menu] a").Select(a => (a.TextContent.Trim(), a.GetAttribute("href"), a.ClassList.Contains("active"))).ToList();
        Assert.Equal([("モール設定", "/MallSettings", false), ("操作履歴", "/OperationHistory", true)], menu);
        Assert.Equal("/Account/ChangePassword", page.QuerySelector("[data-testid=change-password-link]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task SettingsMenu_AdminOnMallSettings_ShowsAllFourWithMallSettingsActive()
    {
        var page = await GetPageAsync("/MallSettings", history.Admin);

        var menu = page.QuerySelectorAll("[data-testid=settings-menu] a").Select(a => (a.TextContent.Trim(), a.GetAttribute("href"), a.ClassList.Contains("active"))).ToList();
        Assert.Equal([("モール設定", "/MallSettings", true), ("ユーザー管理", "/Users", false), ("操作履歴", "/OperationHistory", false), ("保存期間", "/Settings/Retention", false)], menu);
    }

    [Fact]
    public async Task SettingsMenu_OrdersPages_AreNotPartOfIt()
    {
        var page = await GetPageAsync("/Orders");

        Assert.Null(page.QuerySelector("[data-testid=settings-menu]"));
    }
}
