using GoQ.TikTokSync.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Core.Orders.ListOrders;

/// <summary>
/// 同梱: orders TikTok combined into one parcel (auto_combine_group_id; see docs/tiktok-shop-api.md, Order object) share
/// the package id on their lines. They are one shipment for the operator: shown together and pushed once.
/// </summary>
public static class CombinedShipments
{
    /// <summary>For each of <paramref name="orderIds"/> that shares a TikTok package with other orders of its shop, those
    /// orders' TikTok order ids (ascending).</summary>
    public static async Task<IReadOnlyDictionary<long, IReadOnlyList<string>>> OtherOrdersAsync(
        TikTokSyncDbContext db, IReadOnlyCollection<long> orderIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(orderIds);
        var own = await db.OrderLines.AsNoTracking()
            .Where(l => orderIds.Contains(l.OrderId) && l.PackageId != null)
            .Select(l => new { l.OrderId, l.PackageId })
            .Distinct()
            .ToListAsync(cancellationToken);
        if (own.Count == 0)
        {
            return new Dictionary<long, IReadOnlyList<string>>();
        }

        var packageIds = own.Select(l => l.PackageId!).Distinct(StringComparer.Ordinal).ToList();
        var sharing = await db.OrderLines.AsNoTracking()
            .Where(l => l.PackageId != null && packageIds.Contains(l.PackageId))
            .Join(db.Orders, l => l.OrderId, o => o.Id, (l, o) => new { l.PackageId, o.Id, o.TikTokOrderId, o.MallConnectionId })
            .Distinct()
            .ToListAsync(cancellationToken);
        var result = new Dictionary<long, IReadOnlyList<string>>();
        foreach (var group in own.GroupBy(l => l.OrderId))
        {
            var packages = group.Select(l => l.PackageId).ToHashSet(StringComparer.Ordinal);
            var connection = sharing.FirstOrDefault(s => s.Id == group.Key)?.MallConnectionId;
            var others = sharing.Where(s => s.Id != group.Key && s.MallConnectionId == connection && packages.Contains(s.PackageId))
                .Select(s => s.TikTokOrderId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (others.Count > 0)
            {
                result[group.Key] = others;
            }
        }

        return result;
    }
}
