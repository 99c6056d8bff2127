namespace GoQ.TikTokSync.TikTokShop.Emulator.Webhooks;

internal sealed record WebhookSubscription(string Address, string EventType, long CreateTime, long UpdateTime);

/// <summary>
/// Where notifications go: a per-shop address per event type (Event API, docs/tiktok-shop-api.md#webhook-subscriptions) or else the app's Partner Center URL.
/// </summary>
internal sealed class WebhookSubscriptions
{
    /// <summary>The OAS event_type values a shop can subscribe to.</summary>
    public static readonly IReadOnlySet<string> KnownEventTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "ORDER_STATUS_CHANGE", "RECIPIENT_ADDRESS_UPDATE", "PACKAGE_UPDATE", "PRODUCT_STATUS_CHANGE", "SELLER_DEAUTHORIZATION",
        "UPCOMING_AUTHORIZATION_EXPIRATION", "CANCELLATION_STATUS_CHANGE", "RETURN_STATUS_CHANGE", "NEW_CONVERSATION",
        "NEW_MESSAGE", "PRODUCT_INFORMATION_CHANGE", "PRODUCT_CREATION", "PRODUCT_CATEGORY_CHANGE", "INVOICE_STATUS_CHANGE",
        "PRODUCT_AUDIT_STATUS_CHANGE", "REVERSE_STATUS_UPDATE",
    };

    public const int MaxAddressLength = 255;

    private readonly object _gate = new();
    private readonly Dictionary<(string ShopId, string EventType), WebhookSubscription> _byShop = [];
    private string? _appUrl;

    public WebhookSubscriptions(EmulatorOptions options)
    {
        _appUrl = options.WebhookUrl;
    }

    public string? AppUrl
    {
        get
        {
            lock (_gate)
            {
                return _appUrl;
            }
        }

        set
        {
            lock (_gate)
            {
                _appUrl = value;
            }
        }
    }

    public string? AddressFor(string shopId, string eventType)
    {
        lock (_gate)
        {
            return _byShop.TryGetValue((shopId, eventType), out var subscription) ? subscription.Address : _appUrl;
        }
    }

    public IReadOnlyList<WebhookSubscription> ForShop(string shopId)
    {
        lock (_gate)
        {
            return _byShop
                .Where(p => string.Equals(p.Key.ShopId, shopId, StringComparison.Ordinal))
                .Select(p => p.Value)
                .OrderBy(s => s.EventType, StringComparer.Ordinal)
                .ToList();
        }
    }

    public void Put(string shopId, string eventType, string address, long now)
    {
        lock (_gate)
        {
            var created = _byShop.TryGetValue((shopId, eventType), out var existing) ? existing.CreateTime : now;
            _byShop[(shopId, eventType)] = new WebhookSubscription(address, eventType, created, now);
        }
    }

    public void Delete(string shopId, string eventType)
    {
        lock (_gate)
        {
            _byShop.Remove((shopId, eventType));
        }
    }

    public void Reset(string? appUrl)
    {
        lock (_gate)
        {
            _byShop.Clear();
            _appUrl = appUrl;
        }
    }
}
