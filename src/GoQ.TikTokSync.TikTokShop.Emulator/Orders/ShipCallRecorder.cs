using GoQ.TikTokSync.TikTokShop.Emulator.Protocol;
using GoQ.TikTokSync.TikTokShop.Emulator.Wire;

namespace GoQ.TikTokSync.TikTokShop.Emulator.Orders;

/// <summary>
/// The record of every Mark Package As Shipped call on one shop's orders, by order and by package, that the control
/// surface shows. Not thread-safe: used only under the lock of its <see cref="ShopOrderBook"/>, which records a call in
/// the same hold of the lock as its effect.
/// </summary>
internal sealed class ShipCallRecorder
{
    private readonly ShopOrderIndex _index;

    public ShipCallRecorder(ShopOrderIndex index)
    {
        _index = index;
    }

    /// <param name="responseLost">The caller will not see the answer.</param>
    public void Record(
        OrderRecord order, Outcome<MarkPackageShippedData> outcome, string? trackingNumber, IReadOnlyList<string>? lineItemIds, bool responseLost)
    {
        var tally = order.ShipCallTally;
        if (outcome.Value is { } shipped)
        {
            var package = _index.Package(shipped.PackageId);
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

        // The call meant the packages holding the lines it named, or all of them when it named none (docs/tiktok-shop-api.md#mark-package-as-shipped).
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

    /// <summary>A ship call for the order that never reached Mark Package As Shipped: refused by the gateway (as an
    /// injected fault or the rate limit when <paramref name="faulted"/>, else for its credentials) or for its body.</summary>
    public void RecordRefused(string orderId, bool faulted)
    {
        if (_index.TryGet(orderId, out var order))
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

    /// <summary>Every order that got a ship call, every package the calls created.</summary>
    public (IReadOnlyList<OrderShipCalls> Orders, IReadOnlyList<PackageShipCalls> Packages) List()
    {
        var orders = _index.Orders
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
        var packages = _index.Packages
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
