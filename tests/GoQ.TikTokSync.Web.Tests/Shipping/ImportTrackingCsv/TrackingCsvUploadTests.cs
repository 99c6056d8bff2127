using System.Net;
using System.Text;
using AngleSharp.Html.Parser;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.Shipping;
using GoQ.TikTokSync.Core.Shipping.ImportTrackingCsv;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.TikTokShop.Models;
using GoQ.TikTokSync.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Web.Tests.Shipping.ImportTrackingCsv;

/// <summary>
/// 伝票番号取込 through the page as a browser does it: the preview keeps the file on the server under a token bound to the
/// uploader, so 確定 works for files of any accepted size and only for the user who uploaded them.
/// </summary>
public sealed class TrackingCsvUploadTests : IAsyncLifetime
{
    private const string Good1 = "576100000000000001";
    private const string Good2 = "576100000000000002";
    private const string OtherOperator = "operator2@example.jp";

    private readonly TikTokSyncWebFactory _factory = new();
    private HttpClient _operator = null!;

    public async Task InitializeAsync()
    {
        await _factory.CreateUserAsync(TikTokSyncWebFactory.OperatorEmail, AppRoles.Operator);
        await _factory.CreateUserAsync(OtherOperator, AppRoles.Operator);
        await _factory.WithDbAsync(async db =>
        {
            var connection = new MallConnection { DisplayName = "TikTok Shop 1号店" };
            db.MallConnections.Add(connection);
            await db.SaveChangesAsync();
            db.Orders.AddRange(NewOrder(connection, Good1), NewOrder(connection, Good2));
            await db.SaveChangesAsync();
        });
        _operator = await SignedInAsync(_factory, TikTokSyncWebFactory.OperatorEmail);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private static async Task<HttpClient> SignedInAsync(TikTokSyncWebFactory factory, string email)
    {
        var client = factory.CreateBrowserlessClient();
        await FormPosting.SignInAsync(client, email);
        return client;
    }

    private static Order NewOrder(MallConnection connection, string id) => new()
    {
        MallConnectionId = connection.Id,
        TikTokOrderId = id,
        TikTokStatus = TikTokOrderStatus.AwaitingShipment,
        OrderedAtUtc = DateTime.UtcNow.AddDays(-2),
        TikTokUpdatedAtUtc = DateTime.UtcNow.AddDays(-2),
        Lines = [new OrderLine { TikTokLineItemId = id + "1", SkuId = "sku", ProductName = "商品" }],
    };

    /// <summary>Two valid lines, then unknown orders with a long 備考 until the file reaches the wanted size.</summary>
    private static byte[] GenericFile(int targetBytes, string? firstErrorOrderId = null)
    {
        var text = new StringBuilder("注文ID,配送業者,伝票番号,出荷日,備考\r\n");
        text.Append(Good1).Append(",ヤマト運輸,123456789013,,\r\n");
        text.Append(Good2).Append(",ヤマト運輸,100000000004,,\r\n");
        if (firstErrorOrderId is not null)
        {
            text.Append(firstErrorOrderId).Append(",ヤマト運輸,100000000015,,\r\n");
        }

        var padding = new string('x', 4000);
        var serial = 0;
        while (Encoding.UTF8.GetByteCount(text.ToString()) < targetBytes)
        {
            text.Append("5762").Append((++serial).ToString("D14", System.Globalization.CultureInfo.InvariantCulture)).Append(",ヤマト運輸,,,").Append(padding).Append("\r\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static async Task<HttpResponseMessage> PreviewAsync(HttpClient client, byte[] file)
    {
        using var upload = new MultipartFormDataContent();
        upload.Add(new StringContent(await FormPosting.GetAntiforgeryTokenAsync(client, "/Import/Tracking")), "__RequestVerificationToken");
        upload.Add(new StringContent(nameof(TrackingCsvFormat.Auto)), "Format");
        upload.Add(new StringContent(nameof(TrackingCsvEncoding.Auto)), "FileEncoding");
        upload.Add(new ByteArrayContent(file), "Upload", "出荷実績.csv");
        return await client.PostAsync("/Import/Tracking?handler=Preview", upload);
    }

    /// <summary>The hidden fields of the preview's form for the handler, as the browser would send them back.</summary>
    private static async Task<Dictionary<string, string>> CarriedFieldsAsync(HttpResponseMessage preview, string handler)
    {
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var document = new HtmlParser().ParseDocument(await preview.Content.ReadAsStringAsync());
        var form = document.QuerySelectorAll("form").SingleOrDefault(f => (f.GetAttribute("action") ?? string.Empty).Contains("handler=" + handler, StringComparison.Ordinal));
        Assert.True(form is not null, $"the preview has no {handler} form");
        return form!.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? string.Empty);
    }

    private static async Task<string> TextAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    private Task<int> PackageCountAsync() => _factory.QueryAsync(db => db.ShippingPackages.CountAsync());

    [Fact]
    public async Task Confirm_FileOfFourAndAHalfMegabytes_PreviewsAndAppliesTheValidLines()
    {
        var file = GenericFile(4_500_000);
        Assert.InRange(file.Length, 4_500_000, 4_700_000);

        var preview = await PreviewAsync(_operator, file);
        var carried = await CarriedFieldsAsync(preview, "Apply");
        var response = await _operator.PostAsync("/Import/Tracking?handler=Apply", new FormUrlEncodedContent(carried));

        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{(int)response.StatusCode}: {await TextAsync(response)}");
        Assert.Equal(2, await PackageCountAsync());
        var page = await TextAsync(await _operator.GetAsync("/Import/Tracking"));
        Assert.Contains("2件の伝票番号を反映しました。", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Confirm_AnotherUsersUpload_IsRefusedWithAJapaneseMessageAndAppliesNothing()
    {
        var carried = await CarriedFieldsAsync(await PreviewAsync(_operator, GenericFile(0)), "Apply");
        var other = await SignedInAsync(_factory, OtherOperator);
        carried["__RequestVerificationToken"] = await FormPosting.GetAntiforgeryTokenAsync(other, "/Import/Tracking");

        var response = await other.PostAsync("/Import/Tracking?handler=Apply", new FormUrlEncodedContent(carried));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("別のユーザーがアップロードしたもの", await TextAsync(response), StringComparison.Ordinal);
        Assert.Equal(0, await PackageCountAsync());
    }

    [Fact]
    public async Task Confirm_ExpiredUpload_ShowsAJapaneseMessageAndAppliesNothing()
    {
        var carried = await CarriedFieldsAsync(await PreviewAsync(_operator, GenericFile(0)), "Apply");
        await _factory.WithDbAsync(db => db.Set<TrackingCsvUpload>().ExecuteUpdateAsync(s => s.SetProperty(u => u.ExpiresAtUtc, DateTime.UtcNow.AddMinutes(-1))));

        var response = await _operator.PostAsync("/Import/Tracking?handler=Apply", new FormUrlEncodedContent(carried));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("有効期限が切れました", await TextAsync(response), StringComparison.Ordinal);
        Assert.Equal(0, await PackageCountAsync());
    }

    [Fact]
    public async Task ErrorDownload_LineStartingWithAFormula_IsNeutralisedForExcel()
    {
        var preview = await PreviewAsync(_operator, GenericFile(0, firstErrorOrderId: "=HYPERLINK(\"http://attacker.example\")"));
        var carried = await CarriedFieldsAsync(preview, "Errors");

        var response = await _operator.PostAsync("/Import/Tracking?handler=Errors", new FormUrlEncodedContent(carried));

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var csv = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("\"'=HYPERLINK(\"\"http://attacker.example\"\")", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(",\"=", csv, StringComparison.Ordinal);
    }

    /// <summary>Just over the limit reaches the page's own check; far over it is cut off by the request limit the setting drives.</summary>
    [Theory]
    [InlineData(150_000)]
    [InlineData(1_000_000)]
    public async Task Preview_FileOverTheConfiguredLimit_IsRefusedWithTheLimitInJapanese(int fileBytes)
    {
        await using var factory = new TikTokSyncWebFactory { Settings = new Dictionary<string, string> { ["TrackingImport:MaxFileBytes"] = "102400" } };
        await factory.CreateUserAsync(TikTokSyncWebFactory.OperatorEmail, AppRoles.Operator);
        var client = await SignedInAsync(factory, TikTokSyncWebFactory.OperatorEmail);

        var response = await PreviewAsync(client, GenericFile(fileBytes));
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            response = await client.GetAsync(response.Headers.Location);
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("ファイルが大きすぎます（100KBまで）", await TextAsync(response), StringComparison.Ordinal);
        Assert.Equal(0, await factory.QueryAsync(db => db.Set<TrackingCsvUpload>().CountAsync()));
    }
}
