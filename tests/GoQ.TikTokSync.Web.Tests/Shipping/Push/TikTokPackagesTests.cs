using AngleSharp.Html.Parser;
using GoQ.TikTokSync.Core.Import.FetchOrders;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.ProcessingLog;
using GoQ.TikTokSync.Core.Shipping.Push;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.TikTokShop.Emulator;
using GoQ.TikTokSync.TikTokShop.Emulator.Fulfillment;
using GoQ.TikTokSync.TikTokShop.Errors;
using GoQ.TikTokSync.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Web.Tests.Shipping.Push;

/// <summary>
/// Orders whose packages TikTok made itself: split before shipping (one ship call per TikTok package, 21011048 read back
/// and re-mapped), corrected per package, and combined with other orders (one parcel, shipped once).
/// </summary>
public sealed class TikTokPackagesTests : IAsyncLifetime
{
    private static readonly NewOrderRequest TwoLines = new() { DistinctSkus = 2, UnitsPerSku = 1 };
    private readonly TikTokSyncWebFactory _factory = new() { Settings = ExportTestKit.QuickRetries, TestServices = ResponseLoss.Install };
    private int _connectionId;

    public async Task InitializeAsync()
    {
        var admin = await _factory.CreateUserAsync(TikTokSyncWebFactory.AdminEmail, AppRoles.Admin);
        _connectionId = await _factory.AddAuthorizedConnectionAsync(admin.Id);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Push_OrderTikTokSplitBeforeImport_ShipsEachTikTokPackageWithItsLines()
    {
        var (orderId, tikTokId) = (await _factory.CreateAndImportAsync(_connectionId, 1, TwoLines with { TikTokPackages = 2 }))[0];
        var packageId = await _factory.EnterValidAsync(orderId, Carrier.Yamato, ExportTestKit.NextTracking(JapaneseCarriers.Yamato));

        var run = await _factory.PushAsync(_connectionId);

        var pushed = await _factory.PackageAsync(packageId);
        Assert.True(pushed.PushState == ShipmentPushState.Pushed, $"{pushed.PushState}: {pushed.FailureReason}");
        Assert.Equal(1, run.Updated);
        Assert.Equal(0, run.Failed);
        var calls = _factory.Emulator().GetShipCalls();
        Assert.Equal(2, calls.Applied);
        Assert.Equal(0, calls.Rejected);
        var shipping = _factory.Emulator().GetShipping(tikTokId)!;
        Assert.Equal(2, shipping.Packages.Count);
        Assert.All(shipping.Packages, p => Assert.Single(p.LineItemIds));
    }

    [Fact]
    public async Task Push_TikTokSplitsAfterImport_ReadsThePackagesBackRemapsTheLinesAndShipsOnce()
    {
        var (orderId, tikTokId) = (await _factory.CreateAndImportAsync(_connectionId, 1, TwoLines))[0];
        var tikTokPackages = _factory.Emulator().SplitPackages(tikTokId, 2);
        var packageId = await _factory.EnterValidAsync(orderId, Carrier.Yamato, ExportTestKit.NextTracking(JapaneseCarriers.Yamato));

        var run = await _factory.PushAsync(_connectionId);

        Assert.Equal(1, run.Updated);
        Assert.Equal(ShipmentPushState.Pushed, (await _factory.PackageAsync(packageId)).PushState);
        var calls = _factory.Emulator().GetShipCalls();
        Assert.Equal(1, calls.Rejected); // the 21011048 that made the push read the packages back
        Assert.Equal(2, calls.Applied);
        Assert.Equal(0, calls.PackagesAppliedMoreThanOnce);
        Assert.Equal(tikTokPackages.Order(), _factory.Emulator().GetShipping(tikTokId)!.Packages.Select(p => p.PackageId).Order());
        var storedPackages = await _factory.QueryAsync(db => db.OrderLines.Where(l => l.OrderId == orderId).Select(l => l.PackageId).ToListAsync());
        Assert.Equal(tikTokPackages.Order(), storedPackages.Order());
    }

    [Fact]
    public async Task Push_SplitAndThePackagesCannotBeReadBack_FailsWithAJapaneseReasonOnThePackageAndInTheRun()
    {
        var (orderId, tikTokId) = (await _factory.CreateAndImportAsync(_connectionId, 1, TwoLines))[0];
        _factory.Emulator().SplitPackages(tikTokId, 2);
        var packageId = await _factory.EnterValidAsync(orderId, Carrier.Yamato, ExportTestKit.NextTracking(JapaneseCarriers.Yamato));
        _factory.Services.GetRequiredService<ResponseLoss>().FailNextReadBacks(1);

        var run = await _factory.PushAsync(_connectionId);

        Assert.Equal(1, run.Failed);
        var package = await _factory.PackageAsync(packageId);
        Assert.Equal(ShipmentPushState.Failed, package.PushState);
        Assert.Contains("荷物ごとに発送する商品の指定が必要です", package.FailureReason, StringComparison.Ordinal);
        Assert.Contains("21011048", package.FailureReason, StringComparison.Ordinal);
        var item = await _factory.QueryAsync(db => db.ProcessingLogItems.SingleAsync(i => i.ProcessingLogEntryId == run.Id));
        Assert.Equal(ProcessingItemOutcome.Failed, item.Outcome);
        Assert.Contains("荷物ごとに発送する商品の指定が必要です", item.Message, StringComparison.Ordinal);
        Assert.Equal(0, _factory.Emulator().GetShipCalls().Applied);
        var page = new HtmlParser().ParseDocument(await (await SignedInClientAsync()).GetStringAsync($"/Orders/{orderId}"));
        Assert.Contains("荷物ごとに発送する商品の指定が必要です", page.QuerySelector("[data-testid=package-failure]")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrackingCorrection_SplitOrder_GoesToTheTikTokPackageOncePerPackage()
    {
        var (orderId, tikTokId) = (await _factory.CreateAndImportAsync(_connectionId, 1, TwoLines with { TikTokPackages = 2 }))[0];
        var lines = await _factory.LineIdsAsync(orderId);
        var first = await _factory.EnterValidAsync(orderId, Carrier.Yamato, ExportTestKit.NextTracking(JapaneseCarriers.Yamato), [lines[0]]);
        await _factory.EnterValidAsync(orderId, Carrier.Yamato, ExportTestKit.NextTracking(JapaneseCarriers.Yamato), [lines[1]]);
        await _factory.PushAsync(_connectionId);
        var corrected = ExportTestKit.NextTracking(JapaneseCarriers.Yamato);

        var change = await _factory.EnterAsync(orderId, Carrier.Yamato, corrected, [lines[0]], packageId: first);
        var run = await _factory.PushAsync(_connectionId);
        var second = await _factory.EnterAsync(orderId, Carrier.Yamato, ExportTestKit.NextTracking(JapaneseCarriers.Yamato), [lines[0]], packageId: first);

        Assert.True(change.Saved, string.Join(" / ", change.Errors.Select(e => e.Message)));
        Assert.Equal(1, run.Updated);
        var tikTokPackage = Assert.Single(_factory.Emulator().GetShipCalls().Packages, p => p.LineItemIds.Contains(lines[0]));
        Assert.Equal(1, tikTokPackage.TrackingUpdates);
        Assert.Equal(corrected, _factory.Emulator().GetShipping(tikTokId)!.Packages.Single(p => p.PackageId == tikTokPackage.PackageId).TrackingNumber);
        Assert.False(second.Saved);
        Assert.Contains("1荷物につき1回まで", Assert.Single(second.Errors).Message, StringComparison.Ordinal);
        var page = new HtmlParser().ParseDocument(await (await SignedInClientAsync()).GetStringAsync($"/Orders/{orderId}"));
        Assert.Equal("この荷物の伝票番号は訂正済みです（1荷物につき1回まで）。", page.QuerySelector($"[data-testid=package-{first}] [data-testid=correction-limit]")?.TextContent.Trim());
    }

    [Fact]
    public async Task Push_CombinedOrders_ShipsTheParcelOnceAndTheOtherOrderIsPushedWithoutASecondCall()
    {
        var orders = await _factory.CreateAndImportAsync(_connectionId, 2);
        _factory.Emulator().CombineOrders(orders.Select(o => o.TikTokOrderId).ToList());
        await _factory.ImportAsync(_connectionId, ImportMode.ConfiguredDays);
        var tracking = ExportTestKit.NextTracking(JapaneseCarriers.Yamato);
        var packages = new List<long>();
        foreach (var (id, _) in orders)
        {
            packages.Add(await _factory.EnterValidAsync(id, Carrier.Yamato, tracking));
        }

        var run = await _factory.PushAsync(_connectionId);

        Assert.Equal(2, run.Updated);
        Assert.Equal(0, run.Failed);
        foreach (var package in packages)
        {
            Assert.Equal(ShipmentPushState.Pushed, (await _factory.PackageAsync(package)).PushState);
        }

        var calls = _factory.Emulator().GetShipCalls();
        Assert.Equal(1, calls.Calls);
        Assert.Equal(1, calls.Applied);
        Assert.All(orders, o => Assert.Equal("AWAITING_COLLECTION", _factory.Emulator().GetOrder(o.TikTokOrderId)!.Status));
        Assert.Equal(0, (await _factory.PushAsync(_connectionId)).Updated);
        Assert.Equal(1, _factory.Emulator().GetShipCalls().Calls);

        var client = await SignedInClientAsync();
        var list = new HtmlParser().ParseDocument(await client.GetStringAsync("/Orders?q=" + orders[0].TikTokOrderId));
        Assert.Equal("同梱: " + orders[1].TikTokOrderId, list.QuerySelector("[data-testid=combined]")?.TextContent.Trim());
        var detail = new HtmlParser().ParseDocument(await client.GetStringAsync($"/Orders/{orders[1].Id}"));
        Assert.Contains(orders[0].TikTokOrderId, detail.QuerySelector("[data-testid=combined-note]")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Push_SecondPackageCallFails_ResendShipsOnlyTheRemainingPackage()
    {
        var (orderId, tikTokId) = (await _factory.CreateAndImportAsync(_connectionId, 1, TwoLines with { TikTokPackages = 2 }))[0];
        var tracking = ExportTestKit.NextTracking(JapaneseCarriers.Yamato);
        var packageId = await _factory.EnterValidAsync(orderId, Carrier.Yamato, tracking);
        // The first package's call goes through; the second is refused by the rate limit before it reaches TikTok.
        _factory.Services.GetRequiredService<ResponseLoss>().FailShipCallsAfter(passing: 1, failing: 1,
            new TikTokShopApiException(TikTokShopErrorClassification.Retryable, "/fulfillment/202309/orders/{order_id}/packages", 36009004, "Too many requests (test)", null, 429));

        await _factory.PushAsync(_connectionId);
        var afterFailure = await _factory.PackageAsync(packageId);
        var resend = await _factory.PushAsync(_connectionId);

        Assert.NotEqual(ShipmentPushState.Pushed, afterFailure.PushState);
        var pushed = await _factory.PackageAsync(packageId);
        Assert.True(pushed.PushState == ShipmentPushState.Pushed, $"{pushed.PushState}: {pushed.FailureReason}");
        Assert.Equal(1, resend.Updated);
        Assert.Equal(0, resend.Failed);
        var packages = _factory.Emulator().GetShipCalls().Packages.Where(p => p.OrderId == tikTokId).ToList();
        Assert.Equal(2, packages.Count);
        Assert.All(packages, p => Assert.Equal((1, 0, tracking), (p.Applied, p.RejectedAlreadyShipped, p.TrackingNumber)));
        var attempts = await _factory.QueryAsync(db => db.ShippingPushAttempts.Where(a => a.ShippingPackageId == packageId && a.ProcessingLogEntryId == resend.Id).ToListAsync());
        Assert.Single(attempts, a => a.Call == ShippingPushCall.ReadBack && a.Result == ShippingPushResult.ConfirmedByReadBack);
        Assert.Single(attempts, a => a.Call == ShippingPushCall.MarkPackageAsShipped && a.Result == ShippingPushResult.Success);
        Assert.Equal(0, (await _factory.PushAsync(_connectionId)).Updated);
        Assert.Equal(2, _factory.Emulator().GetShipCalls().Packages.Where(p => p.OrderId == tikTokId).Sum(p => p.Calls));
    }

    [Fact]
    public async Task Push_SecondPackageCallUnansweredAndReadBackFails_NextRunReadsBackAndShipsOnlyTheRemainingPackage()
    {
        var (orderId, tikTokId) = (await _factory.CreateAndImportAsync(_connectionId, 1, TwoLines with { TikTokPackages = 2 }))[0];
        var tracking = ExportTestKit.NextTracking(JapaneseCarriers.Yamato);
        var packageId = await _factory.EnterValidAsync(orderId, Carrier.Yamato, tracking);
        var loss = _factory.Services.GetRequiredService<ResponseLoss>();
        // The second call gets no answer (it never reached TikTok) and the read-back after it fails too.
        loss.FailShipCallsAfter(passing: 1, failing: 1,
            new TikTokShopApiException(TikTokShopErrorClassification.OutcomeUnknown, "/fulfillment/202309/orders/{order_id}/packages", null, "timeout (test)", null, null));
        loss.FailNextReadBacks(1);

        await _factory.PushAsync(_connectionId);
        var unknown = await _factory.PackageAsync(packageId);
        var next = await _factory.PushAsync(_connectionId);

        Assert.Equal(ShipmentPushState.OutcomeUnknown, unknown.PushState);
        var pushed = await _factory.PackageAsync(packageId);
        Assert.True(pushed.PushState == ShipmentPushState.Pushed, $"{pushed.PushState}: {pushed.FailureReason}");
        Assert.Equal(1, next.Updated);
        var packages = _factory.Emulator().GetShipCalls().Packages.Where(p => p.OrderId == tikTokId).ToList();
        Assert.Equal(2, packages.Count);
        Assert.All(packages, p => Assert.Equal((1, 0, tracking), (p.Applied, p.RejectedAlreadyShipped, p.TrackingNumber)));
    }

    private async Task<HttpClient> SignedInClientAsync()
    {
        var client = _factory.CreateBrowserlessClient();
        await FormPosting.SignInAsync(client, TikTokSyncWebFactory.AdminEmail);
        return client;
    }
}
