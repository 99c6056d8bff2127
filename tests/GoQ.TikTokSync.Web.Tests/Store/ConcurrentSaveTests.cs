using System.Net;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.TikTokShop.Models;
using GoQ.TikTokSync.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Web.Tests.Store;

/// <summary>
/// A save that races an import, a push or a token refresh (DbUpdateConcurrencyException) shows the page again with
/// 「他の処理と同時に更新されました。画面を開き直してください。」 and everything the operator typed, instead of the error page.
/// </summary>
public sealed class ConcurrentSaveTests : IAsyncLifetime
{
    private const string ConflictMessage = "他の処理と同時に更新されました。画面を開き直してください。";

    private readonly RacingWriter<Order> _orderRace = new();
    private readonly RacingWriter<MallConnection> _connectionRace = new();
    private readonly TikTokSyncWebFactory _factory;
    private long _orderId;
    private int _connectionId;

    public ConcurrentSaveTests()
    {
        _factory = new TikTokSyncWebFactory
        {
            TestServices = services => services.ConfigureDbContext<TikTokSyncDbContext>(options => options.AddInterceptors(_orderRace, _connectionRace)),
        };
    }

    public async Task InitializeAsync()
    {
        await _factory.CreateUserAsync(TikTokSyncWebFactory.AdminEmail, AppRoles.Admin);
        await _factory.WithDbAsync(async db =>
        {
            var connection = new MallConnection { DisplayName = "TikTok Shop 1号店", TikTokShopId = "shop-1" };
            db.MallConnections.Add(connection);
            await db.SaveChangesAsync();
            var order = new Order
            {
                MallConnectionId = connection.Id,
                TikTokOrderId = "576100000000000001",
                TikTokStatus = TikTokOrderStatus.AwaitingShipment,
                OrderedAtUtc = DateTime.UtcNow.AddDays(-1),
                TikTokUpdatedAtUtc = DateTime.UtcNow.AddDays(-1),
                Lines = [new OrderLine { TikTokLineItemId = "5761000000000000011", SkuId = "sku", ProductName = "商品" }],
            };
            db.Orders.Add(order);
            await db.SaveChangesAsync();
            _orderId = order.Id;
            _connectionId = connection.Id;
        });
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private async Task<HttpClient> SignedInAsync()
    {
        var client = _factory.CreateBrowserlessClient();
        await FormPosting.SignInAsync(client, TikTokSyncWebFactory.AdminEmail);
        return client;
    }

    /// <summary>What an import does to an order it re-reads: new values, new concurrency token.</summary>
    private Task ImportTouchesTheOrderAsync() => _factory.WithDbAsync(db =>
        db.Orders.Where(o => o.Id == _orderId).ExecuteUpdateAsync(s => s.SetProperty(o => o.Version, Guid.NewGuid()).SetProperty(o => o.TikTokStatus, TikTokOrderStatus.AwaitingCollection)));

    private static async Task<string> PageAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    [Fact]
    public async Task OrderNote_SaveRacingAnImport_ShowsTheConflictAndKeepsTheTypedNote()
    {
        var client = await SignedInAsync();
        _orderRace.BeforeNextSave(ImportTouchesTheOrderAsync);

        var response = await FormPosting.PostFormAsync(client, $"/Orders/{_orderId}?handler=Note", new Dictionary<string, string> { ["Note"] = "午前中に配達希望・のし付き" });

        Assert.True(_orderRace.Fired);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await PageAsync(response);
        Assert.Contains(ConflictMessage, html, StringComparison.Ordinal);
        Assert.Contains(">午前中に配達希望・のし付き</textarea>", html, StringComparison.Ordinal);
        Assert.Null(await _factory.QueryAsync(db => db.Orders.Where(o => o.Id == _orderId).Select(o => o.OperatorNote).SingleAsync()));
    }

    [Fact]
    public async Task OrdersListMove_RacingAnImport_ShowsTheConflictWithTheSelectionKept()
    {
        var client = await SignedInAsync();
        _orderRace.BeforeNextSave(ImportTouchesTheOrderAsync);

        var response = await FormPosting.PostFormAsync(client, "/Orders?handler=Move", new Dictionary<string, string>
        {
            ["Selected"] = _orderId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["MoveTo"] = nameof(GoqOrderStatus.Processed),
        });

        Assert.True(_orderRace.Fired);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await PageAsync(response);
        Assert.Contains(ConflictMessage, html, StringComparison.Ordinal);
        Assert.Matches($"name=\"Selected\" value=\"{_orderId}\" checked", html);
        Assert.Matches($"<option value=\"{nameof(GoqOrderStatus.Processed)}\" selected", html);
        Assert.NotEqual(GoqOrderStatus.Processed, await _factory.QueryAsync(db => db.Orders.Where(o => o.Id == _orderId).Select(o => o.GoqStatus).SingleAsync()));
    }

    [Fact]
    public async Task OrdersListShipDate_RacingAPush_ShowsTheConflictWithTheTypedDateKept()
    {
        var client = await SignedInAsync();
        _orderRace.BeforeNextSave(ImportTouchesTheOrderAsync);
        var shipDate = Core.Time.JapanTime.Today(TimeProvider.System).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var response = await FormPosting.PostFormAsync(client, "/Orders?handler=ShipDate", new Dictionary<string, string>
        {
            ["Selected"] = _orderId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["BulkCarrier"] = nameof(Carrier.Sagawa),
            ["BulkShipDate"] = shipDate,
        });

        Assert.True(_orderRace.Fired);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await PageAsync(response);
        Assert.Contains(ConflictMessage, html, StringComparison.Ordinal);
        Assert.Contains($"name=\"BulkShipDate\" value=\"{shipDate}\"", html, StringComparison.Ordinal);
        Assert.Matches($"<option value=\"{nameof(Carrier.Sagawa)}\" selected", html);
        Assert.Equal(0, await _factory.QueryAsync(db => db.ShippingPackages.CountAsync()));
    }

    [Fact]
    public async Task MallSettingsSave_RacingATokenRefresh_ShowsTheConflictAndKeepsTheFormValues()
    {
        var client = await SignedInAsync();
        _connectionRace.BeforeNextSave(() => _factory.WithDbAsync(db =>
            db.MallConnections.Where(c => c.Id == _connectionId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Version, Guid.NewGuid()))));

        var response = await FormPosting.PostFormAsync(client, $"/MallSettings/Details/{_connectionId}?handler=Save", new Dictionary<string, string>
        {
            ["Input.FetchTikTokStatus"] = TikTokOrderStatus.AwaitingShipment.Value,
            ["Input.TargetGoqStatus"] = nameof(GoqOrderStatus.NewOrder),
            ["Input.FetchDays"] = "13",
            ["Input.StatusAfterPush"] = string.Empty,
        });

        Assert.True(_connectionRace.Fired);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await PageAsync(response);
        Assert.Contains(ConflictMessage, html, StringComparison.Ordinal);
        Assert.Contains("name=\"Input.FetchDays\" value=\"13\"", html, StringComparison.Ordinal);
        Assert.NotEqual(13, await _factory.QueryAsync(db => db.MallConnections.Where(c => c.Id == _connectionId).Select(c => c.FetchDays).SingleAsync()));
    }
}
