using System.Net;
using AngleSharp.Html.Parser;
using GoQ.TikTokSync.Core.Import.FetchOrders;
using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.ProcessingLog;
using GoQ.TikTokSync.Core.Scheduling;
using GoQ.TikTokSync.Core.Shipping.Push;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.Core.Webhooks;
using GoQ.TikTokSync.TikTokShop.Emulator;
using GoQ.TikTokSync.TikTokShop.Emulator.Fulfillment;
using GoQ.TikTokSync.Web.Tests.Infrastructure;
using GoQ.TikTokSync.Web.Tests.Shipping.Push;
using GoQ.TikTokSync.Web.Tests.Webhooks.Receive;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Web.Tests.Import.FetchOrders;

/// <summary>
/// What TikTok changes on an order after it was imported without moving its status (so without moving update_time): a line
/// cancelled on its own, the delivery address, a buyer's cancel request. Client + emulator + SQLite store, and the pages.
/// </summary>
public sealed class OrderChangesAfterImportTests : IAsyncLifetime
{
    private readonly TikTokSyncWebFactory _factory = new() { Settings = WebhookTestKit.QuickSettings, TestServices = ResponseLoss.Install };
    private int _connectionId;
    private HttpClient _operator = null!;

    public async Task InitializeAsync()
    {
        var admin = await _factory.CreateUserAsync(TikTokSyncWebFactory.AdminEmail, AppRoles.Admin);
        await _factory.CreateUserAsync(TikTokSyncWebFactory.OperatorEmail, AppRoles.Operator);
        _connectionId = await _factory.AddAuthorizedConnectionAsync(admin.Id);

        // Webhooks are posted by the tests themselves (or deliberately not at all).
        _factory.Emulator().SetWebhookUrl(null);
        _operator = _factory.CreateBrowserlessClient();
        await FormPosting.SignInAsync(_operator, TikTokSyncWebFactory.OperatorEmail);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private async Task WebhookAsync(byte[] body, int expectedNotifications)
    {
        var response = await _factory.CreateClient().PostAsync(body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await _factory.WaitUntilProcessedAsync(expectedNotifications);
    }

    private Task<Order> StoredAsync(long orderId) =>
        _factory.QueryAsync(db => db.Orders.AsNoTracking().Include(o => o.Lines).Include(o => o.History).AsSplitQuery().SingleAsync(o => o.Id == orderId));

    [Fact]
    public async Task LineCancelledOnTikTok_AfterTrackingEntry_IsShownCancelledAndNeverNamedInThePush()
    {
        var (orderId, tikTokId) = (await _factory.CreateAndImportAsync(_connectionId, 1, new NewOrderRequest { DistinctSkus = 3, UnitsPerSku = 1 }))[0];
        var lines = await _factory.LineIdsAsync(orderId);
        var first = await _factory.EnterValidAsync(orderId, Carrier.Yamato, ExportTestKit.NextTracking(JapaneseCarriers.Yamato), [lines[0], lines[1]]);
        var second = await _factory.EnterValidAsync(orderId, Carrier.Yamato, ExportTestKit.NextTracking(JapaneseCarriers.Yamato), [lines[2]]);

        var cancelled = _factory.Emulator().CancelLineItem(tikTokId, lines[1]);
        await WebhookAsync(WebhookTestKit.CancellationStatusChange(tikTokId), 1);

        var order = await StoredAsync(orderId);
        Assert.Equal(lines[1], cancelled);
        Assert.True(order.Lines.Single(l => l.TikTokLineItemId == cancelled).IsCancelled);
        Assert.Equal(2, order.Lines.Count(l => !l.IsCancelled));
        Assert.True(order.IsPartlyCancelled);
        Assert.Contains(order.History, h => h.Kind == OrderHistoryKind.ChangedOnTikTok && h.Detail!.Contains("一部キャンセル", StringComparison.Ordinal));

        var detail = new HtmlParser().ParseDocument(await _operator.GetStringAsync($"/Orders/{orderId}"));
        Assert.NotNull(detail.QuerySelector("[data-testid=partly-cancelled-alert]"));
        Assert.Single(detail.QuerySelectorAll("[data-testid=order-lines] [data-testid=line-cancelled]"));
        var list = new HtmlParser().ParseDocument(await _operator.GetStringAsync("/Orders?q=" + tikTokId));
        Assert.NotNull(list.QuerySelector("[data-testid=orders-table] [data-testid=partly-cancelled]"));

        var run = await _factory.PushAsync(_connectionId);

        Assert.Equal(ProcessingResult.Success, run.Result);
        Assert.Equal(ShipmentPushState.Pushed, (await _factory.PackageAsync(first)).PushState);
        Assert.Equal(ShipmentPushState.Pushed, (await _factory.PackageAsync(second)).PushState);
        var calls = _factory.Emulator().GetShipCalls(DemoDefaults.ShopId);
        var orderCalls = Assert.Single(calls.Orders, o => o.OrderId == tikTokId);
        Assert.Equal(0, orderCalls.Rejected);
        var shippedLines = calls.Packages.Where(p => p.OrderId == tikTokId).SelectMany(p => p.LineItemIds).ToList();
        Assert.DoesNotContain(cancelled, shippedLines);
        Assert.Equal([lines[0], lines[2]], shippedLines.Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task LineCancelledOnTikTok_ShipAnswerLost_ReadBackConfirmsThePackageWithoutSendingAgain()
    {
        var (orderId, tikTokId) = (await _factory.CreateAndImportAsync(_connectionId, 1, new NewOrderRequest { DistinctSkus = 2, UnitsPerSku = 1 }))[0];
        var packageId = await _factory.EnterValidAsync(orderId, Carrier.Yamato, ExportTestKit.NextTracking(JapaneseCarriers.Yamato));
        _factory.Emulator().CancelLineItem(tikTokId);
        await WebhookAsync(WebhookTestKit.CancellationStatusChange(tikTokId), 1);
        _factory.Services.GetRequiredService<ResponseLoss>().LoseNextShipResponses(1);

        await _factory.PushAsync(_connectionId);

        Assert.Equal(ShipmentPushState.Pushed, (await _factory.PackageAsync(packageId)).PushState);
        var orderCalls = Assert.Single(_factory.Emulator().GetShipCalls(DemoDefaults.ShopId).Orders, o => o.OrderId == tikTokId);
        Assert.Equal(1, orderCalls.Calls);
        Assert.Equal(1, orderCalls.Applied);
    }

    [Fact]
    public async Task AddressChangedAfterTrackingEntered_WarnsAndHoldsOutOfExportUntilAnOperatorConfirms()
    {
        var (orderId, tikTokId) = (await _factory.CreateAndImportAsync(_connectionId, 1))[0];
        var packageId = await _factory.EnterValidAsync(orderId, Carrier.Yamato, ExportTestKit.NextTracking(JapaneseCarriers.Yamato));
        var before = await StoredAsync(orderId);

        _factory.Emulator().ChangeRecipientAddress(tikTokId);
        await WebhookAsync(WebhookTestKit.Envelope(WebhookTypes.RecipientAddressUpdate, null, DemoDefaults.ShopId, $"{{\"order_id\":\"{tikTokId}\",\"update_time\":{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}}}"), 1);

        var changed = await StoredAsync(orderId);
        Assert.NotEqual(before.FullAddress, changed.FullAddress);
        Assert.True(changed.AddressChangeUnconfirmed);
        var excluded = Assert.Single((await _factory.ListAsync(_connectionId)).Excluded, r => r.PackageId == packageId);
        Assert.Equal(ExportEligibility.AddressChanged, excluded.Exclusion);

        var detail = new HtmlParser().ParseDocument(await _operator.GetStringAsync($"/Orders/{orderId}"));
        Assert.NotNull(detail.QuerySelector("[data-testid=address-changed-alert] [data-testid=confirm-address]"));
        var list = new HtmlParser().ParseDocument(await _operator.GetStringAsync("/Orders?q=" + tikTokId));
        Assert.NotNull(list.QuerySelector("[data-testid=orders-table] [data-testid=address-changed]"));
        var export = new HtmlParser().ParseDocument(await _operator.GetStringAsync("/Export"));
        Assert.Contains(export.QuerySelectorAll("[data-testid=exclusion-reason]"), td => td.TextContent.Contains("住所変更の確認待ち", StringComparison.Ordinal));

        var confirm = await FormPosting.PostFormAsync(_operator, $"/Orders/{orderId}?handler=ConfirmAddress", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        var confirmed = await StoredAsync(orderId);
        Assert.False(confirmed.AddressChangeUnconfirmed);
        Assert.Contains(confirmed.History, h => h.Kind == OrderHistoryKind.AddressChangeConfirmed && h.UserName == TikTokSyncWebFactory.OperatorEmail);
        var recorded = await _factory.QueryAsync(db => db.OperationHistory.AsNoTracking().Where(e => e.Kind == OperationKind.AddressChangeConfirmed).ToListAsync());
        Assert.Contains(tikTokId, Assert.Single(recorded).Summary, StringComparison.Ordinal);
        Assert.Contains((await _factory.ListAsync(_connectionId)).Candidates, r => r.PackageId == packageId);
    }

    [Fact]
    public async Task AddressChangedBeforeAnyTracking_UpdatesTheAddressWithoutHoldingTheOrder()
    {
        var (orderId, tikTokId) = (await _factory.CreateAndImportAsync(_connectionId, 1))[0];
        var before = await StoredAsync(orderId);

        _factory.Emulator().ChangeRecipientAddress(tikTokId);
        await WebhookAsync(WebhookTestKit.Envelope(WebhookTypes.RecipientAddressUpdate, null, DemoDefaults.ShopId, $"{{\"order_id\":\"{tikTokId}\",\"update_time\":{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}}}"), 1);

        var changed = await StoredAsync(orderId);
        Assert.NotEqual(before.FullAddress, changed.FullAddress);
        Assert.False(changed.AddressChangeUnconfirmed);
        Assert.Contains(changed.History, h => h.Kind == OrderHistoryKind.ChangedOnTikTok && h.Detail!.Contains("配送先住所が変更", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BuyerCancelRequest_WithNoWebhookDelivered_IsMissedByTheIncrementalRunAndSeenByTheReconciliation()
    {
        // Orders of two days ago whose life cycle has settled: their update_time lies well before the incremental cursor.
        var emulator = _factory.Emulator();
        var seeded = emulator.SeedOrders(DemoDefaults.ShopId, 10, emulator.Now.AddDays(-3), emulator.Now.AddDays(-2));
        await _factory.ImportAsync(_connectionId, ImportMode.ConfiguredDays);
        var tikTokId = seeded.First(id => emulator.GetOrder(id) is { Status: OrderStatuses.AwaitingShipment, IsBuyerRequestCancel: false });
        var orderId = await _factory.QueryAsync(db => db.Orders.Where(o => o.TikTokOrderId == tikTokId).Select(o => o.Id).SingleAsync());
        await _factory.ImportAsync(_connectionId, ImportMode.Incremental);
        var status = emulator.CancelOrder(tikTokId, CancelInitiator.Buyer);
        Assert.Equal(OrderStatuses.AwaitingShipment, status);

        // update_time is the time of the last status change: the 10-minute path cannot see a request.
        await _factory.ImportAsync(_connectionId, ImportMode.Incremental);
        Assert.False((await StoredAsync(orderId)).IsBuyerCancelRequested);

        // The last reconciliation was yesterday (JST), so the next 10-minute job runs today's.
        await _factory.WithDbAsync(db => db.MallConnections.Where(c => c.Id == _connectionId)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.LastReconciliationAtUtc, DateTime.UtcNow.AddDays(-2)).SetProperty(c => c.AutoFetchEnabled, true)));
        using (var scope = _factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<AutoFetchJob>().RunAsync(_connectionId, CancellationToken.None);
        }

        var order = await StoredAsync(orderId);
        Assert.True(order.IsBuyerCancelRequested);
        var sweep = await _factory.QueryAsync(db => db.ProcessingLogEntries.AsNoTracking().SingleAsync(e => e.Kind == ProcessingKind.StatusSweep));
        Assert.Equal(ProcessingResult.Success, sweep.Result);
        var list = new HtmlParser().ParseDocument(await _operator.GetStringAsync("/Orders?q=" + tikTokId));
        Assert.NotNull(list.QuerySelector("[data-testid=orders-table] [data-testid=cancel-requested]"));
    }

    [Fact]
    public async Task Reconciliation_RereadsAStoredOpenOrderOutsideTheFetchStatus_AndSeesItsLineCancellation()
    {
        var (orderId, tikTokId) = (await _factory.CreateAndImportAsync(_connectionId, 1, new NewOrderRequest { DistinctSkus = 3, UnitsPerSku = 1 }))[0];
        var lines = await _factory.LineIdsAsync(orderId);
        await _factory.EnterValidAsync(orderId, Carrier.Yamato, ExportTestKit.NextTracking(JapaneseCarriers.Yamato), [lines[0]]);
        await _factory.PushAsync(_connectionId);
        await _factory.ImportAsync(_connectionId, ImportMode.Incremental);
        Assert.Equal(OrderStatuses.PartiallyShipping, _factory.Emulator().GetOrder(tikTokId)!.Status);

        // PARTIALLY_SHIPPING is not 取得ステータス: the status-filtered search no longer returns the order.
        _factory.Emulator().CancelLineItem(tikTokId, lines[1]);
        Assert.Equal(OrderStatuses.PartiallyShipping, _factory.Emulator().GetOrder(tikTokId)!.Status);
        var run = await _factory.ImportAsync(_connectionId, ImportMode.Reconciliation);

        Assert.Equal(ProcessingResult.Success, run.Result);
        var order = await StoredAsync(orderId);
        Assert.True(order.Lines.Single(l => l.TikTokLineItemId == lines[1]).IsCancelled);
    }
}
