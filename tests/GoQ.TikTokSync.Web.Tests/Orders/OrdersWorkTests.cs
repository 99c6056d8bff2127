using System.Net;
using AngleSharp.Html.Parser;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.TikTokShop.Models;
using GoQ.TikTokSync.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Web.Tests.Orders;

/// <summary>受注一覧 search and bulk actions, and the order detail's shipping entry.</summary>
public sealed class OrdersWorkTests : IAsyncLifetime
{
    private readonly TikTokSyncWebFactory _factory = new();
    private HttpClient _client = null!;
    private long _yamadaId;
    private long _satoId;

    public async Task InitializeAsync()
    {
        await _factory.CreateUserAsync(TikTokSyncWebFactory.OperatorEmail, AppRoles.Operator);
        await _factory.WithDbAsync(async db =>
        {
            var connection = new MallConnection { DisplayName = "TikTok Shop 1号店" };
            db.MallConnections.Add(connection);
            await db.SaveChangesAsync();
            var yamada = NewOrder(connection, "576000000000000001", "山田 太郎", "ヤマダ タロウ", "(+81)08012345678");
            var sato = NewOrder(connection, "576000000000000002", "佐藤 花子", "サトウ ハナコ", "(+81)09087654321");
            sato.IsCancelledOnTikTok = true;
            sato.GoqStatus = GoqOrderStatus.Cancelled;
            db.Orders.AddRange(yamada, sato);
            await db.SaveChangesAsync();
            _yamadaId = yamada.Id;
            _satoId = sato.Id;
        });
        _client = _factory.CreateBrowserlessClient();
        await FormPosting.SignInAsync(_client, TikTokSyncWebFactory.OperatorEmail);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private static Order NewOrder(MallConnection connection, string id, string name, string kana, string phone) => new()
    {
        MallConnectionId = connection.Id,
        TikTokOrderId = id,
        TikTokStatus = TikTokOrderStatus.AwaitingShipment,
        OrderedAtUtc = DateTime.UtcNow.AddDays(-1),
        TikTokUpdatedAtUtc = DateTime.UtcNow.AddDays(-1),
        RecipientName = name,
        RecipientNameKana = kana,
        PhoneNumber = phone,
        PhoneDigits = JapaneseAddress.DomesticDigits(phone),
        Lines = [new OrderLine { TikTokLineItemId = id + "-1", SkuId = "SKU-1", ProductName = "緑茶", SalePrice = 1200m }],
    };

    private async Task<IReadOnlyList<string>> SearchAsync(string text)
    {
        var html = await _client.GetStringAsync("/Orders?q=" + Uri.EscapeDataString(text));
        return new HtmlParser().ParseDocument(html).QuerySelectorAll("[data-testid=orders-table] tbody tr td:nth-child(2) a").Select(a => a.TextContent.Trim()).ToList();
    }

    [Theory]
    [InlineData("576000000000000001")]
    [InlineData("山田")]
    [InlineData("山田太郎")]
    [InlineData("ヤマダ")]
    [InlineData("080-1234-5678")]
    [InlineData("08012345678")]
    [InlineData("(+81)80-1234-5678")]
    public async Task Search_AnyFormOfTheOrder_FindsItAcrossStatuses(string text)
    {
        Assert.Equal(["576000000000000001"], await SearchAsync(text));
    }

    [Fact]
    public async Task Search_CancelledOrderByPhone_IsFoundEvenFromAnotherTab()
    {
        Assert.Equal(["576000000000000002"], await SearchAsync("090-8765-4321"));
    }

    [Fact]
    public async Task BulkMove_SelectedOrders_MoveAndHistoryNamesTheOperator()
    {
        var response = await FormPosting.PostFormAsync(_client, "/Orders?handler=Move", new Dictionary<string, string>
        {
            ["Selected"] = _yamadaId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["MoveTo"] = nameof(GoqOrderStatus.OnHold),
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var order = await _factory.QueryAsync(db => db.Orders.Include(o => o.History).AsNoTracking().SingleAsync(o => o.Id == _yamadaId));
        Assert.Equal(GoqOrderStatus.OnHold, order.GoqStatus);
        var move = Assert.Single(order.History);
        Assert.Equal("新規受付 → 保留", move.Detail);
        Assert.Equal(TikTokSyncWebFactory.OperatorEmail, move.UserName);
    }

    [Fact]
    public async Task AcknowledgeCancellation_RemovesTheRedBadge()
    {
        Assert.Contains("TikTok側でキャンセル", await _client.GetStringAsync("/Orders?status=Cancelled"), StringComparison.Ordinal);

        await FormPosting.PostFormAsync(_client, "/Orders?handler=Acknowledge", new Dictionary<string, string> { ["Selected"] = _satoId.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        Assert.DoesNotContain("TikTok側でキャンセル", await _client.GetStringAsync("/Orders?status=Cancelled"), StringComparison.Ordinal);
        Assert.True(await _factory.QueryAsync(db => db.Orders.Where(o => o.Id == _satoId).Select(o => o.CancellationAcknowledged).SingleAsync()));
    }

    [Fact]
    public async Task BulkTracking_SelectedRows_AreSavedBareWithTheChosenCarrier()
    {
        var id = _yamadaId.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var response = await FormPosting.PostFormAsync(_client, "/Orders?handler=Tracking", new Dictionary<string, string>
        {
            ["Selected"] = id,
            ["BulkCarrier"] = nameof(Carrier.Sagawa),
            [$"BulkTracking[{id}]"] = "1234-5678-9013",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var order = await _factory.QueryAsync(db => db.Orders.AsNoTracking().SingleAsync(o => o.Id == _yamadaId));
        Assert.Equal("123456789013", order.TrackingNumber);
        Assert.Equal(Carrier.Sagawa, order.Carrier);
        Assert.NotNull(order.ShipDate);
    }

    [Fact]
    public async Task BulkTracking_OneBadNumber_SavesNothingAndNamesTheOrder()
    {
        var client = _factory.CreateBrowserlessClient();
        await FormPosting.SignInAsync(client, TikTokSyncWebFactory.OperatorEmail);
        var yamada = _yamadaId.ToString(System.Globalization.CultureInfo.InvariantCulture);

        await FormPosting.PostFormAsync(client, "/Orders?handler=Tracking", new Dictionary<string, string>
        {
            ["Selected"] = yamada,
            ["BulkCarrier"] = nameof(Carrier.Yamato),
            [$"BulkTracking[{yamada}]"] = "123456789016",
        });
        var page = await client.GetStringAsync("/Orders");

        Assert.Contains("576000000000000001（ヤマト運輸の伝票番号として正しくありません", page, StringComparison.Ordinal);
        Assert.Null(await _factory.QueryAsync(db => db.Orders.Where(o => o.Id == _yamadaId).Select(o => o.TrackingNumber).SingleAsync()));
    }

    [Fact]
    public async Task Detail_ValidHyphenatedTracking_IsStoredBareWithTodayAsShipDate()
    {
        var response = await FormPosting.PostFormAsync(_client, $"/Orders/{_yamadaId}?handler=Shipping", new Dictionary<string, string>
        {
            ["Shipping.Carrier"] = nameof(Carrier.Yamato),
            ["Shipping.TrackingNumber"] = "1234-5678-9013",
            ["Shipping.ShipDate"] = string.Empty,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var order = await _factory.QueryAsync(db => db.Orders.AsNoTracking().SingleAsync(o => o.Id == _yamadaId));
        Assert.Equal("123456789013", order.TrackingNumber);
        Assert.Equal(Core.Time.JapanTime.Today(TimeProvider.System), order.ShipDate);
        Assert.Equal(Carrier.Yamato, order.Carrier);
    }

    [Fact]
    public async Task Detail_BadCheckDigitOrFutureDate_ShowsJapaneseMessagesAndSavesNothing()
    {
        var response = await FormPosting.PostFormAsync(_client, $"/Orders/{_yamadaId}?handler=Shipping", new Dictionary<string, string>
        {
            ["Shipping.Carrier"] = nameof(Carrier.Sagawa),
            ["Shipping.TrackingNumber"] = "123456789016",
            ["Shipping.ShipDate"] = DateTime.UtcNow.AddHours(9).AddDays(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        });

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("チェックデジット不一致", html, StringComparison.Ordinal);
        Assert.Contains("出荷日に未来の日付は指定できません。", html, StringComparison.Ordinal);
        Assert.Null(await _factory.QueryAsync(db => db.Orders.Where(o => o.Id == _yamadaId).Select(o => o.TrackingNumber).SingleAsync()));
    }

    [Fact]
    public async Task Detail_PackageWithUnknownOutcome_ShowsResultCheckingAndRefusesChangeAndDelete()
    {
        await FormPosting.PostFormAsync(_client, $"/Orders/{_yamadaId}?handler=Shipping", new Dictionary<string, string>
        {
            ["Shipping.Carrier"] = nameof(Carrier.Yamato),
            ["Shipping.TrackingNumber"] = "1234-5678-9013",
            ["Shipping.ShipDate"] = string.Empty,
        });
        var packageId = await _factory.QueryAsync(db => db.ShippingPackages.Where(p => p.OrderId == _yamadaId).Select(p => p.Id).SingleAsync());
        await _factory.WithDbAsync(async db =>
        {
            await db.ShippingPackages.Where(p => p.Id == packageId).ExecuteUpdateAsync(s => s.SetProperty(p => p.PushState, ShipmentPushState.OutcomeUnknown));
            await db.Orders.Where(o => o.Id == _yamadaId).ExecuteUpdateAsync(s => s.SetProperty(o => o.ShipmentPushState, ShipmentPushState.OutcomeUnknown));
        });

        var detail = new HtmlParser().ParseDocument(await _client.GetStringAsync($"/Orders/{_yamadaId}"));
        var list = await _client.GetStringAsync("/Orders?q=576000000000000001");
        var change = await FormPosting.PostFormAsync(_client, $"/Orders/{_yamadaId}?handler=Shipping", new Dictionary<string, string>
        {
            ["Shipping.PackageId"] = packageId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Shipping.Carrier"] = nameof(Carrier.Yamato),
            ["Shipping.TrackingNumber"] = "1000-0000-0004",
            ["Shipping.ShipDate"] = string.Empty,
        });
        var changeHtml = await change.Content.ReadAsStringAsync();
        var delete = await FormPosting.PostFormAsync(_client, $"/Orders/{_yamadaId}?handler=DeletePackage&packageId={packageId}", new Dictionary<string, string>());
        var afterDelete = await _client.GetStringAsync(delete.Headers.Location!.OriginalString);

        var package = detail.QuerySelector($"[data-testid=package-{packageId}]")!;
        Assert.Equal("結果確認中", package.QuerySelector("[data-testid=package-state]")!.TextContent.Trim());
        Assert.NotNull(package.QuerySelector("button[disabled]"));
        Assert.DoesNotContain(package.QuerySelectorAll("button"), b => b.TextContent.Contains("削除", StringComparison.Ordinal));
        Assert.Contains("結果確認中", list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        Assert.Contains("送信結果を確認中のため変更・削除できません", changeHtml, StringComparison.Ordinal);
        Assert.Contains("送信結果を確認中のため変更・削除できません", afterDelete, StringComparison.Ordinal);
        var stored = await _factory.QueryAsync(db => db.ShippingPackages.AsNoTracking().SingleAsync(p => p.Id == packageId));
        Assert.Equal("123456789013", stored.TrackingNumber);
        Assert.Equal(ShipmentPushState.OutcomeUnknown, stored.PushState);
    }
}
