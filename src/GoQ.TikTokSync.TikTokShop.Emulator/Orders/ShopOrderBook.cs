using GoQ.TikTokSync.TikTokShop.Emulator.Webhooks;
using GoQ.TikTokSync.TikTokShop.Emulator.Wire;

namespace GoQ.TikTokSync.TikTokShop.Emulator.Orders;

/// <summary>
/// All orders of one shop behind one lock: shops never block each other, and no part of a shop is read or changed
/// without its lock. The parts (<see cref="ShopOrderIndex"/>, <see cref="OrderLifecycle"/>, <see cref="OrderFulfillment"/>,
/// <see cref="ShipCallRecorder"/>, <see cref="OrderControlViews"/>) are not thread-safe and are reachable only through
/// here. A call that says what time it is first applies the life-cycle events due by then, in the same hold of the lock.
/// </summary>
internal sealed class ShopOrderBook
{
    private readonly object _gate = new();
    private readonly ShopOrderIndex _index = new();
    private readonly PlannedEventQueue _planned;
    private readonly TrackingNumberRegistry _tracking = new();
    private readonly OrderLifecycle _lifecycle;
    private readonly OrderFulfillment _fulfillment;
    private readonly ShipCallRecorder _shipCalls;
    private readonly OrderControlViews _views;

    /// <param name="eventScheduled">Told of every newly planned life-cycle event, so the ticker can wake up for it.</param>
    public ShopOrderBook(EmulatorShop shop, int shopIndex, IWebhookSink webhooks, IdSource ids, Action eventScheduled)
    {
        Shop = shop;
        ShopIndex = shopIndex;
        _planned = new PlannedEventQueue(eventScheduled);
        _lifecycle = new OrderLifecycle(shop, _index, _planned, webhooks, ids);
        _shipCalls = new ShipCallRecorder(_index);
        _fulfillment = new OrderFulfillment(_index, _lifecycle, _tracking, _shipCalls, ids);
        _views = new OrderControlViews(_index);
    }

    public EmulatorShop Shop { get; }

    public int ShopIndex { get; }

    public int Count => Locked(() => _index.Count);

    /// <summary>Adds generated orders and their life cycles; the part already in the past is applied silently (no webhooks).</summary>
    public void AddMany(IEnumerable<GeneratedOrder> generated, long now)
    {
        lock (_gate)
        {
            foreach (var order in generated)
            {
                _lifecycle.Add(order, now);
            }
        }
    }

    /// <summary>Adds an order that appears now (a control call): indexed at once, announced by webhook, its future planned.</summary>
    public void AddLive(OrderRecord order, IEnumerable<PlannedEvent> future, long now)
    {
        lock (_gate)
        {
            _lifecycle.ApplyDue(now);
            _lifecycle.AddLive(order, future);
        }
    }

    /// <summary>Applies every planned event whose time has come, in time order, with webhooks.</summary>
    public void ApplyDue(long now)
    {
        lock (_gate)
        {
            _lifecycle.ApplyDue(now);
        }
    }

    /// <summary>When the next planned event is due (Unix seconds), or null when nothing is planned.</summary>
    public long? NextDue() => Locked(() => _planned.NextDue);

    public bool HasOrder(string orderId) => Locked(() => _index.Contains(orderId));

    // --- Open API ---

    public SearchPage Search(OrderSearchQuery query, SearchCursor? after, long now) => At(now, () => _index.Search(query, after));

    /// <summary>Order detail: every id must belong to this shop (docs/tiktok-shop-api.md#order-detail: 21008111 otherwise).</summary>
    public Outcome<IReadOnlyList<OrderWire>> GetOrders(IReadOnlyList<string> ids, long now) => At(now, () => _index.GetOrders(ids));

    /// <summary>Mark Package As Shipped (docs/tiktok-shop-api.md#mark-package-as-shipped), recorded in the order's ship-call tally in the same lock as its effect.</summary>
    /// <param name="responseLost">The caller will not see the answer; only recorded.</param>
    public Outcome<MarkPackageShippedData> MarkShipped(
        string orderId, string? trackingNumber, string? providerId, IReadOnlyList<string>? lineItemIds, long now, bool responseLost = false) =>
        At(now, () => _fulfillment.MarkShipped(orderId, trackingNumber, providerId, lineItemIds, now, responseLost));

