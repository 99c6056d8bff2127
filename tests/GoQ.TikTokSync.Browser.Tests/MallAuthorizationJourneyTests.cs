using GoQ.TikTokSync.Browser.Tests.Infrastructure;
using GoQ.TikTokSync.Core.Users;
using Microsoft.Playwright;

namespace GoQ.TikTokSync.Browser.Tests;

/// <summary>The operator manual's steps 1–10: connect a TikTok Shop through the consent pages of the bundled emulator.</summary>
public sealed class MallAuthorizationJourneyTests : IAsyncLifetime
{
    private const string AdminEmail = "admin@example.jp";
    private readonly KestrelAppFactory _app = new();
    private BrowserSession _browser = null!;

    public async Task InitializeAsync() => _browser = await BrowserSession.LaunchAsync();

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Admin_FollowsManualSteps1To10_ConnectionShowsAuthorizedWithExpiryAndChosenShop()
    {
        var baseAddress = _app.StartAndGetBaseAddress();
        await _app.CreateUserAsync(AdminEmail, AppRoles.Admin);
        var page = await _browser.NewPageAsync(baseAddress);
        await BrowserSession.SignInAsync(page, AdminEmail, KestrelAppFactory.Password);

        // Before the steps: a TikTok Shop connection exists (各種設定 › モール選択).
        await page.GetByTestId("main-nav").GetByRole(AriaRole.Link, new() { Name = "受注管理" }).ClickAsync();
        await page.GetByTestId("orders-subnav").GetByRole(AriaRole.Link, new() { Name = "各種設定" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "TikTok Shop を追加" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("mall-table").Locator("tbody tr")).ToHaveCountAsync(1);
        await BrowserSession.SaveScreenshotAsync(page, "mall-selection");

        // 【2】モール詳細設定 【3】TikTok Shop
        await page.GetByTestId("settings-nav").GetByRole(AriaRole.Link, new() { Name = "モール詳細設定" }).ClickAsync();
        await page.GetByTestId("connection-list").GetByRole(AriaRole.Link).First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("auth-status")).ToContainTextAsync("未認証");
        await BrowserSession.SaveScreenshotAsync(page, "mall-details-before-authorization");

        // 【4】認証 → 【5】TikTok Shop にログインし、確認してインストール、無期限
        await page.GetByRole(AriaRole.Button, new() { Name = "認証", Exact = true }).ClickAsync();
        await page.GetByLabel("ログインID").FillAsync(GoQ.TikTokSync.TikTokShop.Emulator.DemoDefaults.SellerLoginId);
        await page.GetByLabel("パスワード").FillAsync(GoQ.TikTokSync.TikTokShop.Emulator.DemoDefaults.SellerPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "ログイン" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "確認してインストール" }).ClickAsync();
        await page.GetByLabel("無期限").CheckAsync();

        // 【6】チェックボックス 【7】承認
        await page.Locator("#agree").CheckAsync();
        await BrowserSession.SaveScreenshotAsync(page, "emulator-consent");
        await page.GetByRole(AriaRole.Button, new() { Name = "承認" }).ClickAsync();

        // Back on the connection's own page.
        await BrowserSession.ExpectAddressAsync(page, "/MallSettings/Details/[0-9]+$");
        await Assertions.Expect(page.GetByTestId("auth-status")).ToContainTextAsync("認証済");

        // 【8】ショップ変更
        await page.GetByRole(AriaRole.Link, new() { Name = "ショップ変更" }).ClickAsync();
        await BrowserSession.SaveScreenshotAsync(page, "shop-change");
        await page.GetByTestId("shop-list").GetByRole(AriaRole.Button, new() { Name = "このショップを選択" }).First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("selected-shop")).ToContainTextAsync(GoQ.TikTokSync.TikTokShop.Emulator.DemoDefaults.ShopName);

        // 【9】TikTok Shop 取得ステータス 【10】設定を保存して次へ進む → データ取込
        await page.GetByLabel("TikTok Shop 取得ステータス").SelectOptionAsync("AWAITING_SHIPMENT");
        await page.GetByRole(AriaRole.Button, new() { Name = "設定を保存して次へ進む" }).ClickAsync();
        await BrowserSession.ExpectAddressAsync(page, "/Import\\?connection=[0-9]+");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "データ取込" })).ToBeVisibleAsync();
        await BrowserSession.SaveScreenshotAsync(page, "import-page");

        await page.GoBackAsync();
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("auth-status")).ToContainTextAsync("認証済");
        await Assertions.Expect(page.GetByTestId("auth-expiry")).ToContainTextAsync(DateTime.UtcNow.AddHours(9).AddDays(7).ToString("yyyy/MM/dd", System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.GetByTestId("selected-shop")).ToContainTextAsync(GoQ.TikTokSync.TikTokShop.Emulator.DemoDefaults.ShopName);
        await BrowserSession.SaveScreenshotAsync(page, "mall-details-authorized");
    }
}
