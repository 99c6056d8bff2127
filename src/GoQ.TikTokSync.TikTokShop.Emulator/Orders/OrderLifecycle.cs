using GoQ.TikTokSync.TikTokShop.Emulator.Webhooks;
using GoQ.TikTokSync.TikTokShop.Emulator.Wire;

namespace GoQ.TikTokSync.TikTokShop.Emulator.Orders;

/// <summary>
/// How the orders of one shop move along their documented life cycle (docs/tiktok-shop-api.md#order-statuses): their planned events (payment, the on-hold
/// window, buyer and system cancellations, the buyer's cancel request and its approval), the moves the control surface
/// asks for, and the status, cancellation and address webhooks each move sends. Only a status change stamps update_time
/// (OAS: "the time of the last status change"); a cancel request, a line cancellation or an address change is told by
/// webhook alone, and a reader polling update_time does not see it. Not thread-safe:
/// used only under the lock of its <see cref="ShopOrderBook"/>.
/// </summary>
internal sealed class OrderLifecycle
{
    private readonly EmulatorShop _shop;
    private readonly ShopOrderIndex _index;
    private readonly PlannedEventQueue _planned;
    private readonly IWebhookSink _webhooks;
    private readonly IdSource _ids;

    // Orders generated with a create time still ahead of the clock; their Create event brings them into the index.
    private readonly Dictionary<string, OrderRecord> _unborn = new(StringComparer.Ordinal);

    public OrderLifecycle(EmulatorShop shop, ShopOrderIndex index, PlannedEventQueue planned, IWebhookSink webhooks, IdSource ids)
    {
        _shop = shop;
        _index = index;
        _planned = planned;
        _webhooks = webhooks;
        _ids = ids;
    }

    /// <summary>Adds an order and its life cycle; the part of it already in the past is applied silently (no webhooks).</summary>
    public void Add(GeneratedOrder generated, long now)
    {
        var order = generated.Order;
        if (order.CreateTime > now)
        {
            _unborn[order.Id] = order;
            foreach (var planned in generated.Plan)
            {
                _planned.Schedule(planned.Due, order.Id, planned.Kind);
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
                _planned.Schedule(planned.Due, order.Id, planned.Kind);
            }
        }

        _index.Add(order);
    }

    /// <summary>Adds an order that appears now (a control call): indexed at once, announced by webhook, its future planned.</summary>
    public void AddLive(OrderRecord order, IEnumerable<PlannedEvent> future)
    {
        _index.Add(order);
        foreach (var planned in future)
        {
            _planned.Schedule(planned.Due, order.Id, planned.Kind);
        }

        PublishStatus(order);
    }

    /// <summary>Applies every planned event whose time has come, in time order, with webhooks.</summary>
    public void ApplyDue(long now)
    {
        while (_planned.TryTakeDue(now, out var next))
        {
            if (next.Kind == OrderEventKind.Create)
            {
                if (_unborn.Remove(next.OrderId, out var born))
                {
                    _index.Add(born);
                    PublishStatus(born);
                }

                continue;
            }

            if (_index.TryGet(next.OrderId, out var order))
            {
                Apply(order, next.Kind, next.Due, emit: true, indexed: true);
            }
        }
    }

    /// <summary>Cancels an order as the control surface asks, or only files the buyer's request once the hold is over.</summary>
    public string Cancel(string orderId, CancelInitiator initiator, string? reason, long now)
    {
        var order = Existing(orderId);
        if (order.IsFinalCancelled || order.HasStatus(OrderStatuses.Delivered) || order.HasStatus(OrderStatuses.Completed))
        {
            throw new InvalidOperationException($"Order {orderId} is {order.Status} and cannot be cancelled.");
        }

        reason ??= CancelReasons.Default(initiator);

        // After the hold a buyer only requests; the seller (or the 24 h auto-approval) decides (see docs/japanese-operations.md#buyer-cancellations).
        if (initiator == CancelInitiator.Buyer && !order.IsBuyerRequestCancel && !order.InOldFlowCancellationHour(now)
            && (order.HasStatus(OrderStatuses.AwaitingShipment) || order.HasStatus(OrderStatuses.PartiallyShipping)))
        {
            RequestCancel(order, now, emit: true);
            _planned.Schedule(now + (long)PlatformTimings.CancelRequestAutoApproval.TotalSeconds, order.Id, OrderEventKind.ApproveCancelRequest);
            return order.Status;
        }

        CancelOrder(order, initiator, reason, now, emit: true);
        return order.Status;
    }

