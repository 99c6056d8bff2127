using GoQ.TikTokSync.Browser.Tests.Infrastructure;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.TikTokShop.Emulator;
using Microsoft.Playwright;

namespace GoQ.TikTokSync.Browser.Tests;

/// <summary>データ取込 → モール詳細の取得日数で取得 → progress → 受注一覧 → order detail → 自動処理ログ.</summary>
public sealed class ImportJourneyTests : IAsyncLifetime
{
    private const string OperatorEmail = "operator@example.jp";
    private readonly KestrelAppFactory _app = new() { SeedOrders = 80 };
    private BrowserSession _browser = null!;

    public async Task InitializeAsync() => _browser = await BrowserSession.LaunchAsync();

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Operator_FetchesConfiguredDays_SeesOrdersUnderNewOrderAndOpensOne()
    {
        var baseAddress = _app.StartAndGetBaseAddress();
        await _app.ConnectDemoShopAsync("admin@example.jp");
        await _app.CreateUserAsync(OperatorEmail, AppRoles.Operator);
        var expected = _app.Emulator.ListOrders(DemoDefaults.ShopId, OrderStatuses.AwaitingShipment).Count(o => o.CreateTime >= DateTimeOffset.UtcNow.AddDays(-7));
        Assert.True(expected > 0);
        var page = await _browser.NewPageAsync(baseAddress);

        await BrowserSession.SignInAsync(page, OperatorEmail, KestrelAppFactory.Password);
        await page.GetByTestId("main-nav").GetByRole(AriaRole.Link, new() { Name = "受注管理" }).ClickAsync();
        await page.GetByTestId("orders-subnav").GetByRole(AriaRole.Link, new() { Name = "データ取込" }).ClickAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "モール詳細の取得日数で取得" }).ClickAsync();
        await BrowserSession.ExpectAddressAsync(page, "/Import/Run/[0-9]+");
        await Assertions.Expect(page.GetByTestId("import-result")).ToContainTextAsync("成功", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#created")).ToHaveTextAsync(expected.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("#bar")).ToHaveTextAsync("100%");
        await BrowserSession.SaveScreenshotAsync(page, "import-finished");

        await page.GetByRole(AriaRole.Link, new() { Name = "受注一覧へ" }).ClickAsync();
        var tabs = page.GetByTestId("status-tabs");
        await Assertions.Expect(tabs.Locator("a[data-status=NewOrder]")).ToHaveTextAsync($"新規受付{expected}");
        await Assertions.Expect(tabs.Locator("a[data-status=All]")).ToHaveTextAsync($"全て{expected}");
        await tabs.Locator("a[data-status=NewOrder]").ClickAsync();
        await Assertions.Expect(page.GetByTestId("orders-table").Locator("tbody tr")).ToHaveCountAsync(Math.Min(expected, 50));

        await page.GetByTestId("orders-table").Locator("tbody tr a").First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("postal-code")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^〒[0-9]{3}-[0-9]{4}$"));
        await Assertions.Expect(page.GetByTestId("address")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(東京都|北海道|大阪府|京都府|.{2,3}県) "));
        await Assertions.Expect(page.GetByTestId("phone")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^TEL 0[0-9]{1,3}-[0-9]{3,4}-[0-9]{4}$"));
        var lineCount = await page.GetByTestId("order-lines").Locator("tbody tr").CountAsync();
        var quantities = await page.GetByTestId("quantity").AllInnerTextsAsync();
        Assert.Equal(lineCount, quantities.Count);
        Assert.All(quantities, q => Assert.True(int.Parse(q, System.Globalization.CultureInfo.InvariantCulture) >= 1));
        await Assertions.Expect(page.GetByTestId("total")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^¥[0-9]{1,3}(,[0-9]{3})*$"));
        await BrowserSession.SaveScreenshotAsync(page, "order-detail");

        await page.GetByTestId("orders-subnav").GetByRole(AriaRole.Link, new() { Name = "自動処理ログ" }).ClickAsync();
        var firstRow = page.GetByTestId("log-table").Locator("tbody tr").First;
        await Assertions.Expect(firstRow).ToContainTextAsync("手動取得");
        await Assertions.Expect(firstRow).ToContainTextAsync("成功");
        await Assertions.Expect(firstRow).ToContainTextAsync(OperatorEmail);
    }
}
