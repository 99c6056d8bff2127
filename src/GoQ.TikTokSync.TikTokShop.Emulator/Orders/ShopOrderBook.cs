using GoQ.TikTokSync.TikTokShop.Emulator.Fulfillment;
using GoQ.TikTokSync.TikTokShop.Emulator.Protocol;
using GoQ.TikTokSync.TikTokShop.Emulator.Webhooks;
using GoQ.TikTokSync.TikTokShop.Emulator.Wire;

namespace GoQ.TikTokSync.TikTokShop.Emulator.Orders;

internal sealed record SearchPage(IReadOnlyList<OrderWire> Orders, SearchCursor? Next, int TotalCount);

internal readonly record struct Outcome<T>(T? Value, EmulatorError? Error)
    where T : class
{
    public static Outcome<T> Ok(T value) => new(value, null);

    public static Outcome<T> Fail(EmulatorError error) => new(null, error);
}

/// <summary>
/// All orders of one shop, kept indexed by create and update time so that a page costs O(log n + page) rather than a
/// sort of the whole shop, with the pending life-cycle events in time order. One lock per shop: shops never block each other.
/// </summary>
internal sealed class ShopOrderBook
{
    /// <summary>In-shipping consolidation: at most 20 orders per tracking number (md §9.1).</summary>
    public const int MaxOrdersPerTrackingNumber = 20;

    private readonly object _gate = new();
    private readonly IWebhookSink _webhooks;
    private readonly IdSource _ids;
    private readonly Dictionary<string, OrderRecord> _orders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OrderRecord> _unborn = new(StringComparer.Ordinal);
    private readonly SortedSet<OrderKey> _byCreate = new(OrderKeyComparer.Instance);
    private readonly SortedSet<OrderKey> _byUpdate = new(OrderKeyComparer.Instance);
    private readonly SortedSet<ScheduledEvent> _pending = new(ScheduledEventComparer.Instance);
    private readonly Dictionary<string, PackageRecord> _packages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<OrderRecord>> _trackingUse = new(StringComparer.Ordinal);
    private readonly Dictionary<ulong, (long Version, int Count)> _countCache = [];
    private readonly Action _eventScheduled;
    private long _sequence;
    private long _version;

    public ShopOrderBook(EmulatorShop shop, int shopIndex, IWebhookSink webhooks, IdSource ids, Action eventScheduled)
    {
        Shop = shop;
        ShopIndex = shopIndex;
        _webhooks = webhooks;
        _ids = ids;
        _eventScheduled = eventScheduled;
    }

    public EmulatorShop Shop { get; }

    public int ShopIndex { get; }

    /// <summary>Adds an order and its life cycle; the part of it already in the past is applied silently (no webhooks).</summary>
    public void Add(GeneratedOrder generated, long now)
    {
        lock (_gate)
        {
            AddLocked(generated, now);
        }
    }

    public void AddMany(IEnumerable<GeneratedOrder> generated, long now)
    {
        lock (_gate)
        {
            foreach (var order in generated)
            {
                AddLocked(order, now);
            }
        }
    }

    /// <summary>Adds an order that appears now (a control call): indexed at once, announced by webhook, its future planned.</summary>
    public void AddLive(OrderRecord order, IEnumerable<PlannedEvent> future, long now)
    {
        lock (_gate)
        {
            ApplyDueLocked(now);
            Index(order);
            foreach (var planned in future)
            {
                Schedule(planned.Due, order.Id, planned.Kind);
            }

            PublishStatus(order);
        }
    }

    /// <summary>Applies every planned event whose time has come, in time order, with webhooks.</summary>
    public void ApplyDue(long now)
    {
        lock (_gate)
        {
            ApplyDueLocked(now);
        }
    }

    public SearchPage Search(OrderSearchQuery query, SearchCursor? after, long now)
    {
        lock (_gate)
        {
            ApplyDueLocked(now);
            var fingerprint = query.Fingerprint();
            var page = new List<OrderWire>(query.PageSize);
            OrderRecord? last = null;
            var more = false;
            foreach (var key in Walk(query, after))
            {
                var order = _orders[key.Id];
                if (!query.Matches(order))
                {
                    continue;
                }

                if (page.Count == query.PageSize)
                {
                    more = true;
                    break;
                }

                page.Add(OrderWireMapper.ToWire(order));
                last = order;
            }

            SearchCursor? next = more && last is not null
                ? new SearchCursor(query.SortField, query.Descending, fingerprint, SortTime(last, query.SortField), last.Id)
                : null;
            return new SearchPage(page, next, CountLocked(query, fingerprint));
        }
    }