    /// <summary>Moves an order one step along its documented life cycle (docs/tiktok-shop-api.md#order-statuses), as the buyer, TikTok or the carrier would.</summary>
    public string Advance(string orderId, long now)
    {
        var order = Existing(orderId);
        switch (order.Status)
        {
            case OrderStatuses.Unpaid:
                Pay(order, now, emit: true);
                _planned.Schedule(now + (long)PlatformTimings.OnHoldWindow.TotalSeconds, order.Id, OrderEventKind.ReleaseHold);
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

    /// <summary>TikTok cuts an order's unshipped lines into <paramref name="packages"/> parcels before shipping (docs/tiktok-shop-api.md#order-object:
    /// split_or_combine_tag SPLIT) and says so with PACKAGE_UPDATE (docs/tiktok-shop-api.md#webhook-payloads). Returns the package ids.</summary>
    public IReadOnlyList<string> SplitPackages(string orderId, int packages, long now, bool emit = true)
    {
        var order = Existing(orderId);
        var lines = order.LineItems.Where(l => l.Package is null).ToList();
        if (!order.HasStatus(OrderStatuses.AwaitingShipment) || lines.Count < packages || packages < 1)
        {
            throw new InvalidOperationException(
                $"Order {orderId} is {order.Status} with {lines.Count} unshipped lines: it cannot be split into {packages} packages.");
        }

        var ids = Enumerable.Range(0, packages).Select(_ => _ids.NextPackageId()).ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            // Contiguous parts, the first ones taking the remainder: lines of one SKU stay together where they can.
            lines[i].PendingPackageId = ids[i * packages / lines.Count];
        }

        _index.Touch(order, now);
        if (emit)
        {
            PublishPackageUpdate(packages > 1 ? "SPLIT" : "CANCEL_SPLIT", ids.Select(id => (id, (IReadOnlyList<string>)[order.Id])), now);
        }

        return ids;
    }

    /// <summary>TikTok combines orders of one buyer into one parcel (docs/tiktok-shop-api.md#order-object: auto_combine_group_id, COMBINED) and says so
    /// with PACKAGE_UPDATE. Returns the shared package id.</summary>
    public string CombinePackages(IReadOnlyList<string> orderIds, long now)
    {
        var orders = orderIds.Select(Existing).ToList();
        if (orders.Count < 2 || orders.Exists(o => !o.HasStatus(OrderStatuses.AwaitingShipment)))
        {
            throw new InvalidOperationException("Only two or more orders awaiting shipment can be combined.");
        }

        var packageId = _ids.NextPackageId();
        var groupId = _ids.NextPackageId();
        foreach (var order in orders)
        {
            order.AutoCombineGroupId = groupId;
            foreach (var line in order.LineItems.Where(l => l.Package is null))
            {
                line.PendingPackageId = packageId;
            }

            _index.Touch(order, now);
        }

        PublishPackageUpdate("COMBINE", [(packageId, orders.Select(o => o.Id).ToList())], now);
        return packageId;
    }

    private void PublishPackageUpdate(string scType, IEnumerable<(string PackageId, IReadOnlyList<string> OrderIds)> packages, long at) =>
        _webhooks.Publish(new WebhookNotification(
            WebhookEventTypes.PackageUpdate,
            _shop.Id,
            new PackageUpdateData
            {
                ScType = scType,
                RoleType = "ROLE_SYSTEM",
                PackageList = packages.Select(p => new PackageUpdateEntry { PackageId = p.PackageId, OrderIdList = p.OrderIds }).ToList(),
                UpdateTime = at,
            }));

    public void ChangeStatus(OrderRecord order, string status, long at, bool emit, bool indexed = true)
    {
        var changed = !order.HasStatus(status);
        order.Status = status;
        if (!changed)
        {
            return;
        }

        _index.Touch(order, at, indexed);
        if (emit)
        {
            PublishStatus(order);
        }
    }

    /// <summary>
    /// Cancels one line of an order that goes on with its other lines (out of stock, a partial cancel); the first open line
    /// when <paramref name="lineItemId"/> is null. The order's status stays, so update_time does not move; a
    /// CANCELLATION_STATUS_CHANGE webhook tells of it. Returns the cancelled line's id.
    /// </summary>
    public string CancelLine(string orderId, string? lineItemId, CancelInitiator initiator, long now) =>
        CancelLine(Existing(orderId), lineItemId, initiator, now, emit: true, indexed: true);

    private string CancelLine(OrderRecord order, string? lineItemId, CancelInitiator initiator, long now, bool emit, bool indexed)
    {
        var orderId = order.Id;
        if (!order.HasStatus(OrderStatuses.AwaitingShipment) && !order.HasStatus(OrderStatuses.PartiallyShipping)
            && !order.HasStatus(OrderStatuses.OnHold))
        {
            throw new InvalidOperationException($"Order {orderId} is {order.Status}: only a paid order waiting for shipment loses a line.");
        }

        var open = order.LineItems.Where(l => !l.IsCancelled && l.Package is null).ToList();
        var line = lineItemId is null ? open.FirstOrDefault()
            : open.Find(l => string.Equals(l.Id, lineItemId, StringComparison.Ordinal))
              ?? throw new InvalidOperationException($"Line {lineItemId} of order {orderId} is not open (unknown, shipped or cancelled).");
        if (line is null || order.LineItems.Count(l => !l.IsCancelled) < 2)
        {
            throw new InvalidOperationException($"Order {orderId} has no line to cancel while the order goes on; cancel the order instead.");
        }

        var role = Role(initiator);
        line.IsCancelled = true;
        line.CancelUser = role;
        line.CancelReason = CancelReasons.Default(initiator);
        var cancelId = _ids.NextCancelId();
        if (order.LineItems.Where(l => !l.IsCancelled).All(l => l.Package is not null))
        {
            // The cancelled line was the last one waiting: what is left has been shipped already.
            ChangeStatus(order, OrderStatuses.AwaitingCollection, now, emit, indexed);
        }

        if (emit)
        {
            PublishCancellation(order, role, "CANCELLATION_REQUEST_COMPLETE", now, cancelId);
        }

        return line.Id;
    }

    /// <summary>
    /// The buyer (or TikTok's support) changes the delivery address of an order not yet shipped: has_updated_recipient_address
    /// turns true and a RECIPIENT_ADDRESS_UPDATE webhook is sent; update_time does not move (no status change).
    /// </summary>
    public void ChangeRecipientAddress(string orderId, long now) => ChangeRecipientAddress(Existing(orderId), now, emit: true);

    private void ChangeRecipientAddress(OrderRecord order, long now, bool emit)
    {
        var orderId = order.Id;
        if (order.IsFinalCancelled || !(order.HasStatus(OrderStatuses.Unpaid) || order.HasStatus(OrderStatuses.OnHold)
            || order.HasStatus(OrderStatuses.AwaitingShipment) || order.HasStatus(OrderStatuses.PartiallyShipping)))
        {
            throw new InvalidOperationException($"Order {orderId} is {order.Status}: its address can no longer change.");
        }

        var localities = JapaneseSampleData.Localities;
        var current = order.Recipient;
        var moved = localities[(IndexOf(localities, current.Locality) + 1 + (int)(now % (localities.Count - 1))) % localities.Count];
        order.Recipient = new RecipientRecord
        {
            Name = current.Name,
            FamilyNameKanji = current.FamilyNameKanji,
            GivenNameKanji = current.GivenNameKanji,
            FamilyNameKatakana = current.FamilyNameKatakana,
            GivenNameKatakana = current.GivenNameKatakana,
            PhoneNumber = current.PhoneNumber,
            Locality = moved,
            StreetNumber = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{(now % 5) + 1}-{(now % 17) + 1}-{(now % 9) + 1}"),
            Building = "",
        };
        order.HasUpdatedRecipientAddress = true;
        if (emit)
        {
            _webhooks.Publish(new WebhookNotification(
                WebhookEventTypes.RecipientAddressUpdate,
                _shop.Id,
                new RecipientAddressUpdateData { OrderId = order.Id, UpdateTime = now }));
        }
    }

    private static int IndexOf(IReadOnlyList<JapaneseLocality> localities, JapaneseLocality locality)
    {
        for (var i = 0; i < localities.Count; i++)
        {
            if (localities[i] == locality)
            {
                return i;
            }
        }

        return 0;
    }

    public void Clear()
    {
        _unborn.Clear();
        _planned.Clear();
    }

    private OrderRecord Existing(string orderId) =>
        _index.TryGet(orderId, out var order) ? order : throw new KeyNotFoundException($"Order {orderId} is not in shop {_shop.Id}.");

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
            case OrderEventKind.BuyerCancel when order.HasStatus(OrderStatuses.Unpaid) || order.HasStatus(OrderStatuses.OnHold)
                                                 || (order.HasStatus(OrderStatuses.AwaitingShipment) && order.InOldFlowCancellationHour(at)):
                CancelOrder(order, CancelInitiator.Buyer, CancelReasons.BuyerChangedMind, at, emit, indexed);
                break;
            case OrderEventKind.UnpaidTimeout when order.HasStatus(OrderStatuses.Unpaid):
                CancelOrder(order, CancelInitiator.System, CancelReasons.UnpaidTimeout, at, emit, indexed);
                break;
            case OrderEventKind.BuyerCancelRequest when order.HasStatus(OrderStatuses.AwaitingShipment) && !order.IsBuyerRequestCancel:
                RequestCancel(order, at, emit, indexed);
                break;
            case OrderEventKind.LineCancel when (order.HasStatus(OrderStatuses.AwaitingShipment) || order.HasStatus(OrderStatuses.OnHold))
                                               && order.LineItems.Count(l => !l.IsCancelled && l.Package is null) >= 2:
                CancelLine(order, lineItemId: null, CancelInitiator.Seller, at, emit, indexed);
                break;
            case OrderEventKind.AddressChange when order.HasStatus(OrderStatuses.AwaitingShipment) || order.HasStatus(OrderStatuses.OnHold):
                ChangeRecipientAddress(order, at, emit);
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
        if (!order.UsesOnHoldFlow)
        {
            // The old flow skips ON_HOLD: the address is there at once, the buyer may still cancel for an hour.
            ReleaseHold(order, at, emit, indexed);
            return;
        }

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
        if (emit)
        {
            PublishCancellation(order, "BUYER", "CANCELLATION_REQUEST_PENDING", at);
        }
    }

