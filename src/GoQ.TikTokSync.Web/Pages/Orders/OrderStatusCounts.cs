using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Orders;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Web.Pages.Orders;

public sealed record StatusCount(GoqOrderStatus Status, int Count);

/// <summary>The numbers on the status tabs: one grouped query, every status present even when zero.</summary>
public sealed record OrderStatusCounts(IReadOnlyList<StatusCount> PerStatus, int Total)
{
    public static async Task<OrderStatusCounts> LoadAsync(TikTokSyncDbContext db, CancellationToken cancellationToken)
    {
        var grouped = await db.Orders
            .GroupBy(o => o.GoqStatus)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Status, g => g.Count, cancellationToken);

        var perStatus = GoqOrderStatuses.All
            .Select(status => new StatusCount(status, grouped.GetValueOrDefault(status)))
            .ToList();
        return new OrderStatusCounts(perStatus, perStatus.Sum(s => s.Count));
    }
}
