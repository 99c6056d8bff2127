using System.Globalization;
using System.Net;
using AngleSharp.Html.Parser;
using GoQ.TikTokSync.Core.Import.FetchOrders;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.Orders.StatusTallies;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.TikTokShop.Emulator;
using GoQ.TikTokSync.TikTokShop.Emulator.Fulfillment;
using GoQ.TikTokSync.Web.Tests.Shipping.Push;
using GoQ.TikTokSync.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Web.Tests.Orders.StatusTallies;

/// <summary>
/// 受注一覧's tab counts come from maintained tallies: after every kind of status change the operator's day has — import,
/// bulk move, push, cancellation on TikTok — they equal a full count of the orders, and the tabs show them.
/// </summary>
public sealed class OrderStatusTallyTests : IAsyncLifetime
{
    private readonly TikTokSyncWebFactory _factory = new() { Settings = ExportTestKit.QuickRetries };
    private int _connectionId;

    public async Task InitializeAsync()
    {
        var admin = await _factory.CreateUserAsync(TikTokSyncWebFactory.AdminEmail, AppRoles.Admin);
        await _factory.CreateUserAsync(TikTokSyncWebFactory.OperatorEmail, AppRoles.Operator);
        _connectionId = await _factory.AddAuthorizedConnectionAsync(admin.Id, c => c.StatusAfterPush = GoqOrderStatus.Processed);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private async Task AssertTalliesMatchOrdersAsync(string afterWhat)
    {
        var (tallied, counted) = await _factory.QueryAsync(async db => (
            (await OrderStatusTallyUpkeep.ReadAsync(db, CancellationToken.None)).OrderBy(c => c.Status).ToList(),
            (await OrderStatusTallyUpkeep.CountOrdersAsync(db, CancellationToken.None)).OrderBy(c => c.Status).ToList()));
        Assert.True(counted.SequenceEqual(tallied), $"after {afterWhat}: counted {string.Join(", ", counted)}; tallied {string.Join(", ", tallied)}");
    }

    [Fact]
    public async Task TabCounts_AfterImportMovePushAndCancellation_EqualAFullCount_AndTheTabsShowThem()
    {
        var orders = await _factory.CreateAndImportAsync(_connectionId, 4);
        await AssertTalliesMatchOrdersAsync("import");

        var client = _factory.CreateBrowserlessClient();
        await FormPosting.SignInAsync(client, TikTokSyncWebFactory.OperatorEmail);
        var move = await FormPosting.PostFormAsync(client, "/Orders?handler=Move", new Dictionary<string, string>
        {
            ["Selected"] = orders[0].Id.ToString(CultureInfo.InvariantCulture),
            ["MoveTo"] = nameof(GoqOrderStatus.OnHold),
        });
        Assert.Equal(HttpStatusCode.Redirect, move.StatusCode);
        await AssertTalliesMatchOrdersAsync("bulk move");

        await _factory.EnterValidAsync(orders[1].Id, Carrier.Yamato, ExportTestKit.NextTracking(JapaneseCarriers.Yamato));
        await _factory.PushAsync(_connectionId);
        Assert.Equal(GoqOrderStatus.Processed, await _factory.QueryAsync(db => db.Orders.Where(o => o.Id == orders[1].Id).Select(o => o.GoqStatus).SingleAsync()));
        await AssertTalliesMatchOrdersAsync("push");

        _factory.Emulator().CancelOrder(orders[2].TikTokOrderId, CancelInitiator.Seller);
        await _factory.ImportAsync(_connectionId, ImportMode.Incremental);
        Assert.Equal(GoqOrderStatus.Cancelled, await _factory.QueryAsync(db => db.Orders.Where(o => o.Id == orders[2].Id).Select(o => o.GoqStatus).SingleAsync()));
        await AssertTalliesMatchOrdersAsync("cancellation");

        var page = new HtmlParser().ParseDocument(await client.GetStringAsync("/Orders"));
        string Tab(GoqOrderStatus status) => page.QuerySelector($"[data-testid=status-tabs] a[data-status={status}] [data-count]")!.TextContent.Trim();
        Assert.Equal("1", Tab(GoqOrderStatus.NewOrder));
        Assert.Equal("1", Tab(GoqOrderStatus.OnHold));
        Assert.Equal("1", Tab(GoqOrderStatus.Processed));
        Assert.Equal("1", Tab(GoqOrderStatus.Cancelled));
        Assert.Equal("4", page.QuerySelector("[data-testid=status-tabs] a[data-status=All] [data-count]")!.TextContent.Trim());
    }
}
