using GoQ.TikTokSync.TikTokShop.Emulator.Fulfillment;
using GoQ.TikTokSync.TikTokShop.Emulator.Protocol;
using GoQ.TikTokSync.TikTokShop.Emulator.Wire;

namespace GoQ.TikTokSync.TikTokShop.Emulator.Orders;

/// <summary>
/// The seller's side of one shop's orders: shipping them in packages (Mark Package As Shipped, docs/tiktok-shop-api.md#mark-package-as-shipped), correcting the
/// tracking number once (docs/tiktok-shop-api.md#correcting-tracking) and showing a package. Not thread-safe: used only under the lock of its
/// <see cref="ShopOrderBook"/>.
/// </summary>
internal sealed class OrderFulfillment
{
    private readonly ShopOrderIndex _index;
    private readonly OrderLifecycle _lifecycle;
    private readonly TrackingNumberRegistry _tracking;
    private readonly ShipCallRecorder _shipCalls;
    private readonly IdSource _ids;

    public OrderFulfillment(
        ShopOrderIndex index, OrderLifecycle lifecycle, TrackingNumberRegistry tracking, ShipCallRecorder shipCalls, IdSource ids)
    {
        _index = index;
        _lifecycle = lifecycle;
        _tracking = tracking;
        _shipCalls = shipCalls;
        _ids = ids;
    }

    /// <summary>Mark Package As Shipped, recorded in the order's ship-call tally together with its effect.</summary>
    /// <param name="responseLost">The caller will not see the answer; only recorded.</param>
    public Outcome<MarkPackageShippedData> MarkShipped(
        string orderId, string? trackingNumber, string? providerId, IReadOnlyList<string>? lineItemIds, long now, bool responseLost)
    {
        if (!_index.TryGet(orderId, out var order))
        {
            return Outcome<MarkPackageShippedData>.Fail(EmulatorErrors.OrderNotInShop);
        }

        order.ShipAttempts++;
        var outcome = Ship(order, trackingNumber, providerId, lineItemIds, now);
        _shipCalls.Record(order, outcome, trackingNumber, lineItemIds, responseLost);
        return outcome;
    }

    /// <summary>Update Shipping Info for a whole order: JP allows one correction per order (docs/tiktok-shop-api.md#correcting-tracking).</summary>
    public Outcome<EmptyData> UpdateShippingInfo(string orderId, string? trackingNumber, string? providerId, long now)
    {
        if (!_index.TryGet(orderId, out var order))
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

        // A split order must be corrected per package (docs/tiktok-shop-api.md#correcting-tracking); the code for refusing it here is UNCONFIRMED.
        if (order.Packages.Count > 1)
        {
            return Outcome<EmptyData>.Fail(EmulatorErrors.MultiplePackagesSpecifyLines);
        }

        if (order.ShippingInfoUpdates >= 1)
        {
            return Outcome<EmptyData>.Fail(EmulatorErrors.TrackingUpdatedOnce);
        }

        var package = order.Packages[0];
        var carrierError = _tracking.Check(order, trackingNumber, providerId, replacing: package);
        if (carrierError is not null)
        {
            return Outcome<EmptyData>.Fail(carrierError);
        }

        var carrier = JapaneseCarriers.Find(providerId)!;
        _tracking.Release(package.TrackingNumber, order);
        package.TrackingNumber = trackingNumber;
        package.ShippingProviderId = carrier.Id;
        package.ShippingProviderName = carrier.Name;
        package.UpdateTime = now;
        package.TrackingUpdates++;
        _tracking.Use(trackingNumber, order);
        order.ShippingInfoUpdates++;
        return Outcome<EmptyData>.Ok(EmptyData.Instance);
    }

    public Outcome<PackageDetailData> GetPackage(string packageId) =>
        _index.TryGetPackage(packageId, out var package)
            ? Outcome<PackageDetailData>.Ok(OrderWireMapper.ToPackageDetail(package))
            : Outcome<PackageDetailData>.Fail(EmulatorErrors.PackageNotInShop);

    private Outcome<MarkPackageShippedData> Ship(
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
                if (line is null || line.IsCancelled)
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
            lines = order.LineItems.Where(l => l.Package is null && !l.IsCancelled).ToList();

            // TikTok already cut the order into several parcels: a call for "the rest" cannot say which one (docs/tiktok-shop-api.md#mark-package-as-shipped).
            if (order.PendingPackageIds.Skip(1).Any())
            {
                return Outcome<MarkPackageShippedData>.Fail(EmulatorErrors.MultiplePackagesSpecifyLines);
            }
        }

        var pendingId = PendingPackageShippedWhole(order, lines);
        var carrierError = _tracking.Check(order, trackingNumber, providerId, replacing: null, tikTokPackage: pendingId is not null);
        if (carrierError is not null)
        {
            return Outcome<MarkPackageShippedData>.Fail(carrierError);
        }

        var carrier = JapaneseCarriers.Find(providerId)!;
        var package = ShipLines(order, lines, pendingId ?? _ids.NextPackageId(), pendingId is not null, trackingNumber, carrier.Id, carrier.Name, now);
        _index.AddPackage(package);
        order.ShipCalls++;
        SettleShipped(order, now);
        if (pendingId is not null && order.AutoCombineGroupId is not null)
        {
            ShipCombinedOrders(order, package, now);
        }

