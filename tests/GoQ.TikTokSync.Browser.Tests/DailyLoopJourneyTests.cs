using System.Globalization;
using System.Text;
using GoQ.TikTokSync.Browser.Tests.Infrastructure;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.TikTokShop.Emulator;
using GoQ.TikTokSync.TikTokShop.Emulator.Fulfillment;
using Microsoft.Playwright;

namespace GoQ.TikTokSync.Browser.Tests;

/// <summary>
/// The operator's day with the carrier's own software: ホーム → 受注一覧 → 送り状CSV出力 (B2クラウド) → the slips are issued
/// in B2 → its 発行済データ goes through 伝票番号取込 → データ書出 → 発送情報を更新 → TikTok has every parcel shipped.
/// </summary>
public sealed class DailyLoopJourneyTests : IAsyncLifetime
{
    private const string OperatorEmail = "operator@example.jp";
    private readonly KestrelAppFactory _app = new() { SeedOrders = 0 };
    private readonly string _resultFile = Path.Combine(Path.GetTempPath(), $"b2-hakkozumi-{Guid.NewGuid():N}.csv");
    private BrowserSession _browser = null!;

    static DailyLoopJourneyTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public async Task InitializeAsync() => _browser = await BrowserSession.LaunchAsync();

    public async Task DisposeAsync()
    {
        File.Delete(_resultFile);
        await _browser.DisposeAsync();
        await _app.DisposeAsync();
    }

    /// <summary>What B2クラウド gives back after printing: each slip's お客様管理番号 with the tracking number it issued.</summary>
    private static string B2IssuedSlips(IReadOnlyList<string> managementNumbers, IReadOnlyList<string> tracking, string shipDate) =>
        "お客様管理番号,送り状種類,伝票番号,出荷予定日,お届け先名\r\n"
        + string.Concat(managementNumbers.Select((number, i) => $"{number},0,{tracking[i]},{shipDate},お届け先\r\n"));

    [Fact]
    public async Task Operator_ExportsSlipsForB2_LoadsTheIssuedNumbers_PushesThem_AndTikTokHasEveryParcelShipped()
    {
        var baseAddress = _app.StartAndGetBaseAddress();
        // An administrator connected the shop and two orders were fetched (those journeys have their own tests).
        var tikTokOrderIds = (await _app.ConnectDemoShopWithOrdersAsync(
                "admin@example.jp", new NewOrderRequest { DistinctSkus = 1, UnitsPerSku = 1 }, new NewOrderRequest { DistinctSkus = 2, UnitsPerSku = 1 }))
            .Select(o => o.TikTokOrderId).ToArray();
        await _app.CreateUserAsync(OperatorEmail, AppRoles.Operator);
        var page = await _browser.NewPageAsync(baseAddress);

        await BrowserSession.SignInAsync(page, OperatorEmail, KestrelAppFactory.Password);
        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByTestId("home-deadlines")).ToContainTextAsync("TikTok Shop 1号店");
        await BrowserSession.SaveScreenshotAsync(page, "home");

        await page.GotoAsync("/Orders?status=NewOrder");
        foreach (var id in tikTokOrderIds)
        {
            await page.GetByTestId("orders-table").Locator("tr", new() { HasText = id }).Locator("input[name=Selected]").CheckAsync();
        }

        await page.GetByLabel("送り状CSVの形式").SelectOptionAsync(new SelectOptionValue { Label = "ヤマト B2クラウド" });
        await BrowserSession.SaveScreenshotAsync(page, "orders-list");
        await page.GetByTestId("export-waybill").ClickAsync();
        await BrowserSession.ExpectAddressAsync(page, "/Orders/Waybill");
        await Assertions.Expect(page.GetByTestId("waybill-download")).ToContainTextAsync("2 件");
        await page.GetByLabel("出力後のステータス").SelectOptionAsync(new SelectOptionValue { Label = "発送待ち に移動" });
        await BrowserSession.SaveScreenshotAsync(page, "waybill-confirm");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("waybill-download").ClickAsync());
        await using var stream = await download.CreateReadStreamAsync();
        using var reader = new StreamReader(stream, Encoding.GetEncoding(932));
        var slips = (await reader.ReadToEndAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(line => line.Split(',')[0].Trim('"'))
            .ToList();
        Assert.Equal(tikTokOrderIds.Order(StringComparer.Ordinal), slips.Order(StringComparer.Ordinal));

        string[] tracking = [JapaneseCarriers.MakeTrackingNumber(JapaneseCarriers.Yamato, 27_182_818), JapaneseCarriers.MakeTrackingNumber(JapaneseCarriers.Yamato, 27_182_819)];
        var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo")).ToString("yyyy/MM/dd", CultureInfo.InvariantCulture);
        await File.WriteAllBytesAsync(_resultFile, Encoding.GetEncoding(932).GetBytes(B2IssuedSlips(slips, tracking, today)));

        await page.GotoAsync("/Orders?status=AwaitingShipment");
        foreach (var id in tikTokOrderIds)
        {
            await Assertions.Expect(page.GetByTestId("orders-table")).ToContainTextAsync(id);
        }

        await page.GetByTestId("orders-subnav").GetByRole(AriaRole.Link, new() { Name = "データ取込" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "伝票番号取込（B2クラウド・e飛伝・汎用CSV）はこちら" }).ClickAsync();
        await page.GetByLabel("CSVファイル").SetInputFilesAsync(_resultFile);
        await page.GetByRole(AriaRole.Button, new() { Name = "プレビュー" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("valid-count")).ToHaveTextAsync("2");
        await Assertions.Expect(page.GetByTestId("error-count")).ToHaveTextAsync("0");
        await BrowserSession.SaveScreenshotAsync(page, "tracking-import-preview");
        await page.GetByRole(AriaRole.Button, new() { Name = "確定" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("tracking-notice")).ToBeVisibleAsync();
        await BrowserSession.SaveScreenshotAsync(page, "tracking-import-applied");

        await page.GetByTestId("orders-subnav").GetByRole(AriaRole.Link, new() { Name = "データ書出" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "更新", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("candidate-count")).ToHaveTextAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "発送情報を更新" }).ClickAsync();
        await BrowserSession.ExpectAddressAsync(page, "/Export/Run/[0-9]+");
        await Assertions.Expect(page.GetByTestId("export-result")).ToContainTextAsync("成功", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#pushed")).ToHaveTextAsync("2");

        for (var i = 0; i < slips.Count; i++)
        {
            var shipped = _app.Emulator.GetShipping(slips[i])!;
            Assert.Equal(OrderStatuses.AwaitingCollection, shipped.Status);
            Assert.Equal(tracking[i], shipped.TrackingNumber);
            Assert.Equal(1, shipped.ShipCallCount);
        }

        await page.GotoAsync("/ProcessingLog");
        await BrowserSession.SaveScreenshotAsync(page, "processing-log");
    }
}
