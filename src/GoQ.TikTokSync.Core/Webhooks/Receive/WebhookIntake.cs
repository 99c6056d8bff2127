using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.ProcessingLog;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GoQ.TikTokSync.Core.Webhooks.Receive;

public enum WebhookIntakeOutcome
{
    /// <summary>Recorded; any order work is queued.</summary>
    Accepted,

    /// <summary>Seen before (TikTok delivers at least once): nothing more is done.</summary>
    Duplicate,

    /// <summary>No connection has the shop; acknowledged so that TikTok does not retry for hours.</summary>
    UnknownShop,

    /// <summary>Signed correctly but not a webhook envelope.</summary>
    Malformed,

    /// <summary>
    /// Its timestamp is missing or outside <see cref="WebhookOptions.TimestampTolerance"/>: a replay, or a delivery too late
    /// to act on. Logged, recorded nowhere, and acknowledged so that TikTok does not retry it (a retry never gets fresher).
    /// </summary>
    OutsideTimeWindow,
}

/// <summary>The parts of TikTok's webhook envelope (docs/tiktok-shop-api.md#webhook-payloads) this app reads.</summary>
public sealed record WebhookEnvelope(int Type, string? NotificationId, string ShopId, DateTime? SentAtUtc, string? OrderId, DateTime? ExpirationUtc)
{
    /// <summary>Further orders a PACKAGE_UPDATE names (a combined package has several); <see cref="OrderId"/> is the first.</summary>
    public IReadOnlyList<string> OtherOrderIds { get; init; } = [];

    /// <summary>Null when the body is not JSON or lacks the type or shop. Ids are read as strings or numbers alike.</summary>
    public static WebhookEnvelope? TryParse(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("type", out var typeElement) || ReadLong(typeElement) is not { } type || type is < int.MinValue or > int.MaxValue
                || !root.TryGetProperty("shop_id", out var shopElement) || ReadText(shopElement) is not { Length: > 0 } shopId)
            {
                return null;
            }

            var notificationId = root.TryGetProperty("tts_notification_id", out var idElement) ? ReadText(idElement) : null;
            var sentAt = root.TryGetProperty("timestamp", out var timestampElement) ? FromUnixSeconds(ReadLong(timestampElement)) : null;
            string? orderId = null;
            List<string> packageOrders = [];
            DateTime? expiration = null;
            if (root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object)
            {
                orderId = data.TryGetProperty("order_id", out var orderElement) ? ReadText(orderElement) : null;
                if (string.IsNullOrEmpty(orderId) && data.TryGetProperty("package_list", out var packageList) && packageList.ValueKind == JsonValueKind.Array)
                {
                    // PACKAGE_UPDATE: package_list[] {package_id, order_id_list[]} (docs/tiktok-shop-api.md, Webhooks).
                    packageOrders = packageList.EnumerateArray()
                        .Where(p => p.ValueKind == JsonValueKind.Object && p.TryGetProperty("order_id_list", out var ids) && ids.ValueKind == JsonValueKind.Array)
                        .SelectMany(p => p.GetProperty("order_id_list").EnumerateArray().Select(ReadText))
                        .OfType<string>().Where(id => id.Length > 0).Distinct(StringComparer.Ordinal).ToList();
                    orderId = packageOrders.FirstOrDefault();
                }

                // Documented as a string epoch (UPCOMING_AUTHORIZATION_EXPIRATION); a number is taken too.
                expiration = data.TryGetProperty("expiration_time", out var expirationElement) ? FromUnixSeconds(ReadLong(expirationElement)) : null;
            }

            return new WebhookEnvelope((int)type, string.IsNullOrEmpty(notificationId) ? null : notificationId, shopId, sentAt, string.IsNullOrEmpty(orderId) ? null : orderId, expiration)
            {
                OtherOrderIds = packageOrders.Skip(1).ToList(),
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>tts_notification_id, or a hash of the exact bytes when TikTok sent none (a retry repeats the bytes).</summary>
    public static string DedupeKeyFor(WebhookEnvelope envelope, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return envelope.NotificationId is { Length: <= 90 } id ? id : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(body));
    }

    private static string? ReadText(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.GetRawText(),
        _ => null,
    };

    private static long? ReadLong(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number when element.TryGetInt64(out var number) => number,
        JsonValueKind.String when long.TryParse(element.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) => number,
        _ => null,
    };

    private static DateTime? FromUnixSeconds(long? seconds) =>
        seconds is > 0 and < 253_402_300_800 ? DateTimeOffset.FromUnixTimeSeconds(seconds.Value).UtcDateTime : null;
}

