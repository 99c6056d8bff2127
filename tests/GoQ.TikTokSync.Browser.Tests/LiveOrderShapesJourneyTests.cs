using GoQ.TikTokSync.Browser.Tests.Infrastructure;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.TikTokShop.Emulator;
using GoQ.TikTokSync.TikTokShop.Emulator.Fulfillment;
using Microsoft.Playwright;

namespace GoQ.TikTokSync.Browser.Tests;

/// <summary>
/// Orders in the shapes a live TikTok Shop sends (combined by TikTok, partly cancelled, a buyer's cancel request, shipped by
/// TikTok, the old flow without ON_HOLD, an address changed after the tracking entry) as the operator meets them:
/// データ取込 → 受注一覧 with its badges → 伝票番号 from the list → データ取込 again → 受注詳細 › 住所変更を確認 → データ書出.
/// </summary>
public sealed class LiveOrderShapesJourneyTests : IAsyncLifetime
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

    private static NewOrderRequest OneLine() => new() { DistinctSkus = 1, UnitsPerSku = 1 };

    private static async Task FetchConfiguredDaysAsync(IPage page)
    {
        await page.GetByTestId("orders-subnav").GetByRole(AriaRole.Link, new() { Name = "データ取込" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "モール詳細の取得日数で取得" }).ClickAsync();
        await BrowserSession.ExpectAddressAsync(page, "/Import/Run/[0-9]+");
        await Assertions.Expect(page.GetByTestId("import-result")).ToContainTextAsync("成功", new() { Timeout = 30_000 });
    }

    /// <summary>The row whose order link is this order (a 同梱 badge names the other order too).</summary>
    private static ILocator Row(IPage page, string tikTokOrderId) =>
        page.GetByTestId("orders-table").Locator("tbody tr", new() { Has = page.GetByRole(AriaRole.Link, new() { Name = tikTokOrderId, Exact = true }) });

    [Fact]
    public async Task Operator_SeesLiveOrderShapesBadged_ConfirmsAnAddressChange_AndExportSaysWhyTikTokShippedOrdersAreLeftOut()
    {
        var baseAddress = _app.StartAndGetBaseAddress();
        await _app.ConnectDemoShopAsync("admin@example.jp");
        await _app.CreateUserAsync(OperatorEmail, AppRoles.Operator);

        // Only the operator's データ取込 brings the changes in: a webhook processed in the background would race the screens.
        _app.Emulator.SetWebhookUrl(null);
        var shop = DemoDefaults.ShopId;
        string[] combined = [_app.Emulator.CreateOrder(shop, OneLine()), _app.Emulator.CreateOrder(shop, OneLine())];
        _app.Emulator.CombineOrders(combined);
        var partlyCancelled = _app.Emulator.CreateOrder(shop, new NewOrderRequest { DistinctSkus = 3, UnitsPerSku = 1 });
        _app.Emulator.CancelLineItem(partlyCancelled);
        var cancelRequested = _app.Emulator.CreateOrder(shop, OneLine());
        Assert.Equal(OrderStatuses.AwaitingShipment, _app.Emulator.CancelOrder(cancelRequested, CancelInitiator.Buyer));
        var tikTokShipped = _app.Emulator.CreateOrder(shop, OneLine() with { ShippingType = "TIKTOK" });
        var oldFlow = _app.Emulator.CreateOrder(shop, OneLine() with { OnHoldFlow = false });
        var addressChanges = _app.Emulator.CreateOrder(shop, OneLine());
        var page = await _browser.NewPageAsync(baseAddress);

        await BrowserSession.SignInAsync(page, OperatorEmail, KestrelAppFactory.Password);
        await page.GotoAsync("/Orders");
        await FetchConfiguredDaysAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "受注一覧へ" }).ClickAsync();
        await Assertions.Expect(Row(page, combined[0]).GetByTestId("combined")).ToHaveTextAsync("同梱: " + combined[1]);
        await Assertions.Expect(Row(page, combined[1]).GetByTestId("combined")).ToHaveTextAsync("同梱: " + combined[0]);
        await Assertions.Expect(Row(page, partlyCancelled).GetByTestId("partly-cancelled")).ToHaveTextAsync("一部キャンセル");
        await Assertions.Expect(Row(page, cancelRequested).GetByTestId("cancel-requested")).ToHaveTextAsync("キャンセル申請中");
        await Assertions.Expect(Row(page, tikTokShipped).GetByTestId("shipped-by-tiktok")).ToHaveTextAsync("TikTok配送");
        await Assertions.Expect(Row(page, addressChanges).GetByTestId("address-changed")).ToHaveCountAsync(0);

        // 伝票番号 typed into the list's rows, as the operator does for a few orders.
        string[] entered = [tikTokShipped, oldFlow, addressChanges];
        for (var i = 0; i < entered.Length; i++)
        {
            await Row(page, entered[i]).Locator("input[name=Selected]").CheckAsync();
            await page.GetByLabel($"{entered[i]} の伝票番号").FillAsync(JapaneseCarriers.MakeTrackingNumber(JapaneseCarriers.Yamato, 14_000_001 + i));
        }

        await page.GetByLabel("一括入力する配送業者").SelectOptionAsync(new SelectOptionValue { Label = "ヤマト運輸" });
        await page.GetByRole(AriaRole.Button, new() { Name = "選択した受注の伝票番号を保存" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("3件の受注に伝票番号を保存しました。");

        _app.Emulator.ChangeRecipientAddress(addressChanges);
        await FetchConfiguredDaysAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "受注一覧へ" }).ClickAsync();
        await Assertions.Expect(Row(page, addressChanges).GetByTestId("address-changed")).ToHaveTextAsync("住所変更");
        await BrowserSession.SaveScreenshotAsync(page, "orders-list-live-shapes");

        await page.GetByTestId("orders-subnav").GetByRole(AriaRole.Link, new() { Name = "データ書出" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "更新", Exact = true }).ClickAsync();
        var excluded = page.GetByTestId("excluded");
        await Assertions.Expect(excluded.Locator("tr", new() { HasText = addressChanges })).ToContainTextAsync("住所変更の確認待ち");
        await excluded.GetByRole(AriaRole.Link, new() { Name = addressChanges }).ClickAsync();

        var warning = page.GetByTestId("address-changed-alert");
        await Assertions.Expect(warning).ToContainTextAsync("お届け先住所が変更されました");
        await BrowserSession.SaveScreenshotAsync(page, "order-detail-address-changed");
        await warning.GetByRole(AriaRole.Button, new() { Name = "住所変更を確認" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("住所変更を確認しました。この注文は自動書き出しの対象に戻ります。");
        await Assertions.Expect(warning).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("order-history").Locator("tr", new() { HasText = "住所変更を確認しました" })).ToContainTextAsync(OperatorEmail);

        await page.GetByTestId("orders-subnav").GetByRole(AriaRole.Link, new() { Name = "データ書出" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "更新", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("candidates")).ToContainTextAsync(addressChanges);
        await Assertions.Expect(page.GetByTestId("candidate-count")).ToHaveTextAsync("1");
        await Assertions.Expect(excluded.Locator("tr", new() { HasText = tikTokShipped }).GetByTestId("exclusion-reason")).ToHaveTextAsync("TikTok配送の注文のため対象外");
        await Assertions.Expect(excluded.Locator("tr", new() { HasText = oldFlow }).GetByTestId("exclusion-reason")).ToContainTextAsync("購入者がキャンセルできる時間内");
        await BrowserSession.SaveScreenshotAsync(page, "export-live-shapes");
    }
}