    /// <summary>Order detail: every id must belong to this shop (md §7: 21008111 otherwise).</summary>
    public Outcome<IReadOnlyList<OrderWire>> GetOrders(IReadOnlyList<string> ids, long now)
    {
        lock (_gate)
        {
            ApplyDueLocked(now);
            var result = new List<OrderWire>(ids.Count);
            foreach (var id in ids.Distinct(StringComparer.Ordinal))
            {
                if (!_orders.TryGetValue(id, out var order))
                {
                    return Outcome<IReadOnlyList<OrderWire>>.Fail(EmulatorErrors.OrderNotInShop);
                }

                result.Add(OrderWireMapper.ToWire(order));
            }

            return Outcome<IReadOnlyList<OrderWire>>.Ok(result);
        }
    }

    /// <summary>When the next planned event is due (Unix seconds), or null when nothing is planned.</summary>
    public long? NextDue()
    {
        lock (_gate)
        {
            return _pending.Count > 0 ? _pending.Min.Due : null;
        }
    }

    public bool HasOrder(string orderId)
    {
        lock (_gate)
        {
            return _orders.ContainsKey(orderId);
        }
    }

    /// <summary>Mark Package As Shipped (md §9.2), recorded in the order's ship-call tally in the same lock as its effect.</summary>
    /// <param name="responseLost">The caller will not see the answer; only recorded.</param>
    public Outcome<MarkPackageShippedData> MarkShipped(
        string orderId, string? trackingNumber, string? providerId, IReadOnlyList<string>? lineItemIds, long now, bool responseLost = false)
    {
        lock (_gate)
        {
            ApplyDueLocked(now);
            if (!_orders.TryGetValue(orderId, out var order))
            {
                return Outcome<MarkPackageShippedData>.Fail(EmulatorErrors.OrderNotInShop);
            }

            order.ShipAttempts++;
            var outcome = MarkShippedLocked(order, trackingNumber, providerId, lineItemIds, now);
            RecordShipCall(order, outcome, trackingNumber, lineItemIds, responseLost);
            return outcome;
        }
    }

    /// <summary>A ship call for the order that never reached <see cref="MarkShipped"/>: refused by the gateway (as an
    /// injected fault or the rate limit when <paramref name="faulted"/>, else for its credentials) or for its body.</summary>
    public void RecordRefusedShipCall(string orderId, bool faulted)
    {
        lock (_gate)
        {
            if (_orders.TryGetValue(orderId, out var order))
            {
                if (faulted)
                {
                    order.ShipCallTally.Faulted++;
                }
                else
                {
                    order.ShipCallTally.Rejected++;
                }
            }
        }
    }

    /// <summary>The ship-call record of this shop: every order that got a ship call, every package the calls created.</summary>
    public (IReadOnlyList<OrderShipCalls> Orders, IReadOnlyList<PackageShipCalls> Packages) ListShipCalls()
    {
        lock (_gate)
        {
            var orders = _orders.Values
                .Where(o => o.ShipCallTally.Calls > 0)
                .OrderBy(o => o.Id, StringComparer.Ordinal)
                .Select(o => new OrderShipCalls(
                    o.Id,
                    o.ShopId,
                    o.ShipCallTally.Calls,
                    o.ShipCallTally.Applied,
                    o.ShipCallTally.RejectedAlreadyShipped,
                    o.ShipCallTally.Rejected,
                    o.ShipCallTally.Faulted,
                    o.ShipCallTally.ResponseLost))
                .ToList();
            var packages = _packages.Values
                .OrderBy(p => p.Order.Id, StringComparer.Ordinal)
                .ThenBy(p => p.Id, StringComparer.Ordinal)
                .Select(p => new PackageShipCalls(
                    p.Id,
                    p.Order.Id,
                    p.Order.ShopId,
                    p.LineItemIds.ToArray(),
                    p.ShippedTrackingNumber,
                    p.ShippedProviderId,
                    DateTimeOffset.FromUnixTimeSeconds(p.RtsTime),
                    p.AppliedShipCalls,
                    p.AlreadyShippedCalls,
                    p.AlreadyShippedCallsWithOtherTracking,
                    p.ResponseLost,
                    p.TrackingUpdates))
                .ToList();
            return (orders, packages);
        }
    }