        return Outcome<MarkPackageShippedData>.Ok(new MarkPackageShippedData
        {
            OrderId = order.Id,
            OrderLineItemIds = package.LineItemIds.ToArray(),
            PackageId = package.Id,
        });
    }

    /// <summary>A shipped package over <paramref name="lines"/> of <paramref name="order"/>, booked on the order and its tracking number.</summary>
    private PackageRecord ShipLines(OrderRecord order, List<LineItemRecord> lines, string packageId, bool madeByTikTok, string trackingNumber, string providerId, string providerName, long now)
    {
        var package = new PackageRecord
        {
            Id = packageId,
            MadeByTikTok = madeByTikTok,
            Order = order,
            LineItemIds = lines.Select(l => l.Id).ToList(),
            TrackingNumber = trackingNumber,
            ShippedTrackingNumber = trackingNumber,
            ShippedProviderId = providerId,
            ShippingProviderId = providerId,
            ShippingProviderName = providerName,
            CreateTime = now,
            UpdateTime = now,
            RtsTime = now,
        };
        foreach (var line in lines)
        {
            line.Package = package;
        }

        order.Packages.Add(package);
        _tracking.Use(trackingNumber, order);
        order.RtsTime ??= now;
        return package;
    }

    private void SettleShipped(OrderRecord order, long now)
    {
        var allShipped = order.LineItems.TrueForAll(l => l.Package is not null || l.IsCancelled);
        _lifecycle.ChangeStatus(order, allShipped ? OrderStatuses.AwaitingCollection : OrderStatuses.PartiallyShipping, now, emit: true);
    }

    /// <summary>The TikTok package the call ships whole (all its unshipped lines and nothing else), whose id it keeps.</summary>
    private static string? PendingPackageShippedWhole(OrderRecord order, List<LineItemRecord> lines)
    {
        var pending = lines.Select(l => l.PendingPackageId).Distinct(StringComparer.Ordinal).ToList();
        if (pending is not [{ } id])
        {
            return null;
        }

        var packageLines = order.LineItems.Count(l => l.Package is null && string.Equals(l.PendingPackageId, id, StringComparison.Ordinal));
        return packageLines == lines.Count ? id : null;
    }

    /// <summary>One parcel for several orders (TikTok's combination): shipping it for one order ships the others too.</summary>
    private void ShipCombinedOrders(OrderRecord shipped, PackageRecord package, long now)
    {
        foreach (var other in _index.Orders.Where(o => o != shipped && string.Equals(o.AutoCombineGroupId, shipped.AutoCombineGroupId, StringComparison.Ordinal)).ToList())
        {
            var lines = other.LineItems.Where(l => l.Package is null && string.Equals(l.PendingPackageId, package.Id, StringComparison.Ordinal)).ToList();
            if (lines.Count == 0 || other.IsFinalCancelled || other.IsBuyerRequestCancel)
            {
                continue;
            }

            ShipLines(other, lines, package.Id, madeByTikTok: true, package.TrackingNumber, package.ShippingProviderId, package.ShippingProviderName, now);
            package.CombinedOrders.Add(other);
            SettleShipped(other, now);
        }
    }

    /// <summary>Update Package Shipping Info: one correction per package (the JP rule, docs/tiktok-shop-api.md#correcting-tracking).</summary>
    public Outcome<EmptyData> UpdatePackageShippingInfo(string packageId, string? trackingNumber, string? providerId, long now)
    {
        if (!_index.TryGetPackage(packageId, out var package))
        {
            return Outcome<EmptyData>.Fail(EmulatorErrors.PackageNotInShop);
        }

        var order = package.Order;
        order.ShippingInfoUpdateAttempts++;
        if (string.IsNullOrEmpty(trackingNumber) || string.IsNullOrEmpty(providerId))
        {
            return Outcome<EmptyData>.Fail(EmulatorErrors.InvalidFulfillmentParameters);
        }

        if (order.IsFinalCancelled)
        {
            return Outcome<EmptyData>.Fail(EmulatorErrors.OrderCancelled);
        }

        if (order.HasStatus(OrderStatuses.Delivered) || order.HasStatus(OrderStatuses.Completed))
        {
            return Outcome<EmptyData>.Fail(EmulatorErrors.AlreadyDelivered);
        }

        if (package.TrackingUpdates >= 1)
        {
            return Outcome<EmptyData>.Fail(EmulatorErrors.TrackingUpdatedOnce);
        }

        var carrierError = _tracking.Check(order, trackingNumber, providerId, replacing: package);
        if (carrierError is not null)
        {
            return Outcome<EmptyData>.Fail(carrierError);
        }

        var carrier = JapaneseCarriers.Find(providerId)!;
        foreach (var part in order.Packages.Where(p => string.Equals(p.Id, packageId, StringComparison.Ordinal))
                     .Concat(package.CombinedOrders.SelectMany(o => o.Packages.Where(p => string.Equals(p.Id, packageId, StringComparison.Ordinal)))))
        {
            _tracking.Release(part.TrackingNumber, part.Order);
            part.TrackingNumber = trackingNumber;
            part.ShippingProviderId = carrier.Id;
            part.ShippingProviderName = carrier.Name;
            part.UpdateTime = now;
            part.TrackingUpdates++;
            _tracking.Use(trackingNumber, part.Order);
            part.Order.ShippingInfoUpdates++;
            _index.Touch(part.Order, now);
        }

        return Outcome<EmptyData>.Ok(EmptyData.Instance);
    }
}