    private void CancelOrder(OrderRecord order, CancelInitiator initiator, string reason, long at, bool emit, bool indexed = true)
    {
        var role = Role(initiator);
        order.CancelTime = at;
        order.CancelReason = reason;
        order.CancellationInitiator = role;
        order.CancelId ??= _ids.NextCancelId();
        foreach (var line in order.LineItems.Where(l => !l.IsCancelled))
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

    private void PublishStatus(OrderRecord order) =>
        _webhooks.Publish(new WebhookNotification(
            WebhookEventTypes.OrderStatusChange,
            _shop.Id,
            new OrderStatusChangeData
            {
                IsOnHoldOrder = order.UsesOnHoldFlow,
                OrderId = order.Id,
                OrderStatus = order.IsFinalCancelled ? WebhookEventTypes.WebhookCancelledStatus : order.Status,
                UpdateTime = order.UpdateTime,
            }));

    private static string Role(CancelInitiator initiator) => initiator switch
    {
        CancelInitiator.Buyer => "BUYER",
        CancelInitiator.Seller => "SELLER",
        _ => "SYSTEM",
    };

    private void PublishCancellation(OrderRecord order, string role, string cancelStatus, long at, string? cancelId = null) =>
        _webhooks.Publish(new WebhookNotification(
            WebhookEventTypes.CancellationStatusChange,
            _shop.Id,
            new CancellationStatusChangeData
            {
                OrderId = order.Id,
                CancellationsRole = role,
                CancelStatus = cancelStatus,
                CancelId = cancelId ?? order.CancelId ?? "",
                CreateTime = at,
            }));
}