    private Outcome<MarkPackageShippedData> MarkShippedLocked(
        OrderRecord order, string? trackingNumber, string? providerId, IReadOnlyList<string>? lineItemIds, long now)
    {
        if (string.IsNullOrEmpty(trackingNumber) || string.IsNullOrEmpty(providerId))
        {
            return Outcome<MarkPackageShippedData>.Fail(EmulatorErrors.InvalidFulfillmentParameters);
        }

        var statusError = order.Status switch
        {
            OrderStatuses.Cancelled => EmulatorErrors.OrderCancelled,
            OrderStatuses.OnHold => EmulatorErrors.OrderOnHold,
            OrderStatuses.Unpaid => EmulatorErrors.NotAwaitingShipment,
            OrderStatuses.AwaitingShipment or OrderStatuses.PartiallyShipping => null,
            _ => EmulatorErrors.OrderAlreadyShipped,
        };
        if (statusError is not null)
        {
            return Outcome<MarkPackageShippedData>.Fail(statusError);
        }

        if (order.IsBuyerRequestCancel)
        {
            return Outcome<MarkPackageShippedData>.Fail(EmulatorErrors.AfterSaleRequestPending);
        }

        List<LineItemRecord> lines;
        if (lineItemIds is { Count: > 0 })
        {
            lines = [];
            foreach (var id in lineItemIds.Distinct(StringComparer.Ordinal))
            {
                var line = order.LineItems.Find(l => string.Equals(l.Id, id, StringComparison.Ordinal));
                if (line is null)
                {
                    return Outcome<MarkPackageShippedData>.Fail(EmulatorErrors.InvalidFulfillmentParameters);
                }

                if (line.Package is not null)
                {
                    return Outcome<MarkPackageShippedData>.Fail(EmulatorErrors.PackageAlreadyShipped);
                }

                lines.Add(line);
            }
        }
        else
        {
            lines = order.LineItems.Where(l => l.Package is null).ToList();
        }

        var carrierError = CheckTracking(order, trackingNumber, providerId, replacing: null);
        if (carrierError is not null)
        {
            return Outcome<MarkPackageShippedData>.Fail(carrierError);
        }

        var carrier = JapaneseCarriers.Find(providerId)!;
        var package = new PackageRecord
        {
            Id = _ids.NextPackageId(),
            Order = order,
            LineItemIds = lines.Select(l => l.Id).ToList(),
            TrackingNumber = trackingNumber,
            ShippedTrackingNumber = trackingNumber,
            ShippedProviderId = carrier.Id,
            ShippingProviderId = carrier.Id,
            ShippingProviderName = carrier.Name,
            CreateTime = now,
            UpdateTime = now,
            RtsTime = now,
        };
        foreach (var line in lines)
        {
            line.Package = package;
        }

        order.Packages.Add(package);
        _packages[package.Id] = package;
        UseTracking(trackingNumber, order);
        order.RtsTime ??= now;
        order.ShipCalls++;
        var allShipped = order.LineItems.TrueForAll(l => l.Package is not null);
        ChangeStatus(order, allShipped ? OrderStatuses.AwaitingCollection : OrderStatuses.PartiallyShipping, now, emit: true);

        return Outcome<MarkPackageShippedData>.Ok(new MarkPackageShippedData
        {
            OrderId = order.Id,
            OrderLineItemIds = package.LineItemIds.ToArray(),
            PackageId = package.Id,
        });
    }

