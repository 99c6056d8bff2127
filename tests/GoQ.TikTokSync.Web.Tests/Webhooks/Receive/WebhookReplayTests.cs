using System.Net;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.ProcessingLog;
using GoQ.TikTokSync.Core.Retention.Purge;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.Core.Webhooks;
using GoQ.TikTokSync.TikTokShop.Emulator;
using GoQ.TikTokSync.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GoQ.TikTokSync.Web.Tests.Webhooks.Receive;

/// <summary>
/// A correctly signed delivery is taken only inside the timestamp window, its dedupe key outlives the window whatever
/// the 自動処理ログ's 保存期間, and authorization notices older than the latest authorization change nothing.
/// </summary>
public sealed class WebhookReplayTests : IAsyncLifetime
{
    private const string IgnoredTopicData = "{}";
    private const int IgnoredTopic = 99;

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly TikTokSyncWebFactory _factory;

    public WebhookReplayTests() => _factory = new TikTokSyncWebFactory
    {
        Time = _time,
        Settings = new Dictionary<string, string>(WebhookTestKit.QuickSettings) { ["ProcessingLog:RetentionDays"] = "1" },
    };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Theory]
    [InlineData(-16)]
    [InlineData(16)]
    [InlineData(-60 * 24)]
    public async Task Delivery_StampedOutsideTheWindow_Answers200AndRecordsNothing(int minutesFromNow)
    {
        var body = WebhookTestKit.OrderStatusChange("576653688135258178", "AWAITING_SHIPMENT", shopId: "7000000000000000011");
        var stale = WebhookTestKit.Envelope(IgnoredTopic, null, DemoDefaults.ShopId, IgnoredTopicData, _time.GetUtcNow().AddMinutes(minutesFromNow));
        var id = await _factory.AddConnectionAsync(c => c.TikTokShopId = DemoDefaults.ShopId);

        var response = await _factory.CreateClient().PostAsync(stale);
        var fresh = await _factory.CreateClient().PostAsync(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        var stored = await _factory.QueryAsync(db => db.WebhookNotifications.AsNoTracking().Select(n => n.ShopId).ToListAsync());
        Assert.Equal(["7000000000000000011"], stored);
        Assert.Null((await _factory.ConnectionAsync(id)).LastWebhookAtUtc);
    }

    [Fact]
    public async Task Delivery_WithoutTimestamp_Answers200AndRecordsNothing()
    {
        var body = System.Text.Encoding.UTF8.GetBytes($"{{\"type\":{IgnoredTopic},\"tts_notification_id\":\"{WebhookTestKit.NextNotificationId()}\",\"shop_id\":\"7000000000000000012\",\"data\":{{}}}}");

        var response = await _factory.CreateClient().PostAsync(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, await _factory.QueryAsync(db => db.WebhookNotifications.CountAsync()));
    }

    [Fact]
    public async Task CapturedDelivery_ReplayedAfterItsDedupeRowIsPurged_IsRefused()
    {
        await _factory.AddConnectionAsync(c => c.TikTokShopId = DemoDefaults.ShopId);
        var captured = WebhookTestKit.Envelope(IgnoredTopic, null, DemoDefaults.ShopId, IgnoredTopicData);
        var client = _factory.CreateClient();
        await client.PostAsync(captured);
        Assert.Equal(1, await _factory.QueryAsync(db => db.WebhookNotifications.CountAsync()));

        _time.Advance(TimeSpan.FromDays(8));
        await RunPurgesAsync();
        Assert.Equal(0, await _factory.QueryAsync(db => db.WebhookNotifications.CountAsync()));
        var replay = await client.PostAsync(captured);

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(0, await _factory.QueryAsync(db => db.WebhookNotifications.CountAsync()));
    }

    [Fact]
    public async Task DedupeRows_OutliveAShorterProcessingLogRetention_AndGoOnTheirOwn()
    {
        await _factory.AddConnectionAsync(c => c.TikTokShopId = DemoDefaults.ShopId);
        await _factory.CreateClient().PostAsync(WebhookTestKit.Envelope(IgnoredTopic, null, DemoDefaults.ShopId, IgnoredTopicData));

        // 保存期間 of the 自動処理ログ is one day here; the dedupe keys are kept seven (Webhooks:DedupeRetention).
        _time.Advance(TimeSpan.FromDays(2));
        await RunPurgesAsync();
        Assert.Equal(1, await _factory.QueryAsync(db => db.WebhookNotifications.CountAsync()));

        _time.Advance(TimeSpan.FromDays(6));
        await RunPurgesAsync();
        Assert.Equal(0, await _factory.QueryAsync(db => db.WebhookNotifications.CountAsync()));
    }

    [Fact]
    public async Task SellerDeauthorization_SentBeforeTheLatestAuthorization_LeavesItAuthorized()
    {
        var admin = await _factory.CreateUserAsync(TikTokSyncWebFactory.AdminEmail, AppRoles.Admin);
        var id = await _factory.AddAuthorizedConnectionAsync(admin.Id);
        var before = _time.GetUtcNow().AddMinutes(-5);

        var response = await _factory.CreateClient().PostAsync(WebhookTestKit.Envelope(WebhookTypes.SellerDeauthorization, null, DemoDefaults.ShopId, "{\"message\":\"seller deauthorized\"}", before));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var connection = await _factory.ConnectionAsync(id);
        Assert.Equal(AuthorizationState.Authorized, connection.AuthorizationState);
        Assert.Null(connection.ReauthorizationReason);

        // The same notice sent after the authorization does break it.
        await _factory.CreateClient().PostAsync(WebhookTestKit.Envelope(WebhookTypes.SellerDeauthorization, null, DemoDefaults.ShopId, "{\"message\":\"seller deauthorized\"}"));
        Assert.Equal(AuthorizationState.ReauthorizationRequired, (await _factory.ConnectionAsync(id)).AuthorizationState);
    }

    [Fact]
    public async Task UpcomingAuthorizationExpiration_SentBeforeTheLatestAuthorization_KeepsTheNewEnd()
    {
        var admin = await _factory.CreateUserAsync(TikTokSyncWebFactory.AdminEmail, AppRoles.Admin);
        var id = await _factory.AddAuthorizedConnectionAsync(admin.Id);
        var authorizationEnd = (await _factory.ConnectionAsync(id)).AuthorizationExpiresAtUtc;
        var oldEnd = _time.GetUtcNow().AddDays(3).ToUnixTimeSeconds();

        await _factory.CreateClient().PostAsync(WebhookTestKit.Envelope(WebhookTypes.UpcomingAuthorizationExpiration, null, DemoDefaults.ShopId, $"{{\"message\":\"expires soon\",\"expiration_time\":\"{oldEnd}\"}}", _time.GetUtcNow().AddMinutes(-5)));

        Assert.Equal(authorizationEnd, (await _factory.ConnectionAsync(id)).AuthorizationExpiresAtUtc);
        Assert.False(await _factory.QueryAsync(db => db.ProcessingLogEntries.AnyAsync(e => e.Kind == ProcessingKind.Webhook && e.MallConnectionId == id)));
    }

    [Fact]
    public async Task Start_DedupeRetentionShorterThanTwiceTheWindow_FailsValidation()
    {
        await using var factory = new TikTokSyncWebFactory
        {
            Settings = new Dictionary<string, string> { ["Webhooks:TimestampTolerance"] = "00:15:00", ["Webhooks:DedupeRetention"] = "00:20:00" },
        };

        var error = Assert.ThrowsAny<Exception>(() => factory.Services);

        Assert.Contains("DedupeRetention", error.ToString(), StringComparison.Ordinal);
    }

    private async Task RunPurgesAsync()
    {
        using var scope = _factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<ProcessingLogPurgeJob>().RunAsync(CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<WebhookNotificationPurgeJob>().RunAsync(CancellationToken.None);
    }
}
