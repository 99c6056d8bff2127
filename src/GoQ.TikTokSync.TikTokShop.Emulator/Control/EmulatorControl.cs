using GoQ.TikTokSync.TikTokShop.Emulator.Auth;
using GoQ.TikTokSync.TikTokShop.Emulator.Orders;
using GoQ.TikTokSync.TikTokShop.Emulator.Protocol;
using GoQ.TikTokSync.TikTokShop.Emulator.Webhooks;

namespace GoQ.TikTokSync.TikTokShop.Emulator.Control;

internal sealed class EmulatorControl : IEmulatorControl
{
    private readonly EmulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly OrderStore _orders;
    private readonly AuthorizationStore _authorizations;
    private readonly FaultInjector _faults;
    private readonly RateLimiter _rateLimiter;
    private readonly WebhookSubscriptions _subscriptions;
    private readonly WebhookDispatcher _dispatcher;
    private readonly AccessRefusals _refusals;

    public EmulatorControl(
        EmulatorOptions options,
        TimeProvider time,
        OrderStore orders,
        AuthorizationStore authorizations,
        FaultInjector faults,
        RateLimiter rateLimiter,
        WebhookSubscriptions subscriptions,
        WebhookDispatcher dispatcher,
        AccessRefusals refusals)
    {
        _refusals = refusals;
        _options = options;
        _time = time;
        _orders = orders;
        _authorizations = authorizations;
        _faults = faults;
        _rateLimiter = rateLimiter;
        _subscriptions = subscriptions;
        _dispatcher = dispatcher;
    }

    public DateTimeOffset Now => _time.GetUtcNow();

    public IReadOnlyList<EmulatorShop> Shops => _orders.Books.Select(b => b.Shop).ToList();

    public IReadOnlyList<string> SeedOrders(string shopId, int count, DateTimeOffset createdFrom, DateTimeOffset createdUntil) =>
        _orders.Seed(shopId, count, createdFrom, createdUntil);

    /// <summary>Seeds every shop as configured (<see cref="EmulatorOptions.SeedOrdersPerShop"/> over <see cref="EmulatorOptions.SeedOrdersSpan"/>).</summary>
    public void SeedConfiguredOrders()
    {
        if (_options.SeedOrdersPerShop <= 0)
        {
            return;
        }

        var now = Now;
        foreach (var book in _orders.Books)
        {
            _orders.Seed(book.Shop.Id, _options.SeedOrdersPerShop, now - _options.SeedOrdersSpan, now);
        }
    }

    public string CreateOrder(string shopId, NewOrderRequest? request = null) =>
        _orders.Create(shopId, request ?? new NewOrderRequest());

    public string CancelOrder(string orderId, CancelInitiator initiator, string? reason = null) =>
        BookOf(orderId).Cancel(orderId, initiator, reason, _orders.Now) ?? OrderStatuses.Cancelled;

    public string CancelLineItem(string orderId, string? lineItemId = null, CancelInitiator initiator = CancelInitiator.Seller) =>
        BookOf(orderId).CancelLine(orderId, lineItemId, initiator, _orders.Now);

    public void ChangeRecipientAddress(string orderId) => BookOf(orderId).ChangeRecipientAddress(orderId, _orders.Now);

    public string AdvanceOrder(string orderId) => BookOf(orderId).Advance(orderId, _orders.Now);

    public IReadOnlyList<string> SplitPackages(string orderId, int packages = 2) => BookOf(orderId).SplitPackages(orderId, packages, _orders.Now);

    public string CombineOrders(IReadOnlyList<string> orderIds)
    {
        ArgumentNullException.ThrowIfNull(orderIds);
        var book = orderIds.Count > 0 ? BookOf(orderIds[0]) : throw new ArgumentException("No orders to combine.", nameof(orderIds));
        return book.CombinePackages(orderIds, _orders.Now);
    }

    public IReadOnlyList<EmulatorOrderSummary> ListOrders(string? shopId = null, string? status = null)
    {
        var now = _orders.Now;
        return BooksFor(shopId).SelectMany(b => b.List(status, now)).ToList();
    }

    public EmulatorOrderSummary? GetOrder(string orderId) => _orders.FindBookOfOrder(orderId)?.Find(orderId, _orders.Now);

    public ShippedOrder? GetShipping(string orderId) => _orders.FindBookOfOrder(orderId)?.GetShipping(orderId, _orders.Now);