    /// <summary>Update Shipping Info for a whole order: JP allows one correction per order (md §9.5).</summary>
    public Outcome<EmptyData> UpdateShippingInfo(string orderId, string? trackingNumber, string? providerId, long now)
    {
        lock (_gate)
        {
            ApplyDueLocked(now);
            if (!_orders.TryGetValue(orderId, out var order))
            {
                return Outcome<EmptyData>.Fail(EmulatorErrors.OrderNotInShop);
            }

            order.ShippingInfoUpdateAttempts++;
            if (string.IsNullOrEmpty(trackingNumber) || string.IsNullOrEmpty(providerId))
            {
                return Outcome<EmptyData>.Fail(EmulatorErrors.InvalidFulfillmentParameters);
            }

            if (order.IsFinalCancelled)
            {
                return Outcome<EmptyData>.Fail(EmulatorErrors.OrderCancelled);
            }

            if (!order.IsShippedAtAll)
            {
                return Outcome<EmptyData>.Fail(EmulatorErrors.NotShippedYet);
            }

            if (order.HasStatus(OrderStatuses.Delivered) || order.HasStatus(OrderStatuses.Completed))
            {
                return Outcome<EmptyData>.Fail(EmulatorErrors.AlreadyDelivered);
            }

            // A split order must be corrected per package (md §9.5); the code for refusing it here is UNCONFIRMED.
            if (order.Packages.Count > 1)
            {
                return Outcome<EmptyData>.Fail(EmulatorErrors.MultiplePackagesSpecifyLines);
            }

            if (order.ShippingInfoUpdates >= 1)
            {
                return Outcome<EmptyData>.Fail(EmulatorErrors.TrackingUpdatedOnce);
            }

            var package = order.Packages[0];
            var carrierError = CheckTracking(order, trackingNumber, providerId, replacing: package);
            if (carrierError is not null)
            {
                return Outcome<EmptyData>.Fail(carrierError);
            }

            var carrier = JapaneseCarriers.Find(providerId)!;
            ReleaseTracking(package.TrackingNumber, order);
            package.TrackingNumber = trackingNumber;
            package.ShippingProviderId = carrier.Id;
            package.ShippingProviderName = carrier.Name;
            package.UpdateTime = now;
            package.TrackingUpdates++;
            UseTracking(trackingNumber, order);
            order.ShippingInfoUpdates++;
            Touch(order, now);
            return Outcome<EmptyData>.Ok(EmptyData.Instance);
        }
    }

    public Outcome<PackageDetailData> GetPackage(string packageId, long now)
    {
        lock (_gate)
        {
            ApplyDueLocked(now);
            return _packages.TryGetValue(packageId, out var package)
                ? Outcome<PackageDetailData>.Ok(OrderWireMapper.ToPackageDetail(package))
                : Outcome<PackageDetailData>.Fail(EmulatorErrors.PackageNotInShop);
        }
    }

    // --- Control surface ---

    public string? Cancel(string orderId, CancelInitiator initiator, string? reason, long now)
    {
        lock (_gate)
        {
            ApplyDueLocked(now);
            if (!_orders.TryGetValue(orderId, out var order))
            {
                throw new KeyNotFoundException($"Order {orderId} is not in shop {Shop.Id}.");
            }

            if (order.IsFinalCancelled || order.HasStatus(OrderStatuses.Delivered) || order.HasStatus(OrderStatuses.Completed))
            {
                throw new InvalidOperationException($"Order {orderId} is {order.Status} and cannot be cancelled.");
            }

            reason ??= CancelReasons.Default(initiator);

            // After the hold a buyer only requests; the seller (or the 24 h auto-approval) decides (operator-domain §2.1).
            if (initiator == CancelInitiator.Buyer && !order.IsBuyerRequestCancel
                && (order.HasStatus(OrderStatuses.AwaitingShipment) || order.HasStatus(OrderStatuses.PartiallyShipping)))
            {
                RequestCancel(order, now, emit: true);
                Schedule(now + (long)PlatformTimings.CancelRequestAutoApproval.TotalSeconds, order.Id, OrderEventKind.ApproveCancelRequest);
                return order.Status;
            }

            CancelOrder(order, initiator, reason, now, emit: true);
            return order.Status;
        }
    }