/// <summary>
/// Takes a verified webhook delivery: records it once, applies what needs no TikTok call (deauthorization, upcoming
/// expiry) and queues the order re-read. Everything here is a few single-row statements, so TikTok gets its 200 well
/// inside its 3-second budget.
/// </summary>
public sealed partial class WebhookIntake(TikTokSyncDbContext db, IBackgroundJobClient jobs, IOptions<WebhookOptions> options, TimeProvider time, ILogger<WebhookIntake> logger)
{
    public const string DeauthorizedReason = "TikTok Shop 側で連携が解除されました。再認証が必要です";

    /// <summary>A queued sync older than this is taken as lost (a crashed node) and queued again.</summary>
    public static readonly TimeSpan StaleQueuedSync = TimeSpan.FromMinutes(5);

    /// <summary>A connection's time of the last valid webhook is written again only once it is older than this.</summary>
    public static readonly TimeSpan LastWebhookRefresh = TimeSpan.FromSeconds(30);

    public async Task<WebhookIntakeOutcome> AcceptAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var envelope = WebhookEnvelope.TryParse(body.Span);
        if (envelope is null)
        {
            return WebhookIntakeOutcome.Malformed;
        }

        var dedupeKey = WebhookEnvelope.DedupeKeyFor(envelope, body.Span);
        var now = time.GetUtcNow().UtcDateTime;
        // The signature covers the bytes, not the moment: without this a captured delivery could be sent again once its
        // dedupe row is purged. TikTok stamps every envelope; one without a stamp cannot show it is fresh.
        var tolerance = options.Value.TimestampTolerance;
        if (envelope.SentAtUtc is not { } sentAt || (now - sentAt).Duration() > tolerance)
        {
            LogOutsideWindow(logger, dedupeKey, envelope.Type, envelope.ShopId, envelope.SentAtUtc, tolerance);
            return WebhookIntakeOutcome.OutsideTimeWindow;
        }

        // One query for both questions on the common path (a known shop): every statement here is paid once per notification,
        // and how fast a burst is taken in depends on them.
        var shopConnections = await db.MallConnections.AsNoTracking()
            .Where(c => c.TikTokShopId == envelope.ShopId)
            .OrderByDescending(c => c.IsEnabled).ThenBy(c => c.Id)
            .Select(c => new { c.Id, c.IsEnabled, c.LastWebhookAtUtc, Seen = db.WebhookNotifications.Any(n => n.DedupeKey == dedupeKey) })
            .ToListAsync(cancellationToken);
        var seen = shopConnections.Count > 0
            ? shopConnections[0].Seen
            : await db.WebhookNotifications.AnyAsync(n => n.DedupeKey == dedupeKey, cancellationToken);
        if (seen)
        {
            LogDuplicate(logger, dedupeKey, envelope.Type);
            return WebhookIntakeOutcome.Duplicate;
        }

        var connectionId = shopConnections.Count > 0 ? shopConnections[0].Id : (int?)null;
        // A shop set to 利用しない is not synced: its order notifications are kept for the record and need no work.
        var inUse = shopConnections.Count > 0 && shopConnections[0].IsEnabled;
        var namesAnOrder = WebhookTypes.NamesAnOrder(envelope.Type) && envelope.OrderId is not null;
        var notification = new WebhookNotification
        {
            DedupeKey = dedupeKey,
            Type = envelope.Type,
            ShopId = envelope.ShopId,
            MallConnectionId = connectionId,
            TikTokOrderId = envelope.OrderId,
            SentAtUtc = envelope.SentAtUtc,
            ReceivedAtUtc = now,
            // Only an order re-read is left for later; everything else is done (or ignored) right here.
            ProcessedAtUtc = namesAnOrder && inUse ? null : now,
        };
        db.WebhookNotifications.Add(notification);
        // One row per order named, so the coalesced sync re-reads each of them (a combined package names several).
        foreach (var (otherOrderId, index) in envelope.OtherOrderIds.Select((id, i) => (id, i + 1)))
        {
            db.WebhookNotifications.Add(new WebhookNotification
            {
                DedupeKey = dedupeKey + "#" + index.ToString(CultureInfo.InvariantCulture),
                Type = envelope.Type,
                ShopId = envelope.ShopId,
                MallConnectionId = connectionId,
                TikTokOrderId = otherOrderId,
                SentAtUtc = envelope.SentAtUtc,
                ReceivedAtUtc = now,
                ProcessedAtUtc = notification.ProcessedAtUtc,
            });
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            foreach (var added in db.ChangeTracker.Entries<WebhookNotification>().Where(e => e.State == EntityState.Added).ToList())
            {
                added.State = EntityState.Detached;
            }

            if (!await db.WebhookNotifications.AsNoTracking().AnyAsync(n => n.DedupeKey == dedupeKey, cancellationToken))
            {
                throw;
            }

            // The same delivery arrived twice at once and the other request stored it first.
            LogDuplicate(logger, dedupeKey, envelope.Type);
            return WebhookIntakeOutcome.Duplicate;
        }