    /// <summary>A ship call for the order that never reached <see cref="MarkShipped"/>: refused by the gateway (as an
    /// injected fault or the rate limit when <paramref name="faulted"/>, else for its credentials) or for its body.</summary>
    public void RecordRefusedShipCall(string orderId, bool faulted)
    {
        lock (_gate)
        {
            _shipCalls.RecordRefused(orderId, faulted);
        }
    }

    /// <summary>Update Shipping Info for a whole order: JP allows one correction per order (docs/tiktok-shop-api.md#correcting-tracking).</summary>
    public Outcome<EmptyData> UpdateShippingInfo(string orderId, string? trackingNumber, string? providerId, long now) =>
        At(now, () => _fulfillment.UpdateShippingInfo(orderId, trackingNumber, providerId, now));

    public Outcome<PackageDetailData> GetPackage(string packageId, long now) => At(now, () => _fulfillment.GetPackage(packageId));

    /// <summary>Update Package Shipping Info: one correction per package (docs/tiktok-shop-api.md#correcting-tracking).</summary>
    public Outcome<EmptyData> UpdatePackageShippingInfo(string packageId, string? trackingNumber, string? providerId, long now) =>
        At(now, () => _fulfillment.UpdatePackageShippingInfo(packageId, trackingNumber, providerId, now));

    public IReadOnlyList<string> SplitPackages(string orderId, int packages, long now) =>
        At(now, () => _lifecycle.SplitPackages(orderId, packages, now));

    public string CombinePackages(IReadOnlyList<string> orderIds, long now) => At(now, () => _lifecycle.CombinePackages(orderIds, now));

    // --- Control surface ---

    public string? Cancel(string orderId, CancelInitiator initiator, string? reason, long now) =>
        At(now, () => _lifecycle.Cancel(orderId, initiator, reason, now));

    public string CancelLine(string orderId, string? lineItemId, CancelInitiator initiator, long now) =>
        At(now, () => _lifecycle.CancelLine(orderId, lineItemId, initiator, now));

    public void ChangeRecipientAddress(string orderId, long now) =>
        At(now, () =>
        {
            _lifecycle.ChangeRecipientAddress(orderId, now);
            return true;
        });

    /// <summary>Moves an order one step along its documented life cycle (docs/tiktok-shop-api.md#order-statuses), as the buyer, TikTok or the carrier would.</summary>
    public string Advance(string orderId, long now) => At(now, () => _lifecycle.Advance(orderId, now));

    public IReadOnlyList<EmulatorOrderSummary> List(string? status, long now) => At(now, () => _views.List(status));

    public EmulatorOrderSummary? Find(string orderId, long now) => At(now, () => _views.Find(orderId));

    public ShippedOrder? GetShipping(string orderId, long now) => At(now, () => _views.GetShipping(orderId));

    public IReadOnlyList<ShippedOrder> ListShipping(long now) => At(now, _views.ListShipping);

    /// <summary>The ship-call record of this shop: every order that got a ship call, every package the calls created.</summary>
    public (IReadOnlyList<OrderShipCalls> Orders, IReadOnlyList<PackageShipCalls> Packages) ListShipCalls() => Locked(_shipCalls.List);

    public void Clear()
    {
        lock (_gate)
        {
            _lifecycle.Clear();
            _tracking.Clear();
            _index.Clear();
        }
    }

    /// <summary>Runs <paramref name="operation"/> under the lock once the shop has caught up with <paramref name="now"/>.</summary>
    private T At<T>(long now, Func<T> operation)
    {
        lock (_gate)
        {
            _lifecycle.ApplyDue(now);
            return operation();
        }
    }

    private T Locked<T>(Func<T> operation)
    {
        lock (_gate)
        {
            return operation();
        }
    }
}
