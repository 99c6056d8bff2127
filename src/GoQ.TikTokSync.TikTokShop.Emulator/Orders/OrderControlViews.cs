namespace GoQ.TikTokSync.TikTokShop.Emulator.Orders;

/// <summary>
/// How the control surface (tests, the app's demo mode) sees one shop's orders: summaries and what was shipped. Not
/// thread-safe: used only under the lock of its <see cref="ShopOrderBook"/>.
/// </summary>
internal sealed class OrderControlViews
{
    private readonly ShopOrderIndex _index;

    public OrderControlViews(ShopOrderIndex index)
    {
        _index = index;
    }

    /// <summary>The orders in create-time order, only those in <paramref name="status"/> when one is given.</summary>
    public IReadOnlyList<EmulatorOrderSummary> List(string? status) =>
        _index.OrdersByCreateTime
            .Where(o => status is null || o.HasStatus(status))
            .Select(Summarize)
            .ToList();

    public EmulatorOrderSummary? Find(string orderId) => _index.TryGet(orderId, out var order) ? Summarize(order) : null;

    public ShippedOrder? GetShipping(string orderId) => _index.TryGet(orderId, out var order) ? ShippingOf(order) : null;

    /// <summary>Every order the seller tried to ship or to correct, by id.</summary>
    public IReadOnlyList<ShippedOrder> ListShipping() =>
        _index.Orders
            .Where(o => o.ShipAttempts > 0 || o.ShippingInfoUpdateAttempts > 0)
            .OrderBy(o => o.Id, StringComparer.Ordinal)
            .Select(ShippingOf)
            .ToList();

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
}
