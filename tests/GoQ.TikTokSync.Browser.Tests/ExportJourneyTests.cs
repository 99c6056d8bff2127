using GoQ.TikTokSync.Browser.Tests.Infrastructure;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.TikTokShop.Emulator;
using GoQ.TikTokSync.TikTokShop.Emulator.Fulfillment;
using Microsoft.Playwright;

namespace GoQ.TikTokSync.Browser.Tests;

/// <summary>受注詳細 で伝票番号を入力 → データ書出 › 更新 → 発送情報を更新 → 自動処理ログ 成功 → TikTok shows the parcel.</summary>
public sealed class ExportJourneyTests : IAsyncLifetime
{
    private const string OperatorEmail = "operator@example.jp";
    private readonly KestrelAppFactory _app = new() { SeedOrders = 0 };
    private BrowserSession _browser = null!;

    public async Task InitializeAsync() => _browser = await BrowserSession.LaunchAsync();

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Operator_EntersTracking_PushesFromExport_AndTikTokShowsTheOrderShipped()
    {
        var baseAddress = _app.StartAndGetBaseAddress();
        // An administrator connected the shop and one order was fetched earlier (their journeys have their own tests).
        var (orderId, tikTokOrderId) = (await _app.ConnectDemoShopWithOrdersAsync("admin@example.jp", new NewOrderRequest { DistinctSkus = 1, UnitsPerSku = 1 }))[0];
        await _app.CreateUserAsync(OperatorEmail, AppRoles.Operator);
        var tracking = JapaneseCarriers.MakeTrackingNumber(JapaneseCarriers.Yamato, 31_415_926);
        var page = await _browser.NewPageAsync(baseAddress);

        await BrowserSession.SignInAsync(page, OperatorEmail, KestrelAppFactory.Password);
        await page.GotoAsync($"/Orders/{orderId}");
        await page.GetByTestId("shipping-form").GetByLabel("配送業者").SelectOptionAsync(new SelectOptionValue { Label = "ヤマト運輸" });
        await page.GetByTestId("shipping-form").GetByLabel("伝票番号").FillAsync(tracking[..4] + "-" + tracking[4..8] + "-" + tracking[8..]);
        await page.GetByRole(AriaRole.Button, new() { Name = "発送情報を保存" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("発送情報を保存しました。");
        await Assertions.Expect(page.GetByTestId("package-state")).ToHaveTextAsync("未送信");

        await page.GetByTestId("orders-subnav").GetByRole(AriaRole.Link, new() { Name = "データ書出" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "更新", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("candidate-count")).ToHaveTextAsync("1");
        await Assertions.Expect(page.GetByTestId("candidate-tracking")).ToHaveTextAsync(tracking);
        await BrowserSession.SaveScreenshotAsync(page, "export-candidates");

        await page.GetByRole(AriaRole.Button, new() { Name = "発送情報を更新" }).ClickAsync();
        await BrowserSession.ExpectAddressAsync(page, "/Export/Run/[0-9]+");
        await Assertions.Expect(page.GetByTestId("export-result")).ToContainTextAsync("成功", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#pushed")).ToHaveTextAsync("1");
        await BrowserSession.SaveScreenshotAsync(page, "export-finished");

        await page.GetByRole(AriaRole.Link, new() { Name = "自動処理ログで詳細を見る" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("log-result")).ToHaveTextAsync("成功");
        await Assertions.Expect(page.GetByTestId("log-items")).ToContainTextAsync(tikTokOrderId);
        var shipped = _app.Emulator.GetShipping(tikTokOrderId)!;
        Assert.Equal(OrderStatuses.AwaitingCollection, shipped.Status);
        Assert.Equal(tracking, shipped.TrackingNumber);
        Assert.Equal(1, shipped.ShipCallCount);
    }
}
