using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using GoQ.TikTokSync.TikTokShop.Emulator.Orders;
using GoQ.TikTokSync.TikTokShop.Emulator.Protocol;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GoQ.TikTokSync.TikTokShop.Emulator.Webhooks;

/// <summary>The envelope TikTok posts (docs/tiktok-shop-api.md#webhook-payloads): type, tts_notification_id, shop_id, timestamp, data.</summary>
internal static class WebhookBody
{
    public static byte[] Build(int type, string notificationId, string shopId, long timestamp, object data)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = WireJson.Options.Encoder }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("type", type);
            writer.WriteString("tts_notification_id", notificationId);
            writer.WriteString("shop_id", shopId);
            writer.WriteNumber("timestamp", timestamp);
            writer.WritePropertyName("data");
            JsonSerializer.Serialize(writer, data, data.GetType(), WireJson.Options);
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }
}

/// <summary>
/// Posts notifications in the background with the documented signature, and retries a non-200 answer after the configured
/// delays (TikTok: +2 min, +30 min, +3 h, +12 h, then drop; docs/tiktok-shop-api.md#webhook-delivery). Publishing never waits for a receiver.
/// </summary>
internal sealed partial class WebhookDispatcher : BackgroundService, IWebhookSink
{
    public const string HttpClientName = "TikTokShopEmulator.Webhooks";
    private const int MaxRecordedAttempts = 10_000;

    private readonly Channel<PendingDelivery> _queue = Channel.CreateUnbounded<PendingDelivery>(new UnboundedChannelOptions { SingleReader = false });
    private readonly List<WebhookDeliveryAttempt> _attempts = [];
    private readonly EmulatorOptions _options;
    private readonly WebhookSubscriptions _subscriptions;
    private readonly IdSource _ids;
    private readonly TimeProvider _time;
    private readonly IHttpClientFactory _httpClients;
    private readonly ILogger<WebhookDispatcher> _logger;
    private CancellationToken _stopping = CancellationToken.None;

    public WebhookDispatcher(
        EmulatorOptions options,
        WebhookSubscriptions subscriptions,
        IdSource ids,
        TimeProvider time,
        IHttpClientFactory httpClients,
        ILogger<WebhookDispatcher> logger)
    {
        _options = options;
        _subscriptions = subscriptions;
        _ids = ids;
        _time = time;
        _httpClients = httpClients;
        _logger = logger;
    }

    public void Publish(WebhookNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var address = _subscriptions.AddressFor(notification.ShopId, notification.EventType);
        if (string.IsNullOrEmpty(address) || !Uri.TryCreate(address, UriKind.Absolute, out var uri))
        {
            return;
        }

        var id = _ids.NextNotificationId();
        var body = WebhookBody.Build(
            WebhookEventTypes.NumericType(notification.EventType),
            id,
            notification.ShopId,
            _time.GetUtcNow().ToUnixTimeSeconds(),
            notification.Data);
        var signature = WebhookSignature.Compute(_options.AppKey, _options.AppSecret, body);
        _queue.Writer.TryWrite(new PendingDelivery(id, notification.EventType, notification.ShopId, uri, body, signature, 0));
    }

    public IReadOnlyList<WebhookDeliveryAttempt> Attempts()
    {
        lock (_attempts)
        {
            return _attempts.ToList();
        }
    }

    public void ClearAttempts()
    {
        lock (_attempts)
        {
            _attempts.Clear();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        try
        {
            await Task.WhenAll(Enumerable.Range(0, Math.Max(1, _options.WebhookDeliveryConcurrency)).Select(async _ =>
            {
                await foreach (var delivery in _queue.Reader.ReadAllAsync(stoppingToken))
                {
                    await DeliverAsync(delivery, stoppingToken);
                }
            }));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: undelivered notifications are dropped, as they would be after TikTok's last retry.
        }
    }

    private async Task DeliverAsync(PendingDelivery delivery, CancellationToken stoppingToken)
    {
        int? statusCode = null;
        string? failure = null;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Address);
            request.Content = new ByteArrayContent(delivery.Body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.TryAddWithoutValidation("Authorization", delivery.Signature);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(_options.WebhookTimeout);
            using var response = await _httpClients.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
            statusCode = (int)response.StatusCode;
        }
        catch (HttpRequestException ex)
        {
            failure = ex.Message;
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            failure = "timeout";
        }

        Record(delivery, statusCode, failure);
        if (statusCode == 200)
        {
            return;
        }

        if (delivery.Attempt < _options.WebhookRetryDelays.Count)
        {
            var delay = _options.WebhookRetryDelays[delivery.Attempt];
            LogRetryScheduled(delivery.NotificationId, delivery.Attempt + 1, statusCode, delay);
            _ = RetryLaterAsync(delivery with { Attempt = delivery.Attempt + 1 }, delay);
        }
        else
        {
            LogDropped(delivery.NotificationId, delivery.Attempt + 1);
        }
    }

    private async Task RetryLaterAsync(PendingDelivery delivery, TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, _time, _stopping);
            _queue.Writer.TryWrite(delivery);
        }
        catch (OperationCanceledException)
        {
            // Stopped before the retry was due.
        }
    }

    private void Record(PendingDelivery delivery, int? statusCode, string? failure)
    {
        lock (_attempts)
        {
            if (_attempts.Count >= MaxRecordedAttempts)
            {
                _attempts.RemoveAt(0);
            }

            _attempts.Add(new WebhookDeliveryAttempt(
                delivery.NotificationId,
                delivery.EventType,
                delivery.ShopId,
                delivery.Address,
                delivery.Attempt + 1,
                statusCode,
                failure,
                _time.GetUtcNow(),
                Encoding.UTF8.GetString(delivery.Body),
                delivery.Signature));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {NotificationId} attempt {Attempt} got {StatusCode}; retrying in {Delay}")]
    private partial void LogRetryScheduled(string notificationId, int attempt, int? statusCode, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {NotificationId} dropped after {Attempts} attempts")]
    private partial void LogDropped(string notificationId, int attempts);

    private sealed record PendingDelivery(
        string NotificationId, string EventType, string ShopId, Uri Address, byte[] Body, string Signature, int Attempt);
}

internal static class WebhookMessages
{
    public static string Deauthorized(string shopId) =>
        string.Create(CultureInfo.InvariantCulture, $"The seller has deauthorized the app for shop_id {shopId}.");

    /// <summary>Wording from a public DTO of this webhook (a public DTO of this webhook); UNCONFIRMED beyond that.</summary>
    public static string UpcomingExpiration(string shopId, int days) =>
        string.Create(CultureInfo.InvariantCulture, $"Authorization of shop_id {shopId} is expiring in {days} days. Please direct the merchant to re-authorize");
}