    /// <summary>Moves an order one step along its documented life cycle (md §8), as the buyer, TikTok or the carrier would.</summary>
    public string Advance(string orderId, long now)
    {
        lock (_gate)
        {
            ApplyDueLocked(now);
            if (!_orders.TryGetValue(orderId, out var order))
            {
                throw new KeyNotFoundException($"Order {orderId} is not in shop {Shop.Id}.");
            }

            switch (order.Status)
            {
                case OrderStatuses.Unpaid:
                    Pay(order, now, emit: true);
                    Schedule(now + (long)PlatformTimings.OnHoldWindow.TotalSeconds, order.Id, OrderEventKind.ReleaseHold);
                    break;
                case OrderStatuses.OnHold:
                    ReleaseHold(order, now, emit: true);
                    break;
                case OrderStatuses.AwaitingCollection:
                    order.CollectionTime = now;
                    ChangeStatus(order, OrderStatuses.InTransit, now, emit: true);
                    break;
                case OrderStatuses.InTransit:
                    order.DeliveryTime = now;
                    ChangeStatus(order, OrderStatuses.Delivered, now, emit: true);
                    break;
                case OrderStatuses.Delivered:
                    ChangeStatus(order, OrderStatuses.Completed, now, emit: true);
                    break;
                default:
                    throw new InvalidOperationException(
                        $"Order {orderId} is {order.Status}: the seller moves it on by shipping (Mark Package As Shipped).");
            }

            return order.Status;
        }
    }

    public IReadOnlyList<EmulatorOrderSummary> List(string? status, long now)
    {
        lock (_gate)
        {
            ApplyDueLocked(now);
            return _byCreate
                .Select(k => _orders[k.Id])
                .Where(o => status is null || o.HasStatus(status))
                .Select(Summarize)
                .ToList();
        }
    }

    public EmulatorOrderSummary? Find(string orderId, long now)
    {
        lock (_gate)
        {
            ApplyDueLocked(now);
            return _orders.TryGetValue(orderId, out var order) ? Summarize(order) : null;
        }
    }

    public ShippedOrder? GetShipping(string orderId, long now)
    {
        lock (_gate)
        {
            ApplyDueLocked(now);
            return _orders.TryGetValue(orderId, out var order) ? ShippingOf(order) : null;
        }
    }