        if (connectionId is not { } mallConnectionId)
        {
            LogUnknownShop(logger, envelope.ShopId, envelope.Type, dedupeKey);
            return WebhookIntakeOutcome.UnknownShop;
        }

        // Shown to the minute: in a burst it is written once per LastWebhookRefresh, not once per notification.
        var refreshBefore = now - LastWebhookRefresh;
        if (shopConnections.Any(c => c.LastWebhookAtUtc is not { } last || last < refreshBefore))
        {
            await db.MallConnections.Where(c => c.TikTokShopId == envelope.ShopId && (c.LastWebhookAtUtc == null || c.LastWebhookAtUtc < refreshBefore))
                .ExecuteUpdateAsync(set => set.SetProperty(c => c.LastWebhookAtUtc, now), cancellationToken);
        }

        switch (envelope.Type)
        {
            case WebhookTypes.OrderStatusChange or WebhookTypes.CancellationStatusChange or WebhookTypes.RecipientAddressUpdate or WebhookTypes.PackageUpdate when namesAnOrder && inUse:
                await QueueOrderSyncAsync(db, jobs, mallConnectionId, now, cancellationToken);
                break;
            case WebhookTypes.OrderStatusChange or WebhookTypes.CancellationStatusChange or WebhookTypes.RecipientAddressUpdate or WebhookTypes.PackageUpdate when namesAnOrder:
                LogNotInUse(logger, envelope.Type, envelope.ShopId, mallConnectionId);
                break;
            case WebhookTypes.SellerDeauthorization:
                await MarkDeauthorizedAsync(envelope.ShopId, notification, now, cancellationToken);
                break;
            case WebhookTypes.UpcomingAuthorizationExpiration:
                await RecordUpcomingExpirationAsync(envelope, notification, now, cancellationToken);
                break;
            default:
                LogIgnored(logger, envelope.Type, envelope.ShopId);
                break;
        }

