using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.TikTokShop.Models;
using GoQ.TikTokSync.Web.Tests.Infrastructure;

namespace GoQ.TikTokSync.Web.Tests.Orders.PrintDeliveryNotes;

/// <summary>納品書 (issue 17, item 2): the selected orders of 受注一覧 printed one A4 page each by the browser.</summary>
public sealed class DeliveryNotesPageTests : IAsyncLifetime
{
    private readonly TikTokSyncWebFactory _factory = new();
    private HttpClient _client = null!;
    private long _yamadaId;
    private long _satoId;
    private long _otherShopId;
    private int _connectionId;

    public async Task InitializeAsync()
    {
        await _factory.CreateUserAsync(TikTokSyncWebFactory.OperatorEmail, AppRoles.Operator);
        await _factory.WithDbAsync(async db =>
        {
            var connection = new MallConnection { DisplayName = "TikTok Shop 1号店", ShopName = "お茶の山田園" };
            db.MallConnections.Add(connection);
            await db.SaveChangesAsync();
            var other = new MallConnection { DisplayName = "TikTok Shop 2号店" };
            db.MallConnections.Add(other);
            await db.SaveChangesAsync();
            // 15:30 UTC on 1 December is 00:30 on 2 December in Japan: the note must show the Japanese date.
            var yamada = NewOrder(connection, "576000000000000001", "山田 太郎", new DateTime(2026, 12, 1, 15, 30, 0, DateTimeKind.Utc));
            yamada.PostalCode = "1500001";
            yamada.Prefecture = "東京都";
            yamada.City = "渋谷区";
            yamada.Town = "神宮前";
            yamada.AddressLine = "1-2-3";
            yamada.Building = "青山ビル101";
            yamada.PhoneNumber = "(+81)08012345678";
            yamada.BuyerMessage = "ギフト包装をお願いします";
            yamada.Lines =
            [
                new OrderLine { TikTokLineItemId = "L1", SkuId = "7001", SellerSku = "TEA-GREEN-100", ProductName = "緑茶", SkuName = "100g", SalePrice = 990m },
                new OrderLine { TikTokLineItemId = "L2", SkuId = "7001", SellerSku = "TEA-GREEN-100", ProductName = "緑茶", SkuName = "100g", SalePrice = 990m },
                new OrderLine { TikTokLineItemId = "L3", SkuId = "7002", SellerSku = "TEA-HOJI", ProductName = "ほうじ茶", SalePrice = 1500m },
            ];
            yamada.SubTotal = 3480m;
            yamada.ShippingFee = 500m;
            yamada.SellerDiscount = 200m;
            yamada.PlatformDiscount = 100m;
            yamada.TotalAmount = 3680m;
            var sato = NewOrder(connection, "576000000000000002", "佐藤 花子", new DateTime(2026, 12, 2, 1, 0, 0, DateTimeKind.Utc));
            var otherShop = NewOrder(other, "576000000000000003", "鈴木 一郎", new DateTime(2026, 12, 2, 2, 0, 0, DateTimeKind.Utc));
            db.Orders.AddRange(yamada, sato, otherShop);
            await db.SaveChangesAsync();
            _yamadaId = yamada.Id;
            _satoId = sato.Id;
            _otherShopId = otherShop.Id;
            _connectionId = connection.Id;
        });
        _client = _factory.CreateBrowserlessClient();
        await FormPosting.SignInAsync(_client, TikTokSyncWebFactory.OperatorEmail);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private static Order NewOrder(MallConnection connection, string id, string name, DateTime orderedAtUtc) => new()
    {
        MallConnectionId = connection.Id,
        TikTokOrderId = id,
        TikTokStatus = TikTokOrderStatus.AwaitingShipment,
        OrderedAtUtc = orderedAtUtc,
        TikTokUpdatedAtUtc = orderedAtUtc,
        RecipientName = name,
        Lines = [new OrderLine { TikTokLineItemId = id + "-1", SkuId = "SKU-1", ProductName = "煎茶", SalePrice = 1200m }],
        SubTotal = 1200m,
        TotalAmount = 1200m,
    };

    private async Task<IHtmlDocument> GetAsync(string url)
    {
        var response = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    private static string Text(IHtmlDocument page, string selector) => page.QuerySelector(selector)!.TextContent.Trim();

    [Fact]
    public async Task SelectedOrders_EachGetOneNoteWithShopOrderJstDateRecipientLinesAndTotals()
    {
        var page = await GetAsync($"/Orders/DeliveryNotes?ids={_yamadaId}&ids={_satoId}");

        var notes = page.QuerySelectorAll("section.delivery-note");
        Assert.Equal([$"{_yamadaId}", $"{_satoId}"], notes.Select(n => n.GetAttribute("data-order-id")!));
        var note = notes[0];
        string Field(string testId) => note.QuerySelector($"[data-testid={testId}]")!.TextContent.Trim();
        Assert.Equal("お茶の山田園", Field("shop-name"));
        Assert.Equal("576000000000000001", Field("order-id"));
        Assert.Equal("2026/12/02", Field("order-date"));
        Assert.Equal("〒150-0001", Field("postal-code"));
        Assert.Equal("東京都 渋谷区 神宮前 1-2-3", Field("address"));
        Assert.Contains("青山ビル101", Field("recipient"), StringComparison.Ordinal);
        Assert.Equal("山田 太郎 様", Field("recipient-name"));
        Assert.Equal("TEL 080-1234-5678", Field("phone"));
        Assert.Contains("ギフト包装をお願いします", Field("buyer-message"), StringComparison.Ordinal);

        // Two units of one SKU are one row with 数量 2; columns are SKU / 商品名 / 数量 / 単価 / 小計.
        var rows = note.QuerySelectorAll("[data-testid=lines] tbody tr")
            .Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray())
            .ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(["TEA-GREEN-100", "緑茶（100g）", "2", "¥990", "¥1,980"], rows[0]);
        Assert.Equal(["TEA-HOJI", "ほうじ茶", "1", "¥1,500", "¥1,500"], rows[1]);

        Assert.Equal("¥3,480", Field("subtotal"));
        Assert.Equal("¥500", Field("shipping-fee"));
        Assert.Equal("-¥300", Field("discount"));
        Assert.Equal("¥3,680", Field("total"));

        // The second order has no discount, phone or message: those rows are left off rather than printed empty.
        Assert.Equal("佐藤 花子 様", notes[1].QuerySelector("[data-testid=recipient-name]")!.TextContent.Trim());
        Assert.Equal("お茶の山田園", notes[1].QuerySelector("[data-testid=shop-name]")!.TextContent.Trim());
        Assert.Null(notes[1].QuerySelector("[data-testid=discount]"));
        Assert.Null(notes[1].QuerySelector("[data-testid=phone]"));
        Assert.Null(notes[1].QuerySelector("[data-testid=buyer-message]"));
        Assert.Null(page.QuerySelector("[data-testid=delivery-notes-message]"));
    }

    [Fact]
    public async Task ConnectionWithoutShopName_NoteShowsTheConnectionsDisplayName()
    {
        var page = await GetAsync($"/Orders/DeliveryNotes?ids={_otherShopId}");

        Assert.Equal("TikTok Shop 2号店", Text(page, "section.delivery-note [data-testid=shop-name]"));
    }

    [Fact]
    public async Task UnknownIdAndOrderOfAnotherConnectionThanTheListFilter_AreSkipped()
    {
        var page = await GetAsync($"/Orders/DeliveryNotes?connection={_connectionId}&ids={_otherShopId}&ids=999999&ids={_satoId}");

        var note = Assert.Single(page.QuerySelectorAll("section.delivery-note"));
        Assert.Equal($"{_satoId}", note.GetAttribute("data-order-id"));
        Assert.Null(page.QuerySelector("[data-testid=delivery-notes-message]"));
    }

    [Fact]
    public async Task NoSelection_ShowsJapaneseMessageAndNoNotes()
    {
        var page = await GetAsync("/Orders/DeliveryNotes");

        Assert.Equal("納品書を印刷する受注を受注一覧で選択してください。", Text(page, "[data-testid=delivery-notes-message]"));
        Assert.Empty(page.QuerySelectorAll("section.delivery-note"));
        Assert.Null(page.QuerySelector("[data-testid=print-button]"));
    }

    [Fact]
    public async Task OnlyUnknownIds_ShowsNotFoundMessage()
    {
        var page = await GetAsync("/Orders/DeliveryNotes?ids=999998&ids=999999");

        Assert.Equal("選択した受注が見つかりませんでした。", Text(page, "[data-testid=delivery-notes-message]"));
        Assert.Empty(page.QuerySelectorAll("section.delivery-note"));
    }

    [Fact]
    public async Task MoreThanTheLimit_ShowsJapaneseMessageAndNoNotes()
    {
        var ids = Enumerable.Range(1, 201).Select(i => "ids=" + i);
        var page = await GetAsync("/Orders/DeliveryNotes?" + string.Join('&', ids));

        Assert.Equal(
            "一度に印刷できる納品書は200件までです（201件選択されています）。選択を減らしてください。",
            Text(page, "[data-testid=delivery-notes-message]"));
        Assert.Empty(page.QuerySelectorAll("section.delivery-note"));
    }

    [Fact]
    public async Task PrintSheet_IsA4WithAPageBreakPerNoteAPrintButtonHiddenOnPaperAndNoSiteNavigation()
    {
        var page = await GetAsync($"/Orders/DeliveryNotes?ids={_yamadaId}&ids={_satoId}");

        var css = Text(page, "style[data-testid=print-css]");
        Assert.Contains("@page { size: A4;", css, StringComparison.Ordinal);
        Assert.Matches(@"\.delivery-note \{[^}]*break-after: page;[^}]*page-break-after: always;", css);
        Assert.Matches(@"@media print \{[^@]*\.no-print \{ display: none !important; \}", css);
        var button = page.QuerySelector("[data-testid=print-button]")!;
        Assert.Equal("印刷", button.TextContent.Trim());
        Assert.Equal("window.print()", button.GetAttribute("onclick"));
        Assert.NotNull(button.Closest(".no-print"));
        Assert.Null(page.QuerySelector("[data-testid=main-nav]"));
        Assert.Null(page.QuerySelector("[data-testid=orders-subnav]"));
        Assert.Null(page.QuerySelector("footer"));
    }

    [Fact]
    public async Task OrdersList_PrintButtonPostsTheSelectionAndOpensThePrintSheetForIt()
    {
        var list = await GetAsync("/Orders");
        var button = list.QuerySelector("[data-testid=print-delivery-notes]")!;
        Assert.Equal("納品書を印刷", button.TextContent.Trim());
        Assert.Equal("_blank", button.GetAttribute("formtarget"));
        // The button belongs to the bulk form whose row checkboxes are named Selected.
        Assert.Equal("bulk-form", button.Closest("form")!.Id);
        Assert.NotEmpty(list.QuerySelectorAll("#bulk-form input[name=Selected]"));
        var action = button.GetAttribute("formaction")!;
        Assert.Contains("handler=DeliveryNotes", action, StringComparison.Ordinal);

        var token = list.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var response = await _client.PostAsync(action, new FormUrlEncodedContent(
        [
            new KeyValuePair<string, string>("__RequestVerificationToken", token),
            new KeyValuePair<string, string>("Selected", $"{_satoId}"),
            new KeyValuePair<string, string>("Selected", $"{_yamadaId}"),
        ]));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.Equal($"/Orders/DeliveryNotes?ids={_satoId}&ids={_yamadaId}", location);
        var sheet = await GetAsync(location);
        Assert.Equal(2, sheet.QuerySelectorAll("section.delivery-note").Length);
    }

    [Fact]
    public async Task OrdersListFilteredByShop_PrintButtonKeepsTheShopSoOtherShopsOrdersAreSkipped()
    {
        var list = await GetAsync($"/Orders?connection={_connectionId}");
        var action = list.QuerySelector("[data-testid=print-delivery-notes]")!.GetAttribute("formaction")!;
        var token = list.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var response = await _client.PostAsync(action, new FormUrlEncodedContent(
        [
            new KeyValuePair<string, string>("__RequestVerificationToken", token),
            new KeyValuePair<string, string>("Selected", $"{_otherShopId}"),
            new KeyValuePair<string, string>("Selected", $"{_yamadaId}"),
        ]));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var sheet = await GetAsync(response.Headers.Location!.OriginalString);
        var note = Assert.Single(sheet.QuerySelectorAll("section.delivery-note"));
        Assert.Equal($"{_yamadaId}", note.GetAttribute("data-order-id"));
    }
}