    public IReadOnlyList<ShippedOrder> ListShipping(long now)
    {
        lock (_gate)
        {
            ApplyDueLocked(now);
            return _orders.Values
                .Where(o => o.ShipAttempts > 0 || o.ShippingInfoUpdateAttempts > 0)
                .OrderBy(o => o.Id, StringComparer.Ordinal)
                .Select(ShippingOf)
                .ToList();
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _orders.Count;
            }
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _orders.Clear();
            _unborn.Clear();
            _byCreate.Clear();
            _byUpdate.Clear();
            _pending.Clear();
            _packages.Clear();
            _trackingUse.Clear();
            _countCache.Clear();
            _version++;
        }
    }

    // --- Internals (call under _gate) ---

    private void RecordShipCall(
        OrderRecord order, Outcome<MarkPackageShippedData> outcome, string? trackingNumber, IReadOnlyList<string>? lineItemIds, bool responseLost)
    {
        var tally = order.ShipCallTally;
        if (outcome.Value is { } shipped)
        {
            var package = _packages[shipped.PackageId];
            package.AppliedShipCalls++;
            tally.Applied++;
            if (responseLost)
            {
                package.ResponseLost = true;
                tally.ResponseLost++;
            }

            return;
        }

        if (outcome.Error != EmulatorErrors.OrderAlreadyShipped && outcome.Error != EmulatorErrors.PackageAlreadyShipped)
        {
            tally.Rejected++;
            return;
        }

        tally.RejectedAlreadyShipped++;

        // The call meant the packages holding the lines it named, or all of them when it named none (md §9.2).
        var meant = lineItemIds is { Count: > 0 }
            ? order.LineItems.Where(l => l.Package is not null && lineItemIds.Contains(l.Id, StringComparer.Ordinal)).Select(l => l.Package!).Distinct()
            : order.Packages;
        foreach (var package in meant)
        {
            package.AlreadyShippedCalls++;
            if (!string.Equals(package.TrackingNumber, trackingNumber, StringComparison.Ordinal))
            {
                package.AlreadyShippedCallsWithOtherTracking++;
            }
        }
    }

    private void AddLocked(GeneratedOrder generated, long now)
    {
        var order = generated.Order;
        if (order.CreateTime > now)
        {
            _unborn[order.Id] = order;
            foreach (var planned in generated.Plan)
            {
                Schedule(planned.Due, order.Id, planned.Kind);
            }

            return;
        }

        // The past part of the plan is history: applied to the bare record, then indexed once, without webhooks.
        foreach (var planned in generated.Plan)
        {
            if (planned.Kind == OrderEventKind.Create)
            {
                continue;
            }

            if (planned.Due <= now)
            {
                Apply(order, planned.Kind, planned.Due, emit: false, indexed: false);
            }
            else
            {
                Schedule(planned.Due, order.Id, planned.Kind);
            }
        }

        Index(order);
    }

    private void ApplyDueLocked(long now)
    {
        while (_pending.Count > 0 && _pending.Min.Due <= now)
        {
            var next = _pending.Min;
            _pending.Remove(next);
            if (next.Kind == OrderEventKind.Create)
            {
                if (_unborn.Remove(next.OrderId, out var born))
                {
                    Index(born);
                    PublishStatus(born);
                }

                continue;
            }

            if (_orders.TryGetValue(next.OrderId, out var order))
            {
                Apply(order, next.Kind, next.Due, emit: true, indexed: true);
            }
        }
    }

    private void Apply(OrderRecord order, OrderEventKind kind, long at, bool emit, bool indexed)
    {
        switch (kind)
        {
            case OrderEventKind.Pay when order.HasStatus(OrderStatuses.Unpaid):
                Pay(order, at, emit, indexed);
                break;
            case OrderEventKind.ReleaseHold when order.HasStatus(OrderStatuses.OnHold):
                ReleaseHold(order, at, emit, indexed);
                break;
            case OrderEventKind.BuyerCancel when order.HasStatus(OrderStatuses.Unpaid) || order.HasStatus(OrderStatuses.OnHold):
                CancelOrder(order, CancelInitiator.Buyer, CancelReasons.BuyerChangedMind, at, emit, indexed);
                break;
            case OrderEventKind.UnpaidTimeout when order.HasStatus(OrderStatuses.Unpaid):
                CancelOrder(order, CancelInitiator.System, CancelReasons.UnpaidTimeout, at, emit, indexed);
                break;
            case OrderEventKind.BuyerCancelRequest when order.HasStatus(OrderStatuses.AwaitingShipment) && !order.IsBuyerRequestCancel:
                RequestCancel(order, at, emit, indexed);
                break;
            case OrderEventKind.ApproveCancelRequest when order.IsBuyerRequestCancel && !order.IsFinalCancelled
                                                         && !order.HasStatus(OrderStatuses.Delivered) && !order.HasStatus(OrderStatuses.Completed):
                CancelOrder(order, CancelInitiator.Buyer, CancelReasons.BuyerChangedMind, at, emit, indexed);
                break;
        }
    }

    private void Pay(OrderRecord order, long at, bool emit, bool indexed = true)
    {
        order.PaidTime = at;
        ChangeStatus(order, OrderStatuses.OnHold, at, emit, indexed);
    }

    private void ReleaseHold(OrderRecord order, long at, bool emit, bool indexed = true)
    {
        order.AddressReleased = true;
        ChangeStatus(order, OrderStatuses.AwaitingShipment, at, emit, indexed);
    }

    private void RequestCancel(OrderRecord order, long at, bool emit, bool indexed = true)
    {
        order.IsBuyerRequestCancel = true;
        order.RequestCancelTime = at;
        order.CancelId ??= _ids.NextCancelId();
        Touch(order, at, indexed);
        if (emit)
        {
            PublishCancellation(order, "BUYER", "CANCELLATION_REQUEST_PENDING", at);
        }
    }

    private void CancelOrder(OrderRecord order, CancelInitiator initiator, string reason, long at, bool emit, bool indexed = true)
    {
        var role = initiator switch
        {
            CancelInitiator.Buyer => "BUYER",
            CancelInitiator.Seller => "SELLER",
            _ => "SYSTEM",
        };
        order.CancelTime = at;
        order.CancelReason = reason;
        order.CancellationInitiator = role;
        order.CancelId ??= _ids.NextCancelId();
        foreach (var line in order.LineItems)
        {
            line.CancelUser = role;
            line.CancelReason = reason;
        }

        ChangeStatus(order, OrderStatuses.Cancelled, at, emit, indexed);
        if (emit)
        {
            PublishCancellation(order, role, "CANCELLATION_REQUEST_COMPLETE", at);
        }
    }

    private void ChangeStatus(OrderRecord order, string status, long at, bool emit, bool indexed = true)
    {
        var changed = !order.HasStatus(status);
        order.Status = status;
        Touch(order, at, indexed);
        if (emit && changed)
        {
            PublishStatus(order);
        }
    }

    /// <summary>Every change moves update_time (md §6.2) and re-files the order in the update-time index.</summary>
    private void Touch(OrderRecord order, long at, bool indexed = true)
    {
        var updateTime = Math.Max(at, order.UpdateTime);
        if (indexed)
        {
            _byUpdate.Remove(new OrderKey(order.UpdateTime, order.Id));
            order.UpdateTime = updateTime;
            _byUpdate.Add(new OrderKey(order.UpdateTime, order.Id));
            _version++;
        }
        else
        {
            order.UpdateTime = updateTime;
        }
    }

    private void Index(OrderRecord order)
    {
        _orders[order.Id] = order;
        _byCreate.Add(new OrderKey(order.CreateTime, order.Id));
        _byUpdate.Add(new OrderKey(order.UpdateTime, order.Id));
        _version++;
    }

    private void Schedule(long due, string orderId, OrderEventKind kind)
    {
        _pending.Add(new ScheduledEvent(due, ++_sequence, orderId, kind));
        _eventScheduled();
    }

    private IEnumerable<OrderKey> Walk(OrderSearchQuery query, SearchCursor? after)
    {
        var set = query.SortField == OrderSortField.CreateTime ? _byCreate : _byUpdate;
        var (ge, lt) = query.SortField == OrderSortField.CreateTime
            ? (query.CreateTimeGe, query.CreateTimeLt)
            : (query.UpdateTimeGe, query.UpdateTimeLt);
        var lower = new OrderKey(ge ?? long.MinValue, "");
        var upper = new OrderKey(lt is { } end ? end - 1 : long.MaxValue, OrderKeyComparer.UpperId);
        if (after is { } cursor)
        {
            var position = new OrderKey(cursor.Time, cursor.OrderId);
            if (query.Descending)
            {
                upper = OrderKeyComparer.Instance.Compare(position, upper) < 0 ? position : upper;
            }
            else
            {
                lower = OrderKeyComparer.Instance.Compare(position, lower) > 0 ? position : lower;
            }
        }

        if (set.Count == 0 || OrderKeyComparer.Instance.Compare(lower, upper) > 0)
        {
            yield break;
        }

        var view = set.GetViewBetween(lower, upper);
        var keys = query.Descending ? view.Reverse() : view;
        foreach (var key in keys)
        {
            // The cursor itself was the last order of the previous page.
            if (after is { } c && key.Time == c.Time && string.Equals(key.Id, c.OrderId, StringComparison.Ordinal))
            {
                continue;
            }

            yield return key;
        }
    }

    private int CountLocked(OrderSearchQuery query, ulong fingerprint)
    {
        if (_countCache.TryGetValue(fingerprint, out var cached) && cached.Version == _version)
        {
            return cached.Count;
        }

        var count = 0;
        foreach (var key in Walk(query, after: null))
        {
            if (query.Matches(_orders[key.Id]))
            {
                count++;
            }
        }

        _countCache[fingerprint] = (_version, count);
        return count;
    }

    private EmulatorError? CheckTracking(OrderRecord order, string trackingNumber, string providerId, PackageRecord? replacing)
    {
        if (!trackingNumber.All(char.IsAsciiLetterOrDigit))
        {
            return EmulatorErrors.TrackingSpecialCharacters;
        }

        var carrier = JapaneseCarriers.Find(providerId);
        var option = OrderWireMapper.DeliveryOptionOf(order);
        if (carrier is null || !option.Providers.Contains(carrier))
        {
            return EmulatorErrors.InvalidTrackingOrProvider;
        }

        if (!JapaneseCarriers.Fits(carrier, trackingNumber))
        {
            return EmulatorErrors.TrackingProviderMismatch;
        }

        if (!_trackingUse.TryGetValue(trackingNumber, out var users))
        {
            return null;
        }

        // The same number on this order's other package, or on an order going elsewhere, is a duplicate; orders to the
        // same recipient may share one parcel (in-shipping consolidation, md §9.1).
        var sameOrderOtherPackage = order.Packages.Exists(p => p != replacing
                                                               && string.Equals(p.TrackingNumber, trackingNumber, StringComparison.Ordinal));
        if (sameOrderOtherPackage || users.Exists(u => u != order && !SameRecipient(u, order)))
        {
            return EmulatorErrors.DuplicateTrackingNumber;
        }

        return users.Count(u => u != order) >= MaxOrdersPerTrackingNumber ? EmulatorErrors.TrackingUsedTooManyTimes : null;
    }

    private static bool SameRecipient(OrderRecord a, OrderRecord b) =>
        string.Equals(a.Recipient.Name, b.Recipient.Name, StringComparison.Ordinal)
        && string.Equals(OrderWireMapper.FullAddress(a.Recipient), OrderWireMapper.FullAddress(b.Recipient), StringComparison.Ordinal);

    private void UseTracking(string trackingNumber, OrderRecord order)
    {
        if (!_trackingUse.TryGetValue(trackingNumber, out var users))
        {
            users = [];
            _trackingUse[trackingNumber] = users;
        }

        if (!users.Contains(order))
        {
            users.Add(order);
        }
    }

    private void ReleaseTracking(string trackingNumber, OrderRecord order)
    {
        if (_trackingUse.TryGetValue(trackingNumber, out var users)
            && !order.Packages.Exists(p => string.Equals(p.TrackingNumber, trackingNumber, StringComparison.Ordinal) && p.Order != order))
        {
            users.Remove(order);
            if (users.Count == 0)
            {
                _trackingUse.Remove(trackingNumber);
            }
        }
    }

    private void PublishStatus(OrderRecord order) =>
        _webhooks.Publish(new WebhookNotification(
            WebhookEventTypes.OrderStatusChange,
            Shop.Id,
            new OrderStatusChangeData
            {
                IsOnHoldOrder = OrderWireMapper.UsesOnHoldFlow,
                OrderId = order.Id,
                OrderStatus = order.IsFinalCancelled ? WebhookEventTypes.WebhookCancelledStatus : order.Status,
                UpdateTime = order.UpdateTime,
            }));

    private void PublishCancellation(OrderRecord order, string role, string cancelStatus, long at) =>
        _webhooks.Publish(new WebhookNotification(
            WebhookEventTypes.CancellationStatusChange,
            Shop.Id,
            new CancellationStatusChangeData
            {
                OrderId = order.Id,
                CancellationsRole = role,
                CancelStatus = cancelStatus,
                CancelId = order.CancelId ?? "",
                CreateTime = at,
            }));

    private static long SortTime(OrderRecord order, OrderSortField field) =>
        field == OrderSortField.CreateTime ? order.CreateTime : order.UpdateTime;

    private static EmulatorOrderSummary Summarize(OrderRecord order) => new(
        order.Id,
        order.ShopId,
        order.Status,
        DateTimeOffset.FromUnixTimeSeconds(order.CreateTime),
        DateTimeOffset.FromUnixTimeSeconds(order.UpdateTime),
        order.LineItems.Count,
        order.IsBuyerRequestCancel,
        order.DeliveryOptionId,
        order.CancellationInitiator);

    private static ShippedOrder ShippingOf(OrderRecord order)
    {
        var latest = order.Packages.Count > 0 ? order.Packages[^1] : null;
        return new ShippedOrder(
            order.Id,
            order.ShopId,
            order.Status,
            latest?.TrackingNumber,
            latest?.ShippingProviderId,
            order.RtsTime is { } rts ? DateTimeOffset.FromUnixTimeSeconds(rts) : null,
            order.Packages
                .Select(p => new ShippedPackage(
                    p.Id, p.TrackingNumber, p.ShippingProviderId, p.ShippingProviderName, p.LineItemIds.ToArray(),
                    DateTimeOffset.FromUnixTimeSeconds(p.RtsTime)))
                .ToList(),
            order.ShipCalls,
            order.ShipAttempts,
            order.ShippingInfoUpdates,
            order.ShippingInfoUpdateAttempts);
    }

    private readonly record struct ScheduledEvent(long Due, long Sequence, string OrderId, OrderEventKind Kind);

    private sealed class ScheduledEventComparer : IComparer<ScheduledEvent>
    {
        public static readonly ScheduledEventComparer Instance = new();

        public int Compare(ScheduledEvent x, ScheduledEvent y)
        {
            var byDue = x.Due.CompareTo(y.Due);
            return byDue != 0 ? byDue : x.Sequence.CompareTo(y.Sequence);
        }
    }
}