    public IReadOnlyList<ShippedOrder> ListShipping(string? shopId = null)
    {
        var now = _orders.Now;
        return BooksFor(shopId).SelectMany(b => b.ListShipping(now)).ToList();
    }

    public ShipCallRecord GetShipCalls(string? shopId = null)
    {
        var books = BooksFor(shopId).Select(b => b.ListShipCalls()).ToList();
        return new ShipCallRecord
        {
            Orders = books.SelectMany(b => b.Orders).ToList(),
            Packages = books.SelectMany(b => b.Packages).ToList(),
        };
    }

    public string CreateAuthorizationCode(string sellerLoginId, AuthorizationPeriod period = AuthorizationPeriod.Unlimited) =>
        _authorizations.CreateAuthCode(Seller(sellerLoginId), period);

    public TokenGrant IssueTokens(string sellerLoginId, AuthorizationPeriod period = AuthorizationPeriod.Unlimited) =>
        _authorizations.IssueDirectly(Seller(sellerLoginId), period);

    public int ExpireAccessTokens(string? sellerLoginId = null) => _authorizations.ExpireAccessTokens(sellerLoginId);

    public int ExpireRefreshTokens(string? sellerLoginId = null) => _authorizations.ExpireAuthorizations(sellerLoginId);

    public int RevokeAuthorization(string? sellerLoginId = null)
    {
        var revoked = _authorizations.Revoke(sellerLoginId);
        foreach (var shop in revoked.SelectMany(a => a.Seller.Shops).DistinctBy(s => s.Id))
        {
            _dispatcher.Publish(new WebhookNotification(
                WebhookEventTypes.SellerDeauthorization,
                shop.Id,
                new SellerDeauthorizationData { Message = WebhookMessages.Deauthorized(shop.Id) }));
        }

        return revoked.Count;
    }

    public FaultSettings GetFaults() => _faults.Settings;

    public void SetFaults(FaultSettings faults) => _faults.Settings = faults;

    public void RefuseAccess(ShopAccessRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        _ = _orders.GetShop(refusal.ShopId);
        _refusals.Add(refusal);
    }

    public IReadOnlyList<ShopAccessRefusal> GetAccessRefusals() => _refusals.List();

    public void ClearAccessRefusals() => _refusals.Clear();

    public string? GetWebhookUrl() => _subscriptions.AppUrl;

    public void SetWebhookUrl(string? url) => _subscriptions.AppUrl = url;

    public IReadOnlyList<WebhookDeliveryAttempt> GetWebhookDeliveries() => _dispatcher.Attempts();

    public void Reset(bool reseed = true)
    {
        _orders.Reset();
        _authorizations.Reset();
        _faults.Settings = FaultSettings.None;
        _refusals.Clear();
        _rateLimiter.Reset();
        _subscriptions.Reset(_options.WebhookUrl);
        _dispatcher.ClearAttempts();
        if (reseed)
        {
            SeedConfiguredOrders();
        }
    }

    /// <summary>Applies due life-cycle events everywhere and sends due authorization-expiry notices (run by the ticker).</summary>
    public void Tick()
    {
        _orders.ApplyDueEverywhere();
        var now = Now;
        foreach (var authorization in _authorizations.TakeDueExpiryNotices())
        {
            var days = (int)Math.Ceiling((authorization.AuthorizationEnd - now).TotalDays);
            foreach (var shop in authorization.Seller.Shops)
            {
                _dispatcher.Publish(new WebhookNotification(
                    WebhookEventTypes.UpcomingAuthorizationExpiration,
                    shop.Id,
                    new UpcomingAuthorizationExpirationData
                    {
                        Message = WebhookMessages.UpcomingExpiration(shop.Id, days),
                        ExpirationTime = authorization.AuthorizationEnd.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
                    }));
            }
        }
    }

    /// <summary>When <see cref="Tick"/> has something to do next, as far as orders are concerned.</summary>
    public DateTimeOffset? NextOrderEvent() => _orders.NextDue();

    private ShopOrderBook BookOf(string orderId) =>
        _orders.FindBookOfOrder(orderId) ?? throw new KeyNotFoundException($"No emulated shop has the order {orderId}.");

    private IEnumerable<ShopOrderBook> BooksFor(string? shopId) =>
        shopId is null ? _orders.Books : [_orders.GetShop(shopId)];

    private EmulatorSellerAccount Seller(string loginId) =>
        _authorizations.FindSeller(loginId) ?? throw new KeyNotFoundException($"No emulated seller logs in as {loginId}.");
}
