using System.Globalization;
using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.Shipping.ImportTrackingCsv;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.TikTokShop.Models;
using GoQ.TikTokSync.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Web.Tests.Shipping.Waybills;

/// <summary>
/// 送り状CSV出力 (issue 17, item 1) from 受注一覧: selected rows or the current tab, a confirmation page listing what is
/// left out, the Shift_JIS download, the optional status move, and the carriers' result files coming back.
/// </summary>
public sealed class WaybillExportTests : IAsyncLifetime
{
    private const string Single = "576300000000000001";
    private const string Split = "576300000000000002";
    private const string Cancelled = "576300000000000003";
    private const string OnHold = "576300000000000004";

    private readonly TikTokSyncWebFactory _factory = new();
    private HttpClient _client = null!;
    private readonly Dictionary<string, long> _ids = [];
    private long[] _splitPackages = [];

    static WaybillExportTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public async Task InitializeAsync()
    {
        await _factory.CreateUserAsync(TikTokSyncWebFactory.OperatorEmail, AppRoles.Operator);
        await _factory.WithDbAsync(async db =>
        {
            var connection = new MallConnection { DisplayName = "TikTok Shop 1号店" };
            db.MallConnections.Add(connection);
            await db.SaveChangesAsync();
            var single = NewOrder(connection, Single, hoursAgo: 1);
            var split = NewOrder(connection, Split, hoursAgo: 2);
            split.Lines.Add(new OrderLine { TikTokLineItemId = Split + "-L2", SkuId = "SKU-2", ProductName = "ほうじ茶" });
            var now = DateTime.UtcNow;
            split.Packages =
            [
                new ShippingPackage { Carrier = Carrier.Yamato, LineItemIds = Split + "-L1", PushState = ShipmentPushState.Pending, CreatedAtUtc = now, UpdatedAtUtc = now },
                new ShippingPackage { Carrier = Carrier.Yamato, LineItemIds = Split + "-L2", PushState = ShipmentPushState.Pending, CreatedAtUtc = now, UpdatedAtUtc = now },
            ];
            var cancelled = NewOrder(connection, Cancelled, hoursAgo: 3);
            cancelled.TikTokStatus = TikTokOrderStatus.Cancelled;
            cancelled.IsCancelledOnTikTok = true;
            var onHold = NewOrder(connection, OnHold, hoursAgo: 4);
            onHold.GoqStatus = GoqOrderStatus.OnHold;
            db.Orders.AddRange(single, split, cancelled, onHold);
            await db.SaveChangesAsync();
            foreach (var order in new[] { single, split, cancelled, onHold })
            {
                _ids[order.TikTokOrderId] = order.Id;
            }

            _splitPackages = split.Packages.OrderBy(p => p.Id).Select(p => p.Id).ToArray();
        });
        _client = _factory.CreateBrowserlessClient();
        await FormPosting.SignInAsync(_client, TikTokSyncWebFactory.OperatorEmail);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private static Order NewOrder(MallConnection connection, string id, int hoursAgo) => new()
    {
        MallConnectionId = connection.Id,
        TikTokOrderId = id,
        TikTokStatus = TikTokOrderStatus.AwaitingShipment,
        GoqStatus = GoqOrderStatus.NewOrder,
        OrderedAtUtc = DateTime.UtcNow.AddDays(-2).AddHours(-hoursAgo),
        TikTokUpdatedAtUtc = DateTime.UtcNow.AddDays(-2),
        RecipientName = "山田 太郎",
        PostalCode = "1500001",
        Prefecture = "東京都",
        City = "渋谷区",
        Town = "神宮前",
        AddressLine = "1-2-3",
        Building = "青山ビル101",
        PhoneNumber = "(+81)08012345678",
        PhoneDigits = "08012345678",
        Lines = [new OrderLine { TikTokLineItemId = id + "-L1", SkuId = "SKU-1", ProductName = "煎茶" }],
    };

    private async Task<IHtmlDocument> GetAsync(string url)
    {
        var response = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Clicks 送り状CSV出力 on the list with the given rows ticked and format chosen; returns where it leads.</summary>
    private async Task<string> ClickExportAsync(string listUrl, string format, params string[] selected)
    {
        var list = await GetAsync(listUrl);
        var button = list.QuerySelector("[data-testid=export-waybill]")!;
        Assert.Equal("送り状CSV出力", button.TextContent.Trim());
        Assert.Equal("bulk-form", button.Closest("form")!.Id);
        var form = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", list.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!),
            new("WaybillFormat", format),
            new("status", list.QuerySelector("#bulk-form input[name=status]")!.GetAttribute("value") ?? string.Empty),
        };
        form.AddRange(selected.Select(id => new KeyValuePair<string, string>("Selected", _ids[id].ToString(CultureInfo.InvariantCulture))));

        var response = await _client.PostAsync(button.GetAttribute("formaction")!, new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    /// <summary>Submits the confirmation page's download form, optionally with a status to move the exported orders to.</summary>
    private async Task<HttpResponseMessage> DownloadAsync(IHtmlDocument confirmation, string? moveTo = null)
    {
        var form = confirmation.QuerySelector("[data-testid=waybill-form]")!;
        var fields = form.QuerySelectorAll("input[name], select[name]")
            .Select(e => new KeyValuePair<string, string>(e.GetAttribute("name")!, e is IHtmlSelectElement s ? s.Value ?? string.Empty : e.GetAttribute("value") ?? string.Empty))
            .Where(f => f.Key != "MoveTo")
            .Append(new KeyValuePair<string, string>("MoveTo", moveTo ?? string.Empty))
            .ToList();
        var response = await _client.PostAsync(form.GetAttribute("action") is { Length: > 0 } action ? action : "/Orders/Waybill", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }

    private static async Task<List<string[]>> CsvRowsAsync(HttpResponseMessage download)
    {
        Assert.Equal("text/csv", download.Content.Headers.ContentType!.MediaType);
        var text = Encoding.GetEncoding(932).GetString(await download.Content.ReadAsByteArrayAsync());
        // The test data has no commas or quotes inside fields, so unquoting each field is enough here.
        return text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(',').Select(f => f.Trim('"')).ToArray()).ToList();
    }

    [Fact]
    public async Task SelectedRows_ExportOnlyThoseOrders_AndTheCancelledOneIsListedAsExcludedBeforeTheDownload()
    {
        var location = await ClickExportAsync("/Orders?status=NewOrder", "SagawaEHiden", Single, Cancelled);

        Assert.StartsWith("/Orders/Waybill?", location, StringComparison.Ordinal);
        var confirmation = await GetAsync(location);
        var excluded = confirmation.QuerySelector("[data-testid=waybill-excluded]")!.TextContent;
        Assert.Contains($"{Cancelled}: キャンセルされた注文です", excluded, StringComparison.Ordinal);
        Assert.Equal($"{_ids[Single]}", Assert.Single(confirmation.QuerySelectorAll("[data-testid=waybill-rows] tbody tr")).GetAttribute("data-order-id"));

        var download = await DownloadAsync(confirmation);

        Assert.StartsWith("ehiden3_", download.Content.Headers.ContentDisposition!.FileName!.Trim('"'), StringComparison.Ordinal);
        var rows = await CsvRowsAsync(download);
        Assert.Equal("お客様管理ナンバー", rows[0][0]);
        Assert.Equal([Single], rows.Skip(1).Select(r => r[0]));
    }

    [Fact]
    public async Task NothingSelected_ExportsTheCurrentTab_OneRowPerPackage_AndWarnsAboutTheCancelledOrder()
    {
        var location = await ClickExportAsync("/Orders?status=NewOrder", "YamatoB2");

        Assert.Contains("scope=tab", location, StringComparison.Ordinal);
        Assert.Contains("status=NewOrder", location, StringComparison.Ordinal);
        var confirmation = await GetAsync(location);
        Assert.Contains(Cancelled, confirmation.QuerySelector("[data-testid=waybill-excluded]")!.TextContent, StringComparison.Ordinal);

        var rows = await CsvRowsAsync(await DownloadAsync(confirmation));

        Assert.Equal("お客様管理番号", rows[0][0]);
        // Newest first, as the list shows them; the 保留 order is in another tab and the cancelled one is left out.
        Assert.Equal([Single, Split + "-1", Split + "-2"], rows.Skip(1).Select(r => r[0]));
        Assert.All(rows.Skip(1), r => Assert.Equal(JapanToday(), r[2]));
    }

    [Fact]
    public async Task DownloadWithAStatusChosen_MovesTheExportedOrdersOnly_AndRecordsItInOperationHistory()
    {
        var confirmation = await GetAsync(await ClickExportAsync("/Orders?status=NewOrder", "JapanPostYuPrintR", Single, Split, Cancelled));

        await DownloadAsync(confirmation, moveTo: nameof(GoqOrderStatus.AwaitingShipment));

        var statuses = await _factory.QueryAsync(db => db.Orders.AsNoTracking().ToDictionaryAsync(o => o.TikTokOrderId, o => o.GoqStatus));
        Assert.Equal(GoqOrderStatus.AwaitingShipment, statuses[Single]);
        Assert.Equal(GoqOrderStatus.AwaitingShipment, statuses[Split]);
        Assert.Equal(GoqOrderStatus.NewOrder, statuses[Cancelled]);
        var entry = await _factory.QueryAsync(db => db.OperationHistory.AsNoTracking().SingleAsync(e => e.Kind == OperationKind.StatusMoved));
        Assert.Equal("送り状CSV出力で受注 2件を 発送待ち に移動", entry.Summary);
        Assert.Contains("日本郵便 ゆうプリR", entry.Details, StringComparison.Ordinal);
        Assert.Equal(operatorName, entry.UserName);
    }

    private const string operatorName = TikTokSyncWebFactory.OperatorEmail;

    [Fact]
    public async Task ConfirmationPage_WithoutSelectionOrTab_AsksToSelectOrders()
    {
        var page = await GetAsync("/Orders/Waybill");

        Assert.Equal("送り状CSVを出力する受注を受注一覧で選択してください。", page.QuerySelector("[data-testid=waybill-message]")!.TextContent.Trim());
        Assert.Null(page.QuerySelector("[data-testid=waybill-form]"));
    }

    private static string JapanToday() => Core.Time.JapanTime.Today(TimeProvider.System).ToString("yyyy/MM/dd", CultureInfo.InvariantCulture);

    /// <summary>12 digits whose last is the first eleven mod 7, as Yamato and Sagawa numbers are.</summary>
    private static string TrackingNumber(long first11) =>
        first11.ToString("D11", CultureInfo.InvariantCulture) + (first11 % 7).ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The carrier's 発行済データ made from the exported slips, in the layouts TrackingCsvImport reads: B2 keeps お客様管理番号,
    /// e飛伝Ⅲ its お客様管理ナンバー, each with the tracking number the carrier gave the slip.
    /// </summary>
    private static string ResultFile(string format, IReadOnlyList<(string ManagementNumber, string ShipDate)> slips, IReadOnlyList<string> tracking) =>
        format == "YamatoB2"
            ? "お客様管理番号,送り状種類,伝票番号,出荷予定日,お届け先名\r\n" + string.Concat(slips.Select((s, i) => $"{s.ManagementNumber},0,{tracking[i]},{s.ShipDate},山田 太郎\r\n"))
            : "お客様管理ナンバー,お問合せ送り状No.,出荷日\r\n" + string.Concat(slips.Select((s, i) => $"{s.ManagementNumber},{tracking[i]},{s.ShipDate}\r\n"));

    [Theory]
    [InlineData("YamatoB2", Carrier.Yamato)]
    [InlineData("SagawaEHiden", Carrier.Sagawa)]
    public async Task RoundTrip_CarriersResultFileOfTheExportedSlips_PutsEachTrackingNumberOnItsOwnPackage(string format, Carrier carrier)
    {
        var rows = await CsvRowsAsync(await DownloadAsync(await GetAsync(await ClickExportAsync("/Orders?status=NewOrder", format))));
        var slips = rows.Skip(1).Select(r => (r[0], JapanToday())).ToList();
        string[] tracking = [TrackingNumber(10000000001), TrackingNumber(10000000002), TrackingNumber(10000000003)];
        var file = Encoding.GetEncoding(932).GetBytes(ResultFile(format, slips, tracking));

        using (var scope = _factory.Services.CreateScope())
        {
            var import = scope.ServiceProvider.GetRequiredService<TrackingCsvImport>();
            var (preview, applied) = await import.ApplyAsync(file, TrackingCsvFormat.Auto, TrackingCsvEncoding.Auto, operatorName, CancellationToken.None);
            Assert.Equal(format, preview.Format.ToString());
            Assert.True(preview.ErrorCount == 0, string.Join(" / ", preview.Lines.Select(l => l.Error)));
            Assert.Equal(3, applied);
        }

        var packages = await _factory.QueryAsync(db => db.ShippingPackages.AsNoTracking().OrderBy(p => p.Id).ToListAsync());
        var byNumber = slips.Select(s => s.Item1).Zip(tracking).ToDictionary(p => p.First, p => p.Second);
        Assert.Equal(byNumber[Split + "-1"], packages.Single(p => p.Id == _splitPackages[0]).TrackingNumber);
        Assert.Equal(byNumber[Split + "-2"], packages.Single(p => p.Id == _splitPackages[1]).TrackingNumber);
        var single = packages.Single(p => p.OrderId == _ids[Single]);
        Assert.Equal(byNumber[Single], single.TrackingNumber);
        Assert.All(packages, p => Assert.Equal(carrier, p.Carrier));
        Assert.Equal(3, packages.Count);
    }

    [Fact]
    public async Task ResultFile_WithAPackageSuffixThatIsGoneOrAlreadyWithTikTok_RefusesThatLineOnly()
    {
        await _factory.WithDbAsync(async db =>
        {
            var first = await db.ShippingPackages.SingleAsync(p => p.Id == _splitPackages[0]);
            first.TrackingNumber = TrackingNumber(10000000009);
            first.PushedTrackingNumber = first.TrackingNumber;
            first.PushState = ShipmentPushState.Pushed;
            await db.SaveChangesAsync();
        });
        var file = Encoding.GetEncoding(932).GetBytes(ResultFile(
            "YamatoB2",
            [(Split + "-1", JapanToday()), (Split + "-3", JapanToday()), (Split + "-2", JapanToday())],
            [TrackingNumber(10000000001), TrackingNumber(10000000002), TrackingNumber(10000000003)]));

        using var scope = _factory.Services.CreateScope();
        var preview = await scope.ServiceProvider.GetRequiredService<TrackingCsvImport>().PreviewAsync(file, TrackingCsvFormat.Auto, TrackingCsvEncoding.Auto, CancellationToken.None);

        Assert.Equal(
        [
            "この荷物は TikTok Shop へ送信済み（または送信中）です。訂正は受注詳細で行ってください。",
            "この注文に 3 個目の荷物がありません（荷物が削除された可能性があります）。受注詳細で入力してください。",
            null,
        ],
            preview.Lines.Select(l => l.Error));
        Assert.Equal(_splitPackages[1], preview.Lines[2].PackageId);
    }
}
