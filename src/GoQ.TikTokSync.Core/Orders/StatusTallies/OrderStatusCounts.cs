using GoQ.TikTokSync.Core.Data;

namespace GoQ.TikTokSync.Core.Orders.StatusTallies;

public sealed record StatusCount(GoqOrderStatus Status, int Count);

/// <summary>
/// The numbers on the status tabs, every status present even when zero. They come from the maintained tallies
/// (<see cref="OrderStatusTallyUpkeep"/>), a few rows whatever the number of orders, not from counting the orders.
/// </summary>
public sealed record OrderStatusCounts(IReadOnlyList<StatusCount> PerStatus, int Total)
{
    public static async Task<OrderStatusCounts> LoadAsync(TikTokSyncDbContext db, CancellationToken cancellationToken) =>
        From(await OrderStatusTallyUpkeep.ReadAsync(db, cancellationToken));

    /// <summary>Tab counts from the tallies, for every shop or only <paramref name="connectionId"/>'s.</summary>
    public static OrderStatusCounts From(IEnumerable<OrderStatusTallyUpkeep.Counted> tallies, int? connectionId = null)
    {
        var grouped = tallies
            .Where(c => connectionId is null || c.MallConnectionId == connectionId)
            .GroupBy(c => c.Status)
            .ToDictionary(g => g.Key, g => g.Sum(c => c.Count));

        var perStatus = GoqOrderStatuses.All
            .Select(status => new StatusCount(status, grouped.GetValueOrDefault(status)))
            .ToList();
        return new OrderStatusCounts(perStatus, perStatus.Sum(s => s.Count));
    }
}
