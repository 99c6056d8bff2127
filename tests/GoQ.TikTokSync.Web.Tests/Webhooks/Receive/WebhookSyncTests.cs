using System.Net;
using GoQ.TikTokSync.Core.Import.FetchOrders;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Malls.Alerts;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.ProcessingLog;
using GoQ.TikTokSync.Core.Scheduling;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.Core.Webhooks;
using GoQ.TikTokSync.TikTokShop.Emulator;
using GoQ.TikTokSync.TikTokShop.Models;
using GoQ.TikTokSync.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GoQ.TikTokSync.Web.Tests.Webhooks.Receive;

/// <summary>Notifications re-read the orders from the in-process emulator and store them through the import's upsert.</summary>
public sealed class WebhookSyncTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TikTokSyncWebFactory _factory = new() { SeedOrders = 40, Settings = WebhookTestKit.QuickSettings, TestServices = ApiCallCounter.Install };
    private string _adminId = string.Empty;

    public async Task InitializeAsync() => _adminId = (await _factory.CreateUserAsync(TikTokSyncWebFactory.AdminEmail, AppRoles.Admin)).Id;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private ApiCallCounter ApiCalls => _factory.Services.GetRequiredService<ApiCallCounter>();

    [Fact]
    public async Task OrderStatusChange_NewOrderInFetchStatus_IsImportedWithOneLogEntry()
    {
        var id = await _factory.AddAuthorizedConnectionAsync(_adminId, c => c.TargetGoqStatus = GoqOrderStatus.AwaitingShipment);
        var orderId = _factory.Emulator().CreateOrder(DemoDefaults.ShopId);

        var response = await _factory.CreateClient().PostAsync(WebhookTestKit.OrderStatusChange(orderId, "AWAITING_SHIPMENT"));
        await _factory.WaitUntilProcessedAsync(1);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var order = await _factory.QueryAsync(db => db.Orders.AsNoTracking().SingleAsync(o => o.TikTokOrderId == orderId));
        Assert.Equal(GoqOrderStatus.AwaitingShipment, order.GoqStatus);
        var entry = await _factory.QueryAsync(db => db.ProcessingLogEntries.Include(e => e.Items).AsNoTracking().SingleAsync(e => e.Kind == ProcessingKind.Webhook));
        Assert.Equal(id, entry.MallConnectionId);
        Assert.Equal(ProcessingResult.Success, entry.Result);
        Assert.Equal(1, entry.Created);
        Assert.Contains(entry.Items, i => i.TikTokOrderId == orderId && i.Outcome == ProcessingItemOutcome.Created);
        Assert.NotNull((await _factory.ConnectionAsync(id)).LastWebhookAtUtc);
    }

    [Fact]
    public async Task OrderStatusChange_OrderOutsideFetchStatus_IsNotImported_WhateverTheWebhookSays()
    {
        await _factory.AddAuthorizedConnectionAsync(_adminId);
        var unpaid = _factory.Emulator().CreateOrder(DemoDefaults.ShopId, new NewOrderRequest { Status = OrderStatuses.Unpaid, PaysAfter = TimeSpan.FromDays(2) });

        // The webhook claims the order is shippable; TikTok's order detail says UNPAID, and that is what counts.
        await _factory.CreateClient().PostAsync(WebhookTestKit.OrderStatusChange(unpaid, "AWAITING_SHIPMENT"));
        await _factory.WaitUntilProcessedAsync(1);

        Assert.False(await _factory.QueryAsync(db => db.Orders.AnyAsync(o => o.TikTokOrderId == unpaid)));
        var entry = await _factory.QueryAsync(db => db.ProcessingLogEntries.AsNoTracking().SingleAsync(e => e.Kind == ProcessingKind.Webhook));
        Assert.Equal(1, entry.Skipped);
    }

    [Fact]
    public async Task DuplicateDeliveries_ImportOnceAndReadTheOrderOnce()
    {
        await _factory.AddAuthorizedConnectionAsync(_adminId);
        var orderId = _factory.Emulator().CreateOrder(DemoDefaults.ShopId);
        var body = WebhookTestKit.OrderStatusChange(orderId, "AWAITING_SHIPMENT");
        var client = _factory.CreateClient();

        await client.PostAsync(body);
        await client.PostAsync(body);
        await _factory.WaitUntilProcessedAsync(1);
        var third = await client.PostAsync(body);
        // A third copy after the work was done queues nothing: once the queues are empty, nothing more will read TikTok.
        await _factory.WaitUntilJobsIdleAsync();

        Assert.Equal(HttpStatusCode.OK, third.StatusCode);

        Assert.Equal(1, await _factory.QueryAsync(db => db.WebhookNotifications.CountAsync()));
        Assert.Equal(1, await _factory.QueryAsync(db => db.Orders.CountAsync(o => o.TikTokOrderId == orderId)));
        Assert.Equal(1, await _factory.QueryAsync(db => db.ProcessingLogEntries.CountAsync(e => e.Kind == ProcessingKind.Webhook)));
        Assert.Single(ApiCalls.DetailIdsPerCall);
    }

    [Fact]
    public async Task OutOfOrder_CancelArrivesBeforeCreate_StoreEndsWithTikTokState()
    {
        await _factory.AddAuthorizedConnectionAsync(_adminId);
        var emulator = _factory.Emulator();
        var orderId = emulator.CreateOrder(DemoDefaults.ShopId);
        var created = WebhookTestKit.OrderStatusChange(orderId, "AWAITING_SHIPMENT");
        emulator.CancelOrder(orderId, CancelInitiator.Seller);
        var client = _factory.CreateClient();

        await client.PostAsync(WebhookTestKit.CancellationStatusChange(orderId));
        await client.PostAsync(WebhookTestKit.OrderStatusChange(orderId, "CANCEL"));
        await _factory.WaitUntilProcessedAsync(2);
        await client.PostAsync(created);
        await _factory.WaitUntilProcessedAsync(3);

        // Never seen in 取得ステータス by the store: a cancelled order is not imported, late "created" news or not.
        Assert.Equal(OrderStatuses.Cancelled, emulator.GetOrder(orderId)!.Status);
        Assert.False(await _factory.QueryAsync(db => db.Orders.AnyAsync(o => o.TikTokOrderId == orderId)));
    }

    [Fact]
    public async Task OutOfOrder_StaleCreateAfterCancelOfStoredOrder_KeepsItCancelled()
    {
        await _factory.AddAuthorizedConnectionAsync(_adminId);
        var emulator = _factory.Emulator();
        var orderId = emulator.CreateOrder(DemoDefaults.ShopId);
        var created = WebhookTestKit.OrderStatusChange(orderId, "AWAITING_SHIPMENT");
        var client = _factory.CreateClient();
        await client.PostAsync(created);
        await _factory.WaitUntilProcessedAsync(1);

        emulator.CancelOrder(orderId, CancelInitiator.Seller);
        await client.PostAsync(WebhookTestKit.CancellationStatusChange(orderId));
        await client.PostAsync(WebhookTestKit.OrderStatusChange(orderId, "AWAITING_SHIPMENT"));
        await _factory.WaitUntilProcessedAsync(3);

        var order = await _factory.QueryAsync(db => db.Orders.AsNoTracking().SingleAsync(o => o.TikTokOrderId == orderId));
        Assert.Equal(TikTokOrderStatus.Cancelled, order.TikTokStatus);
        Assert.Equal(GoqOrderStatus.Cancelled, order.GoqStatus);
        Assert.True(order.IsCancelledOnTikTok);
        Assert.False(order.CancellationAcknowledged);
    }

    [Fact]
    public async Task RecipientAddressUpdate_RereadsTheStoredOrder()
    {
        await _factory.AddAuthorizedConnectionAsync(_adminId);
        var orderId = _factory.Emulator().CreateOrder(DemoDefaults.ShopId);
        var client = _factory.CreateClient();
        await client.PostAsync(WebhookTestKit.OrderStatusChange(orderId, "AWAITING_SHIPMENT"));
        await _factory.WaitUntilProcessedAsync(1);

        await client.PostAsync(WebhookTestKit.Envelope(WebhookTypes.RecipientAddressUpdate, null, DemoDefaults.ShopId, $"{{\"order_id\":\"{orderId}\",\"update_time\":1718305585}}"));
        await _factory.WaitUntilProcessedAsync(2);

        Assert.Equal(2, ApiCalls.DetailIdsPerCall.Count);
        Assert.Equal(2, await _factory.QueryAsync(db => db.ProcessingLogEntries.CountAsync(e => e.Kind == ProcessingKind.Webhook)));
    }

    [Fact]
    public async Task Burst_500NotificationsFor100Orders_FewDetailCallsAndOneRowPerOrder()
    {
        await _factory.AddAuthorizedConnectionAsync(_adminId);
        var emulator = _factory.Emulator();
        var orderIds = Enumerable.Range(0, 100).Select(_ => emulator.CreateOrder(DemoDefaults.ShopId)).ToList();
        var bodies = Enumerable.Range(0, 5).SelectMany(round => orderIds.Select(id => WebhookTestKit.OrderStatusChange(id, "AWAITING_SHIPMENT"))).ToList();
        var client = _factory.CreateClient();

        var responses = new List<HttpStatusCode>();
        foreach (var chunk in bodies.Chunk(20))
        {
            responses.AddRange((await Task.WhenAll(chunk.Select(b => client.PostAsync(b)))).Select(r => r.StatusCode));
        }

        await _factory.WaitUntilProcessedAsync(500);

        Assert.All(responses, s => Assert.Equal(HttpStatusCode.OK, s));
        var calls = ApiCalls.DetailIdsPerCall.ToList();
        Assert.All(calls, ids => Assert.InRange(ids, 1, 50));
        output.WriteLine($"{calls.Count} order-detail calls ({string.Join(", ", calls)} ids) for 500 notifications about 100 orders");
        // One call per notification would be 500, one per order 100; batches of up to 50 ids over a few coalesced runs stay far below.
        Assert.True(calls.Count <= 25, $"{calls.Count} detail calls for 500 notifications");
        var batches = await _factory.QueryAsync(db => db.ProcessingLogEntries.CountAsync(e => e.Kind == ProcessingKind.Webhook));
        Assert.True(calls.Count <= 2 * batches, $"{calls.Count} detail calls in {batches} batches of at most 100 orders");
        var stored = await _factory.QueryAsync(db => db.Orders.Where(o => orderIds.Contains(o.TikTokOrderId)).Select(o => o.TikTokOrderId).ToListAsync());
        Assert.Equal(orderIds.Order(), stored.Order());
    }

    [Fact]
    public async Task SellerDeauthorization_MarksReauthorizationRequiredAndPausesFetches()
    {
        var id = await _factory.AddAuthorizedConnectionAsync(_adminId);

        var response = await _factory.CreateClient().PostAsync(WebhookTestKit.Envelope(WebhookTypes.SellerDeauthorization, null, DemoDefaults.ShopId, "{\"message\":\"seller deauthorized\"}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var connection = await _factory.ConnectionAsync(id);
        Assert.Equal(AuthorizationState.ReauthorizationRequired, connection.AuthorizationState);
        Assert.Contains("再認証が必要です", connection.ReauthorizationReason, StringComparison.Ordinal);
        var alerts = await _factory.QueryAsync(db => ConnectionAlerts.LoadAsync(db, TimeProvider.System, _factory.Services.GetRequiredService<IOptions<MallSettingsOptions>>().Value, CancellationToken.None));
        Assert.Contains(alerts, a => a.MallConnectionId == id && a.Level == ConnectionAlertLevel.ReauthorizationRequired);
        var fetch = await _factory.ImportAsync(id, ImportMode.Incremental);
        Assert.Equal(ProcessingResult.Skipped, fetch.Result);
        Assert.True(await _factory.QueryAsync(db => db.ProcessingLogEntries.AnyAsync(e => e.Kind == ProcessingKind.Webhook && e.Reason!.Contains("SELLER_DEAUTHORIZATION"))));
    }

    [Fact]
    public async Task UpcomingAuthorizationExpiration_StoresTheDateForTheYellowBanner()
    {
        var id = await _factory.AddAuthorizedConnectionAsync(_adminId);
        var expiresAt = DateTimeOffset.UtcNow.AddDays(5).ToUnixTimeSeconds();

        await _factory.CreateClient().PostAsync(WebhookTestKit.Envelope(WebhookTypes.UpcomingAuthorizationExpiration, null, DemoDefaults.ShopId, $"{{\"message\":\"expires soon\",\"expiration_time\":\"{expiresAt}\"}}"));

        var connection = await _factory.ConnectionAsync(id);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(expiresAt).UtcDateTime, connection.AuthorizationExpiresAtUtc);
        var alerts = await _factory.QueryAsync(db => ConnectionAlerts.LoadAsync(db, TimeProvider.System, _factory.Services.GetRequiredService<IOptions<MallSettingsOptions>>().Value, CancellationToken.None));
        var alert = Assert.Single(alerts, a => a.MallConnectionId == id);
        Assert.Equal(ConnectionAlertLevel.AuthorizationExpiringSoon, alert.Level);
        Assert.Equal(connection.AuthorizationExpiresAtUtc, alert.AuthorizationExpiresAtUtc);
    }

    [Fact]
    public async Task WebhookWhileFetchHoldsTheLease_IsRescheduledAndSyncsAfterRelease()
    {
        var id = await _factory.AddAuthorizedConnectionAsync(_adminId);
        var orderId = _factory.Emulator().CreateOrder(DemoDefaults.ShopId);
        using var scope = _factory.Services.CreateScope();
        var held = await scope.ServiceProvider.GetRequiredService<FetchLease>().TryAcquireAsync(id, CancellationToken.None);
        Assert.NotNull(held);

        await _factory.CreateClient().PostAsync(WebhookTestKit.OrderStatusChange(orderId, "AWAITING_SHIPMENT"));
        await _factory.WaitUntilJobScheduledAsync();
        Assert.False(await _factory.QueryAsync(db => db.Orders.AnyAsync(o => o.TikTokOrderId == orderId)));
        await held.DisposeAsync();
        await _factory.WaitUntilProcessedAsync(1);

        Assert.True(await _factory.QueryAsync(db => db.Orders.AnyAsync(o => o.TikTokOrderId == orderId)));
    }

    [Fact]
    public async Task WebhookWhileFetchHoldsTheLease_DoesNotOccupyTheWorkerWhileItWaits()
    {
        var busy = await _factory.AddAuthorizedConnectionAsync(_adminId);
        var other = await _factory.AddAuthorizedConnectionAsync(_adminId);
        var orderId = _factory.Emulator().CreateOrder(DemoDefaults.ShopId);
        using var scope = _factory.Services.CreateScope();
        await using var held = await scope.ServiceProvider.GetRequiredService<FetchLease>().TryAcquireAsync(busy, CancellationToken.None);
        Assert.NotNull(held);
        await _factory.CreateClient().PostAsync(WebhookTestKit.OrderStatusChange(orderId, "AWAITING_SHIPMENT"));
        // The coalescing window has passed and the sync has found the connection busy.
        await _factory.WaitUntilJobScheduledAsync();

        // The test host runs one Hangfire worker: a sync waiting on it would keep this fetch from starting.
        var fetchId = await scope.ServiceProvider.GetRequiredService<ManualFetch>().StartAsync(other, null, null, "admin", CancellationToken.None);
        await WaitForEntryAsync(fetchId, TimeSpan.FromSeconds(10), "the fetch of another connection did not run while the webhook sync waited for the lease");

        Assert.Equal(1, await _factory.QueryAsync(db => db.WebhookNotifications.CountAsync(n => n.ProcessedAtUtc == null)));
    }

    [Fact]
    public async Task WebhookAutoFetchAndManualFetch_Racing_OneRowPerOrderAndTikTokState()
    {
        var id = await _factory.AddAuthorizedConnectionAsync(_adminId, c => c.AutoFetchEnabled = true);
        await _factory.ImportAsync(id, ImportMode.ConfiguredDays);
        var emulator = _factory.Emulator();
        var stored = await _factory.QueryAsync(db => db.Orders.Select(o => o.TikTokOrderId).Take(5).ToListAsync());
        foreach (var orderId in stored)
        {
            emulator.CancelOrder(orderId, CancelInitiator.Seller);
        }

        var fresh = Enumerable.Range(0, 20).Select(_ => emulator.CreateOrder(DemoDefaults.ShopId)).ToList();
        var client = _factory.CreateClient();
        var webhooks = Task.WhenAll(stored.Select(o => WebhookTestKit.CancellationStatusChange(o))
            .Concat(fresh.Select(o => WebhookTestKit.OrderStatusChange(o, "AWAITING_SHIPMENT")))
            .Select(b => client.PostAsync(b)));
        long manualEntryId;
        using (var scope = _factory.Services.CreateScope())
        {
            manualEntryId = await scope.ServiceProvider.GetRequiredService<ManualFetch>().StartAsync(id, null, null, "admin", CancellationToken.None);
        }

        await Task.WhenAll(
            webhooks,
            RunAutoFetchAsync(id),
            _factory.ImportAsync(id, ImportMode.Incremental),
            _factory.ImportAsync(id, ImportMode.ConfiguredDays));
        await _factory.WaitUntilProcessedAsync(25);
        await WaitForEntryAsync(manualEntryId);
        // What any path may have missed while the others held the lease, the next 10-minute run picks up.
        await RunAutoFetchAsync(id);

        var rows = await _factory.QueryAsync(db => db.Orders.AsNoTracking().Select(o => new { o.TikTokOrderId, o.TikTokStatus, o.GoqStatus }).ToListAsync());
        Assert.Equal(rows.Count, rows.Select(r => r.TikTokOrderId).Distinct().Count());
        Assert.All(fresh, o => Assert.Contains(rows, r => r.TikTokOrderId == o));
        Assert.All(rows, r => Assert.Equal(emulator.GetOrder(r.TikTokOrderId)!.Status, r.TikTokStatus.Value));
        Assert.All(stored, o => Assert.Equal(GoqOrderStatus.Cancelled, rows.Single(r => r.TikTokOrderId == o).GoqStatus));
    }

    [Fact]
    public async Task ConnectionPage_ShowsWebhookUrlAndTimeOfLastValidWebhook()
    {
        var id = await _factory.AddAuthorizedConnectionAsync(_adminId);
        var client = _factory.CreateBrowserlessClient();
        await FormPosting.SignInAsync(client, TikTokSyncWebFactory.AdminEmail);
        var before = await (await client.GetAsync($"/MallSettings/Details/{id}")).Content.ReadAsStringAsync();

        await _factory.CreateClient().PostAsync(WebhookTestKit.Envelope(99, null, DemoDefaults.ShopId, "{}"));
        await _factory.CreateClient().PostAsync(WebhookTestKit.Envelope(99, null, DemoDefaults.ShopId, "{}"), "0000");
        var after = await (await client.GetAsync($"/MallSettings/Details/{id}")).Content.ReadAsStringAsync();

        Assert.Contains("<code data-testid=\"webhook-url\">http://localhost/webhooks/tiktok-shop</code>", before, StringComparison.Ordinal);
        Assert.Contains("<td data-testid=\"last-webhook\">未受信</td>", before, StringComparison.Ordinal);
        var received = (await _factory.ConnectionAsync(id)).LastWebhookAtUtc;
        Assert.NotNull(received);
        Assert.Contains($"<td data-testid=\"last-webhook\">{Core.Time.JapanTime.Format(received)}</td>", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LastWebhookTime_WrittenMomentsAgo_IsNotWrittenAgainUntilItIsOlderThanTheRefresh()
    {
        var id = await _factory.AddAuthorizedConnectionAsync(_adminId);
        var client = _factory.CreateClient();
        var recent = DateTime.UtcNow.AddSeconds(-5);
        await _factory.WithDbAsync(db => db.MallConnections.Where(c => c.Id == id).ExecuteUpdateAsync(set => set.SetProperty(c => c.LastWebhookAtUtc, recent)));

        await client.PostAsync(WebhookTestKit.Envelope(99, null, DemoDefaults.ShopId, "{}"));
        var afterRecent = (await _factory.ConnectionAsync(id)).LastWebhookAtUtc;
        var old = DateTime.UtcNow - Core.Webhooks.Receive.WebhookIntake.LastWebhookRefresh - TimeSpan.FromSeconds(1);
        await _factory.WithDbAsync(db => db.MallConnections.Where(c => c.Id == id).ExecuteUpdateAsync(set => set.SetProperty(c => c.LastWebhookAtUtc, old)));
        await client.PostAsync(WebhookTestKit.Envelope(99, null, DemoDefaults.ShopId, "{}"));
        var afterOld = (await _factory.ConnectionAsync(id)).LastWebhookAtUtc;

        Assert.Equal(recent, afterRecent!.Value, TimeSpan.FromMilliseconds(1));
        Assert.True(afterOld > old.AddSeconds(1), $"{afterOld:O} was not refreshed from {old:O}");
    }

    private async Task RunAutoFetchAsync(int connectionId)
    {
        using var scope = _factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<AutoFetchJob>().RunAsync(connectionId, CancellationToken.None);
    }

    /// <summary>Waits for the entry's run to finish; fails the test, saying <paramref name="failure"/>, when it does not in time.</summary>
    private async Task WaitForEntryAsync(long entryId, TimeSpan? within = null, string? failure = null)
    {
        var limit = within ?? TimeSpan.FromSeconds(30);
        var giveUpAt = DateTime.UtcNow + limit;
        while (!await _factory.QueryAsync(db => db.ProcessingLogEntries.AnyAsync(e => e.Id == entryId && e.FinishedAtUtc != null)))
        {
            if (DateTime.UtcNow > giveUpAt)
            {
                Assert.Fail(failure ?? $"自動処理ログ entry {entryId} did not finish within {limit.TotalSeconds:0} s.");
            }

            await Task.Delay(200);
        }
    }
}