        return WebhookIntakeOutcome.Accepted;
    }

    /// <summary>
    /// One queued or running job per connection at a time: the first notification of a burst queues it, the rest only add
    /// rows that the job takes all together (a running job keeps the marker set until its last look, see
    /// <see cref="WebhookOrderSyncJob"/>).
    /// </summary>
    internal static async Task QueueOrderSyncAsync(TikTokSyncDbContext db, IBackgroundJobClient jobs, int mallConnectionId, DateTime now, CancellationToken cancellationToken)
    {
        var staleBefore = now - StaleQueuedSync;
        var queued = await db.MallConnections
            .Where(c => c.Id == mallConnectionId && (c.WebhookSyncQueuedAtUtc == null || c.WebhookSyncQueuedAtUtc < staleBefore))
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.WebhookSyncQueuedAtUtc, now), cancellationToken);
        if (queued == 1)
        {
            jobs.Enqueue<WebhookOrderSyncJob>(job => job.RunAsync(mallConnectionId, CancellationToken.None));
        }
    }

    /// <summary>
    /// The connections of the shop that the notification is not older than: a deauthorization or expiry notice sent before
    /// the seller authorized again speaks of the old authorization, and must not break or re-date the new one. TikTok's
    /// timestamp has whole seconds, so an authorization is compared by its second too.
    /// </summary>
    private async Task<List<int>> ConnectionsNotNewerThanAsync(string shopId, DateTime sentAtUtc, bool authorizedOnly, CancellationToken cancellationToken)
    {
        var candidates = await db.MallConnections.AsNoTracking()
            .Where(c => c.TikTokShopId == shopId && (!authorizedOnly || c.AuthorizationState == AuthorizationState.Authorized))
            .Select(c => new { c.Id, c.AuthorizedAtUtc })
            .ToListAsync(cancellationToken);
        var current = candidates.Where(c => c.AuthorizedAtUtc is not { } authorizedAt || authorizedAt.AddTicks(-(authorizedAt.Ticks % TimeSpan.TicksPerSecond)) <= sentAtUtc)
            .Select(c => c.Id).ToList();
        if (current.Count < candidates.Count)
        {
            LogOlderThanAuthorization(logger, shopId, sentAtUtc, candidates.Count - current.Count);
        }

        return current;
    }

    private async Task MarkDeauthorizedAsync(string shopId, WebhookNotification notification, DateTime now, CancellationToken cancellationToken)
    {
        var affected = await ConnectionsNotNewerThanAsync(shopId, notification.SentAtUtc!.Value, authorizedOnly: true, cancellationToken);
        await db.MallConnections.Where(c => affected.Contains(c.Id)).ExecuteUpdateAsync(
            set => set.SetProperty(c => c.AuthorizationState, AuthorizationState.ReauthorizationRequired)
                .SetProperty(c => c.ReauthorizationReason, DeauthorizedReason)
                .SetProperty(c => c.UpdatedAtUtc, now)
                .SetProperty(c => c.Version, Guid.NewGuid()),
            cancellationToken);
        LogDeauthorized(logger, shopId, affected.Count);
        await RecordEntriesAsync(affected, notification, now, "SELLER_DEAUTHORIZATION: " + DeauthorizedReason, cancellationToken);
    }

    private async Task RecordUpcomingExpirationAsync(WebhookEnvelope envelope, WebhookNotification notification, DateTime now, CancellationToken cancellationToken)
    {
        var affected = await ConnectionsNotNewerThanAsync(envelope.ShopId, notification.SentAtUtc!.Value, authorizedOnly: false, cancellationToken);
        if (envelope.ExpirationUtc is { } expiresAt)
        {
            await db.MallConnections.Where(c => affected.Contains(c.Id)).ExecuteUpdateAsync(
                set => set.SetProperty(c => c.AuthorizationExpiresAtUtc, expiresAt).SetProperty(c => c.UpdatedAtUtc, now),
                cancellationToken);
        }

        var reason = envelope.ExpirationUtc is { } at
            ? "UPCOMING_AUTHORIZATION_EXPIRATION: 認証期限 " + Time.JapanTime.Format(at)
            : "UPCOMING_AUTHORIZATION_EXPIRATION: 期限の日時がありません";
        await RecordEntriesAsync(affected, notification, now, reason, cancellationToken);
    }

    private async Task RecordEntriesAsync(IReadOnlyList<int> mallConnectionIds, WebhookNotification notification, DateTime now, string reason, CancellationToken cancellationToken)
    {
        var entries = mallConnectionIds.Select(id => ProcessingLogEntry.Instant(ProcessingKind.Webhook, id, ProcessingResult.Success, reason, now)).ToList();
        db.ProcessingLogEntries.AddRange(entries);
        await db.SaveChangesAsync(cancellationToken);
        notification.ProcessingLogEntryId = entries.FirstOrDefault()?.Id;
        await db.SaveChangesAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {DedupeKey} (type {Type}) was delivered again; already recorded")]
    private static partial void LogDuplicate(ILogger logger, string dedupeKey, int type);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {DedupeKey} (type {Type}) names shop {ShopId}, which no connection has; acknowledged and ignored")]
    private static partial void LogUnknownShop(ILogger logger, string shopId, int type, string dedupeKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Seller deauthorized shop {ShopId} on TikTok; {Count} connection(s) now need 再認証")]
    private static partial void LogDeauthorized(ILogger logger, string shopId, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook type {Type} for shop {ShopId}: connection {MallConnectionId} is set not to be used (利用しない); order not re-read")]
    private static partial void LogNotInUse(ILogger logger, int type, string shopId, int mallConnectionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {DedupeKey} (type {Type}, shop {ShopId}) refused: timestamp {SentAtUtc:O} is missing or more than {Tolerance} from now (a replay or a very late delivery); acknowledged so that TikTok does not retry it")]
    private static partial void LogOutsideWindow(ILogger logger, string dedupeKey, int type, string shopId, DateTime? sentAtUtc, TimeSpan tolerance);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Authorization notice for shop {ShopId} sent {SentAtUtc:O} predates the latest authorization of {Count} connection(s); ignored for them")]
    private static partial void LogOlderThanAuthorization(ILogger logger, string shopId, DateTime sentAtUtc, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Webhook type {Type} for shop {ShopId} needs no action")]
    private static partial void LogIgnored(ILogger logger, int type, string shopId);
}
