using System.Text.Json;
using GoQ.TikTokSync.Testing.OpenApiContract;
using GoQ.TikTokSync.TikTokShop.Emulator.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace GoQ.TikTokSync.TikTokShop.Emulator.Tests;

/// <summary>Webhook delivery over real loopback HTTP: envelope, signature and retries (docs/tiktok-shop-api.md#webhooks).</summary>
public sealed class WebhookTests
{
    [Fact]
    public async Task OrderStatusChange_IsDeliveredWithTheDocumentedEnvelopeAndSignature()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = await StartEmulatorAsync(receiver);

        var orderId = emulator.Control.CreateOrder(TestEmulator.ShopA1);
        var delivery = Assert.Single(await receiver.WaitForAsync(1));

        Assert.Equal(TestSigner.WebhookAuthorization(TestEmulator.AppKey, TestEmulator.AppSecret, delivery.Body), delivery.Authorization);
        Assert.StartsWith("application/json", delivery.ContentType, StringComparison.Ordinal);
        TikTokShopOpenApi.ValidateJsonContentType(delivery.ContentType, "webhook delivery").ThrowIfInvalid();
        TikTokShopOpenApi.Load().ValidateWebhookEnvelope(delivery.Body).ThrowIfInvalid();
        using var json = JsonDocument.Parse(delivery.Body);
        var root = json.RootElement;
        Assert.Equal(1, root.GetProperty("type").GetInt32());
        Assert.Equal(TestEmulator.ShopA1, root.GetProperty("shop_id").GetString());
        Assert.Equal(orderId, root.GetProperty("data").GetProperty("order_id").GetString());
        Assert.Equal(OrderStatuses.AwaitingShipment, root.GetProperty("data").GetProperty("order_status").GetString());
    }

    [Fact]
    public async Task SplitPackages_SendsPackageUpdateWithScTypeSplitAndThePackages()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = await StartEmulatorAsync(receiver);
        var orderId = emulator.Control.CreateOrder(TestEmulator.ShopA1, new NewOrderRequest { DistinctSkus = 2, UnitsPerSku = 1 });
        await receiver.WaitForAsync(1);

        var packages = emulator.Control.SplitPackages(orderId, 2);
        var delivery = (await receiver.WaitForAsync(2))[1];

        TikTokShopOpenApi.Load().ValidateWebhookEnvelope(delivery.Body).ThrowIfInvalid();
        using var json = JsonDocument.Parse(delivery.Body);
        var root = json.RootElement;
        Assert.Equal(4, root.GetProperty("type").GetInt32());
        Assert.Equal("SPLIT", root.GetProperty("data").GetProperty("sc_type").GetString());
        var listed = root.GetProperty("data").GetProperty("package_list").EnumerateArray().ToList();
        Assert.Equal(packages, listed.Select(p => p.GetProperty("package_id").GetString()));
        Assert.All(listed, p => Assert.Equal(orderId, Assert.Single(p.GetProperty("order_id_list").EnumerateArray()).GetString()));
    }

    [Fact]
    public async Task Burst_IsDeliveredSeveralAtOnceWithoutWaitingForEachAnswer()
    {
        await using var receiver = await WebhookReceiver.StartAsync(holdAnswers: true);
        // A timeout longer than the wait below, so a sender that waited for each answer could not move on by timing out.
        await using var emulator = await StartEmulatorAsync(receiver, configure: o => o.WebhookTimeout = TimeSpan.FromMinutes(1));

        for (var i = 0; i < 4; i++)
        {
            emulator.Control.CreateOrder(TestEmulator.ShopA1);
        }

        // No answer has been given yet: a sender that waited for each one would have posted only the first.
        var arrived = await receiver.WaitForAsync(4);
        receiver.ReleaseAnswers();
        Assert.Equal(4, arrived.Select(d => d.Body).Distinct().Count());
    }

    [Fact]
    public async Task NonOkAnswers_AreRetriedAfterTheConfiguredDelaysWithTheSameNotification()
    {
        await using var receiver = await WebhookReceiver.StartAsync(call => call <= 2 ? 500 : 200);
        await using var emulator = await StartEmulatorAsync(receiver, [TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(50)]);

        emulator.Control.CreateOrder(TestEmulator.ShopA1);
        var deliveries = await receiver.WaitForAsync(3);
        // The 200 is recorded before the dispatcher decides on a retry; once it is there, that decision is taken.
        await WaitForAttemptAsync(emulator, a => a.StatusCode == 200);

        Assert.Single(deliveries.Select(d => d.Body).Distinct());
        Assert.Equal(3, receiver.Received.Count);
        Assert.Equal([500, 500, 200], emulator.Control.GetWebhookDeliveries().Select(d => d.StatusCode ?? 0));
        Assert.Equal([1, 2, 3], emulator.Control.GetWebhookDeliveries().Select(d => d.Attempt));
    }

    [Fact]
    public async Task AfterTheLastRetry_TheNotificationIsDropped()
    {
        await using var receiver = await WebhookReceiver.StartAsync(_ => 503);
        var log = new LogWatch();
        await using var emulator = await StartEmulatorAsync(receiver, [TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(20)], log);

        emulator.Control.CreateOrder(TestEmulator.ShopA1);
        await receiver.WaitForAsync(3);
        await log.WaitForAsync("dropped after 3 attempts");

        Assert.Equal(3, receiver.Received.Count);
    }

    [Fact]
    public async Task RetryDelay_IsMeasuredOnTheInjectedClock()
    {
        await using var receiver = await WebhookReceiver.StartAsync(call => call == 1 ? 500 : 200);
        var time = new WatchedFakeTime(TestEmulator.Start);
        var options = TestEmulator.DefaultOptions();
        options.WebhookUrl = receiver.Url.ToString();
        await using var emulator = await TikTokShopEmulator.StartAsync(options, configure: b => b.Services.AddSingleton<TimeProvider>(time));

        emulator.Control.CreateOrder(TestEmulator.ShopA1);
        await receiver.WaitForAsync(1);
        // The retry is parked on the fake clock: from here only moving the clock can bring it.
        await time.WaitForTimerAsync(options.WebhookRetryDelays[0]);
        var beforeTheDelay = receiver.Received.Count;
        time.Advance(TimeSpan.FromMinutes(2));
        await receiver.WaitForAsync(2);

        Assert.Equal(1, beforeTheDelay);
    }

    [Fact]
    public async Task ShopSubscription_FromTheEventApi_TakesPrecedenceOverTheAppUrl()
    {
        await using var appLevel = await WebhookReceiver.StartAsync();
        await using var shopLevel = await WebhookReceiver.StartAsync();
        await using var emulator = await TestEmulator.StartOnLoopbackAsync(o => o.WebhookUrl = appLevel.Url.ToString());
        var subscribe = await emulator.CallAsync(
            "PUT", "/event/202309/webhooks",
            body: JsonSerializer.Serialize(new { address = shopLevel.Url.ToString(), event_type = "ORDER_STATUS_CHANGE" }));

        emulator.Control.CreateOrder(TestEmulator.ShopA1);
        await shopLevel.WaitForAsync(1);
        var listed = await emulator.CallAsync("GET", "/event/202309/webhooks");
        (await emulator.CallAsync("DELETE", "/event/202309/webhooks", body: """{"event_type":"ORDER_STATUS_CHANGE"}""")).AssertSuccess();
        emulator.Control.CreateOrder(TestEmulator.ShopA1);
        await appLevel.WaitForAsync(1);

        subscribe.AssertSuccess();
        var hook = Assert.Single(listed.AssertSuccess().Data.GetProperty("webhooks").EnumerateArray());
        Assert.Equal(shopLevel.Url.ToString(), hook.GetProperty("address").GetString());
        Assert.Equal(1, listed.Data.GetProperty("total_count").GetInt32());
        Assert.Single(shopLevel.Received);
    }

    [Fact]
    public async Task RecipientAddressChange_IsDeliveredAsType3WithTheOrderId()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = await StartEmulatorAsync(receiver);
        var orderId = emulator.Control.CreateOrder(TestEmulator.ShopA1);
        await receiver.WaitForAsync(1);

        emulator.Control.ChangeRecipientAddress(orderId);
        var delivery = (await receiver.WaitForAsync(2))[1];

        TikTokShopOpenApi.Load().ValidateWebhookEnvelope(delivery.Body).ThrowIfInvalid();
        using var json = JsonDocument.Parse(delivery.Body);
        Assert.Equal(3, json.RootElement.GetProperty("type").GetInt32());
        Assert.Equal(orderId, json.RootElement.GetProperty("data").GetProperty("order_id").GetString());
    }

    [Fact]
    public async Task UpdateShopWebhook_UnknownEventType_IsRefused()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var response = await emulator.CallAsync("PUT", "/event/202309/webhooks", body: """{"address":"https://example.jp/hook","event_type":"NOT_A_TOPIC"}""");

        response.AssertError(98001004);
    }

    [Fact]
    public async Task BuyerCancellation_SendsCancellationAndStatusChanges()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = await StartEmulatorAsync(receiver);
        var id = emulator.Control.CreateOrder(TestEmulator.ShopA1, new NewOrderRequest { Status = OrderStatuses.OnHold });
        await receiver.WaitForAsync(1);

        emulator.Control.CancelOrder(id, CancelInitiator.Buyer);
        var all = await receiver.WaitForAsync(3);

        var types = all.Select(d => JsonDocument.Parse(d.Body).RootElement).ToList();
        var cancellation = Assert.Single(types, t => t.GetProperty("type").GetInt32() == 11);
        Assert.Equal("BUYER", cancellation.GetProperty("data").GetProperty("cancellations_role").GetString());
        Assert.Equal(id, cancellation.GetProperty("data").GetProperty("order_id").GetString());
        var cancelStatus = types.Last(t => t.GetProperty("type").GetInt32() == 1).GetProperty("data").GetProperty("order_status").GetString();
        Assert.Contains(cancelStatus, new[] { "CANCEL", "CANCELLED" });
        Assert.All(all, d => TikTokShopOpenApi.Load().ValidateWebhookEnvelope(d.Body).ThrowIfInvalid());
    }

    [Fact]
    public async Task Revocation_SendsSellerDeauthorizationPerShop()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = await StartEmulatorAsync(receiver);
        emulator.Control.IssueTokens(TestEmulator.SellerA);

        Assert.Equal(1, emulator.Control.RevokeAuthorization(TestEmulator.SellerA));
        var deliveries = await receiver.WaitForAsync(2);

        var shops = deliveries.Select(d => JsonDocument.Parse(d.Body).RootElement)
            .Where(r => r.GetProperty("type").GetInt32() == 6)
            .Select(r => r.GetProperty("shop_id").GetString())
            .Order()
            .ToList();
        Assert.Equal([TestEmulator.ShopA1, TestEmulator.ShopA2], shops);
        Assert.All(deliveries, d => TikTokShopOpenApi.Load().ValidateWebhookEnvelope(d.Body).ThrowIfInvalid());
    }

    [Fact]
    public async Task AuthorizationEndingWithin30Days_SendsUpcomingExpirationOncePerDay()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var time = new FakeTimeProvider(TestEmulator.Start);
        var options = TestEmulator.DefaultOptions();
        options.WebhookUrl = receiver.Url.ToString();
        await using var emulator = await TikTokShopEmulator.StartAsync(options, configure: b => b.Services.AddSingleton<TimeProvider>(time));
        var control = emulator.Services.GetRequiredService<Control.EmulatorControl>();
        emulator.Control.IssueTokens(TestEmulator.SellerB, AuthorizationPeriod.ThreeMonths);

        control.Tick();
        time.Advance(TimeSpan.FromDays(70));
        control.Tick();
        control.Tick();
        await receiver.WaitForAsync(1);
        time.Advance(TimeSpan.FromDays(1));
        control.Tick();
        var deliveries = await receiver.WaitForAsync(2);

        Assert.Equal(2, deliveries.Count);
        var first = JsonDocument.Parse(deliveries[0].Body).RootElement;
        Assert.Equal(7, first.GetProperty("type").GetInt32());
        Assert.Equal(TestEmulator.ShopB, first.GetProperty("shop_id").GetString());
        Assert.Equal(
            TestEmulator.Start.AddMonths(3).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            first.GetProperty("data").GetProperty("expiration_time").GetString());
        Assert.All(deliveries, d => TikTokShopOpenApi.Load().ValidateWebhookEnvelope(d.Body).ThrowIfInvalid());
    }

    [Fact]
    public async Task NoWebhookUrl_SendsNothing()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = await StartEmulatorAsync(receiver);
        emulator.Control.SetWebhookUrl(null);

        var unsent = emulator.Control.CreateOrder(TestEmulator.ShopA1);
        // Deliveries leave one after another: once a later order's arrives, the first one's would have arrived before it.
        emulator.Control.SetWebhookUrl(receiver.Url.ToString());
        var later = emulator.Control.CreateOrder(TestEmulator.ShopA1);
        var delivered = await receiver.WaitForAsync(1);

        Assert.Contains(later, Assert.Single(delivered).Body, StringComparison.Ordinal);
        Assert.DoesNotContain(unsent, delivered[0].Body, StringComparison.Ordinal);
        // The emulator records an attempt once the receiver's answer is back, a moment after the receiver saw the body.
        await WaitForAttemptAsync(emulator, a => a.StatusCode == 200);
        Assert.Single(emulator.Control.GetWebhookDeliveries());
    }

    private static Task<EmulatorHandle> StartEmulatorAsync(WebhookReceiver receiver, List<TimeSpan>? delays = null, LogWatch? log = null, Action<EmulatorOptions>? configure = null)
    {
        var options = TestEmulator.DefaultOptions();
        options.WebhookUrl = receiver.Url.ToString();
        if (delays is not null)
        {
            options.WebhookRetryDelays = delays;
        }

        configure?.Invoke(options);

        return log is null
            ? TikTokShopEmulator.StartAsync(options)
            : TikTokShopEmulator.StartAsync(options, configure: b => b.Logging.AddProvider(log));
    }

    /// <summary>Waits until the emulator has recorded a delivery attempt that matches; throws after 15 s.</summary>
    private static async Task WaitForAttemptAsync(EmulatorHandle emulator, Func<WebhookDeliveryAttempt, bool> matches)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!emulator.Control.GetWebhookDeliveries().Any(matches))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The expected webhook delivery attempt was not recorded within 15 s.");
            }

            await Task.Delay(20);
        }
    }
}
