using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using GoQ.TikTokSync.Core.Webhooks;
using GoQ.TikTokSync.TikTokShop;
using GoQ.TikTokSync.TikTokShop.Emulator;
using GoQ.TikTokSync.TikTokShop.Webhooks;
using GoQ.TikTokSync.Web.Infrastructure;
using GoQ.TikTokSync.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Web.Tests.Webhooks.Receive;

/// <summary>Webhook deliveries as TikTok makes them: the envelope of docs/tiktok-shop-api.md#webhook-payloads, signed with the demo app's key and secret.</summary>
public static class WebhookTestKit
{
    /// <summary>Test settings: a short coalescing window keeps the tests quick while still gathering a burst.</summary>
    public static readonly IReadOnlyDictionary<string, string> QuickSettings = new Dictionary<string, string>
    {
        ["Webhooks:CoalesceWindow"] = "00:00:01",
        ["Webhooks:RescheduleDelay"] = "00:00:01",
    };

    private static long _sequence = 7_380_066_284_010_030_000;

    public static string NextNotificationId() => Interlocked.Increment(ref _sequence).ToString(CultureInfo.InvariantCulture);

    public static byte[] OrderStatusChange(string orderId, string status, string? notificationId = null, string shopId = DemoDefaults.ShopId) =>
        Envelope(WebhookTypes.OrderStatusChange, notificationId, shopId, $"{{\"is_on_hold_order\":false,\"order_id\":\"{orderId}\",\"order_status\":\"{status}\",\"update_time\":{Now()}}}");

    public static byte[] CancellationStatusChange(string orderId, string? notificationId = null) =>
        Envelope(WebhookTypes.CancellationStatusChange, notificationId, DemoDefaults.ShopId, $"{{\"cancel_id\":\"5769{orderId[^6..]}\",\"cancel_status\":\"CANCELLATION_REQUEST_COMPLETE\",\"cancellations_role\":\"SELLER\",\"create_time\":{Now()},\"order_id\":\"{orderId}\"}}");

    /// <summary>An envelope stamped now, or at <paramref name="sentAt"/> (a replay, a late delivery, a clock ahead).</summary>
    public static byte[] Envelope(int type, string? notificationId, string shopId, string data, DateTimeOffset? sentAt = null)
    {
        var id = notificationId ?? NextNotificationId();
        var timestamp = sentAt?.ToUnixTimeSeconds() ?? Now();
        return Encoding.UTF8.GetBytes($"{{\"type\":{type},\"tts_notification_id\":\"{id}\",\"shop_id\":\"{shopId}\",\"timestamp\":{timestamp},\"data\":{data}}}");
    }

    public static string Sign(byte[] body) => TikTokShopWebhookVerifier.ComputeSignature(DemoDefaults.AppKey, DemoDefaults.AppSecret, body);

    public static Task<HttpResponseMessage> PostAsync(this HttpClient client, byte[] body) => client.PostAsync(body, Sign(body));

    public static async Task<HttpResponseMessage> PostAsync(this HttpClient client, byte[] body, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, TikTokShopWebhooks.Path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", signature);
        }

        return await client.SendAsync(request);
    }

    /// <summary>Waits until every recorded notification has been worked off (the jobs run on Hangfire's own worker).</summary>
    public static async Task WaitUntilProcessedAsync(this TikTokSyncWebFactory factory, int expectedNotifications)
    {
        var giveUpAt = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < giveUpAt)
        {
            var (total, open) = await factory.QueryAsync(async db => (
                await db.WebhookNotifications.CountAsync(),
                await db.WebhookNotifications.CountAsync(n => n.ProcessedAtUtc == null)));
            if (total >= expectedNotifications && open == 0)
            {
                return;
            }

            await Task.Delay(200);
        }

        Assert.Fail($"Webhook notifications were not processed within 30 s (expected {expectedNotifications}).");
    }

    /// <summary>
    /// Waits until Hangfire's storage satisfies <paramref name="condition"/> (a job scheduled, the queues empty, …), and
    /// fails the test with <paramref name="what"/> when it does not within <paramref name="within"/> (30 s by default).
    /// </summary>
    public static async Task WaitForJobsAsync(this TikTokSyncWebFactory factory, Func<Hangfire.Storage.IMonitoringApi, bool> condition, string what, TimeSpan? within = null)
    {
        var monitoring = factory.Services.GetRequiredService<Hangfire.JobStorage>().GetMonitoringApi();
        var limit = within ?? TimeSpan.FromSeconds(30);
        var giveUpAt = DateTime.UtcNow + limit;
        while (!condition(monitoring))
        {
            if (DateTime.UtcNow > giveUpAt)
            {
                Assert.Fail($"Background jobs: {what} did not happen within {limit.TotalSeconds:0} s.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Nothing enqueued, running or scheduled: every job the app queued so far has run to its end.</summary>
    public static Task WaitUntilJobsIdleAsync(this TikTokSyncWebFactory factory) =>
        factory.WaitForJobsAsync(m => m.ProcessingCount() == 0 && m.ScheduledCount() == 0 && m.Queues().All(q => q.Length == 0), "the job queues running empty");

    /// <summary>A job has put itself back on the schedule (a webhook sync that found the connection's lease taken).</summary>
    public static Task WaitUntilJobScheduledAsync(this TikTokSyncWebFactory factory) =>
        factory.WaitForJobsAsync(m => m.ScheduledCount() > 0, "a webhook sync rescheduling itself");

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();
}
