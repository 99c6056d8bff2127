using GoQ.TikTokSync.Browser.Tests.Infrastructure;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.TikTokShop.Models;
using Microsoft.Playwright;

namespace GoQ.TikTokSync.Browser.Tests;

public sealed class SignInJourneyTests : IAsyncLifetime
{
    private readonly KestrelAppFactory _app = new();
    private BrowserSession _browser = null!;

    public async Task InitializeAsync() => _browser = await BrowserSession.LaunchAsync();

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Operator_SignsIn_SeesJapaneseNavigationAndStatusTabsWithCounts()
    {
        var baseAddress = _app.StartAndGetBaseAddress();
        await _app.CreateUserAsync("operator@example.jp", AppRoles.Operator);
        await _app.WithDbAsync(async db =>
        {
            var connection = new MallConnection { DisplayName = "TikTok Shop 1号店" };
            db.MallConnections.Add(connection);
            await db.SaveChangesAsync();
            foreach (var (id, status) in new[] { ("9001", GoqOrderStatus.NewOrder), ("9002", GoqOrderStatus.NewOrder), ("9003", GoqOrderStatus.Cancelled) })
            {
                db.Orders.Add(new Order
                {
                    MallConnectionId = connection.Id,
                    TikTokOrderId = id,
                    TikTokStatus = TikTokOrderStatus.AwaitingShipment,
                    GoqStatus = status,
                    OrderedAtUtc = DateTime.UtcNow,
                    TikTokUpdatedAtUtc = DateTime.UtcNow,
                    RecipientName = "佐藤 花子",
                });
            }

            await db.SaveChangesAsync();
        });
        var page = await _browser.NewPageAsync(baseAddress);

        await page.GotoAsync("/Orders");
        Assert.Contains("/Account/Login", page.Url, StringComparison.Ordinal);
        await BrowserSession.ExpectStyledAsync(page);
        await BrowserSession.SaveScreenshotAsync(page, "login");
        await page.GetByLabel("メールアドレス").FillAsync("operator@example.jp");
        await page.GetByLabel("パスワード").FillAsync(KestrelAppFactory.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "ログイン" }).ClickAsync();
        await BrowserSession.ExpectAddressAsync(page, "/Orders$");

        // The stylesheet really loads (an unstyled page would still pass every text check below).
        await Assertions.Expect(page.Locator("nav.navbar")).ToHaveCSSAsync("background-color", "rgb(33, 37, 41)");
        var mainNav = page.GetByTestId("main-nav");
        await Assertions.Expect(mainNav.GetByRole(AriaRole.Link, new() { Name = "ホーム" })).ToBeVisibleAsync();
        await Assertions.Expect(mainNav.GetByRole(AriaRole.Link, new() { Name = "受注管理" })).ToBeVisibleAsync();
        var subNav = page.GetByTestId("orders-subnav");
        foreach (var item in new[] { "自動処理ログ", "受注一覧", "データ取込", "データ書出", "各種設定" })
        {
            await Assertions.Expect(subNav.GetByText(item, new() { Exact = true })).ToBeVisibleAsync();
        }

        var tabs = page.GetByTestId("status-tabs");
        await Assertions.Expect(tabs.Locator("a[data-status=NewOrder]")).ToHaveTextAsync("新規受付2");
        await Assertions.Expect(tabs.Locator("a[data-status=Cancelled]")).ToHaveTextAsync("キャンセル1");
        await Assertions.Expect(tabs.Locator("a[data-status=All]")).ToHaveTextAsync("全て3");
        Assert.Equal(
            ["新規受付2", "発送前入金待ち0", "発送待ち0", "発送後入金待ち0", "処理済0", "保留0", "キャンセル1", "全て3"],
            (await tabs.Locator("a").AllInnerTextsAsync()).Select(t => t.Replace(" ", string.Empty, StringComparison.Ordinal).Trim()));

        await tabs.Locator("a[data-status=NewOrder]").ClickAsync();
        await Assertions.Expect(page.GetByTestId("orders-table").Locator("tbody tr")).ToHaveCountAsync(2);

        var screenshot = await BrowserSession.SaveScreenshotAsync(page, "orders-list-after-sign-in");
        Assert.True(new FileInfo(screenshot).Length > 0);
    }

    [Fact]
    public async Task FirstRun_NewInstall_CreatesAdminThroughSetupPageAndLandsOnHome()
    {
        var baseAddress = _app.StartAndGetBaseAddress();
        var page = await _browser.NewPageAsync(baseAddress);

        await page.GotoAsync("/");
        Assert.EndsWith("/Setup", page.Url, StringComparison.Ordinal);
        await BrowserSession.ExpectStyledAsync(page);
        await BrowserSession.SaveScreenshotAsync(page, "first-run-setup");
        await page.GetByLabel("セットアップコード").FillAsync(KestrelAppFactory.SetupCode);
        await page.GetByLabel("表示名").FillAsync("店長");
        await page.GetByLabel("メールアドレス (ログインID)").FillAsync("owner@example.jp");
        await page.GetByLabel("パスワード", new() { Exact = true }).FillAsync("Owner-Passw0rd!");
        await page.GetByLabel("パスワード (確認)").FillAsync("Owner-Passw0rd!");
        await page.GetByRole(AriaRole.Button, new() { Name = "管理者を登録" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "ホーム" })).ToBeVisibleAsync();
        await BrowserSession.SaveScreenshotAsync(page, "first-run-home");
        var again = await page.GotoAsync("/Setup");
        Assert.Equal(404, again!.Status);
    }
}
