using GoQ.TikTokSync.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Core.Orders.ViewOrder;

/// <summary>Identical SKUs of an order as one row: what 受注詳細's product table shows.</summary>
public sealed record SkuGroup(string ProductName, string? SkuName, string? SellerSku, string SkuId, decimal UnitPrice, int Quantity, decimal Amount, bool Cancelled = false);

/// <summary>
/// 受注詳細 as read: the order with lines, history (newest first) and packages, the lines not yet in a package (a new
/// package's default content), the last 100 push attempts and the shop's name.
/// </summary>
public sealed record OrderDetailView(
    Order Order,
    string ConnectionName,
    IReadOnlyList<SkuGroup> Skus,
    IReadOnlyList<OrderLine> RemainingLines,
    IReadOnlyList<ShippingPushAttempt> Attempts)
{
    /// <summary>同梱: the other orders TikTok combined with this one into one parcel (shipped once, together).</summary>
    public IReadOnlyList<string> CombinedWith { get; init; } = [];
}

public sealed class OrderDetail(TikTokSyncDbContext db)
{
    public async Task<OrderDetailView?> LoadAsync(long orderId, CancellationToken cancellationToken)
    {
        var order = await db.Orders.AsNoTracking()
            .Include(o => o.Lines)
            .Include(o => o.History.OrderByDescending(h => h.AtUtc))
            .Include(o => o.Packages.OrderBy(p => p.Id))
            .AsSplitQuery()
            .SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken);
        if (order is null)
        {
            return null;
        }

        var packed = order.Packages.SelectMany(p => p.LineItemIdList).ToHashSet(StringComparer.Ordinal);
        var remaining = order.Lines.Where(l => !packed.Contains(l.TikTokLineItemId) && !l.IsCancelled).OrderBy(l => l.Id).ToList();
        var attempts = await db.ShippingPushAttempts.AsNoTracking().Where(a => a.OrderId == order.Id).OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id).Take(100).ToListAsync(cancellationToken);
        var connectionName = await db.MallConnections.Where(c => c.Id == order.MallConnectionId).Select(c => c.DisplayName).SingleAsync(cancellationToken);
        var skus = order.Lines
            .GroupBy(l => (l.SkuId, l.IsCancelled))
            .Select(g => new SkuGroup(g.First().ProductName, g.First().SkuName, g.First().SellerSku, g.Key.SkuId, g.First().SalePrice, g.Count(), g.Sum(l => l.SalePrice), g.Key.IsCancelled))
            .ToList();
        var combined = await ListOrders.CombinedShipments.OtherOrdersAsync(db, [order.Id], cancellationToken);
        return new OrderDetailView(order, connectionName, skus, remaining, attempts) { CombinedWith = combined.GetValueOrDefault(order.Id) ?? [] };
    }

    /// <summary>The carrier a new entry starts with: the last package's, else the shop's 主に利用する配送業者.</summary>
    public async Task<Carrier?> DefaultCarrierAsync(Order order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        return order.Packages.LastOrDefault()?.Carrier
            ?? await db.MallConnections.Where(c => c.Id == order.MallConnectionId).Select(c => (Carrier?)c.PrimaryCarrier).SingleAsync(cancellationToken);
    }
}
