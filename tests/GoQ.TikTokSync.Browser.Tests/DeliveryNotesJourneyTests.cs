using System.Text;
using System.Text.RegularExpressions;
using GoQ.TikTokSync.Browser.Tests.Infrastructure;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.TikTokShop.Models;
using Microsoft.Playwright;

namespace GoQ.TikTokSync.Browser.Tests;

/// <summary>受注一覧 で受注を選択 → 納品書を印刷 → a new tab with one A4 sheet per order, printable without the site's menus.</summary>
public sealed partial class DeliveryNotesJourneyTests : IAsyncLifetime
{
    private readonly KestrelAppFactory _app = new() { SeedOrders = 0 };
    private BrowserSession _browser = null!;

    public async Task InitializeAsync() => _browser = await BrowserSession.LaunchAsync();

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Operator_TicksTwoOrdersAndPrints_GetsTwoA4PagesWithoutNavigation()
    {
        var baseAddress = _app.StartAndGetBaseAddress();
        await _app.CreateUserAsync("operator@example.jp", AppRoles.Operator);
        await _app.WithDbAsync(async db =>
        {
            var connection = new MallConnection { DisplayName = "TikTok Shop 1号店", ShopName = "お茶の山田園" };
            db.MallConnections.Add(connection);
            await db.SaveChangesAsync();
            foreach (var (id, name) in new[] { ("576000000000000011", "山田 太郎"), ("576000000000000012", "佐藤 花子"), ("576000000000000013", "鈴木 一郎") })
            {
                db.Orders.Add(new Order
                {
                    MallConnectionId = connection.Id,
                    TikTokOrderId = id,
                    TikTokStatus = TikTokOrderStatus.AwaitingShipment,
                    OrderedAtUtc = DateTime.UtcNow,
                    TikTokUpdatedAtUtc = DateTime.UtcNow,
                    RecipientName = name,
                    PostalCode = "1500001",
                    Prefecture = "東京都",
                    City = "渋谷区",
                    AddressLine = "神宮前1-2-3",
                    Lines =
                    [
                        new OrderLine { TikTokLineItemId = id + "-1", SkuId = "7001", SellerSku = "TEA-GREEN-100", ProductName = "緑茶", SkuName = "100g", SalePrice = 990m },
                        new OrderLine { TikTokLineItemId = id + "-2", SkuId = "7001", SellerSku = "TEA-GREEN-100", ProductName = "緑茶", SkuName = "100g", SalePrice = 990m },
                    ],
                    SubTotal = 1980m,
                    ShippingFee = 500m,
                    TotalAmount = 2480m,
                    BuyerMessage = "ギフト包装をお願いします",
                });
            }

            await db.SaveChangesAsync();
        });
        var page = await _browser.NewPageAsync(baseAddress);
        await BrowserSession.SignInAsync(page, "operator@example.jp", KestrelAppFactory.Password);

        await page.GotoAsync("/Orders");
        await page.GetByLabel("576000000000000011 を選択").CheckAsync();
        await page.GetByLabel("576000000000000013 を選択").CheckAsync();
        var sheet = await page.Context.RunAndWaitForPageAsync(() =>
            page.GetByRole(AriaRole.Button, new() { Name = "納品書を印刷" }).ClickAsync());
        await sheet.WaitForLoadStateAsync();

        await Assertions.Expect(sheet.Locator("section.delivery-note")).ToHaveCountAsync(2);
        await Assertions.Expect(sheet.Locator("section.delivery-note").First).ToContainTextAsync("お茶の山田園");
        await Assertions.Expect(sheet.Locator("section.delivery-note").First).ToContainTextAsync("¥1,980");
        await Assertions.Expect(sheet.GetByRole(AriaRole.Button, new() { Name = "印刷" })).ToBeVisibleAsync();
        await BrowserSession.SaveScreenshotAsync(sheet, "delivery-notes");

        // On paper: the 印刷 button is gone and each order is one A4 page (595 × 842 points).
        await sheet.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await Assertions.Expect(sheet.GetByRole(AriaRole.Button, new() { Name = "印刷" })).ToBeHiddenAsync();
        var pdf = Encoding.Latin1.GetString(await sheet.PdfAsync(new PagePdfOptions { PreferCSSPageSize = true }));
        var pages = PageObject().Matches(pdf);
        Assert.Equal(2, pages.Count);
        Assert.Matches(@"/MediaBox \[0 0 59[45](\.\d+)? 84[12](\.\d+)?\]", pdf);
    }

    [GeneratedRegex(@"/Type\s*/Page(?![s\w])")]
    private static partial Regex PageObject();
}
