using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Orders.StatusTallies;
using GoQ.TikTokSync.Core.Scheduling;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Core.Orders.Home;

public sealed record ToDoCounts(int DeadlinePast, int DeadlineNear, int PushFailed, int PushUnknown)
{
    public int Total => DeadlinePast + DeadlineNear + PushFailed + PushUnknown;
}

public sealed record ShopView(MallConnection Connection, DateTime? NextRunUtc, IReadOnlyList<StatusCount> Counts, ToDoCounts ToDo)
{
    public bool NeedsAttention =>
        Connection.IsEnabled
        && (Connection.AuthorizationState == AuthorizationState.ReauthorizationRequired || Connection.ConsecutiveFetchFailures > 0);
}

/// <summary>The orders per GoQ status over every shop, and one card per shop (利用しない included).</summary>
public sealed record Morning(IReadOnlyList<StatusCount> Counts, IReadOnlyList<ShopView> Shops);

/// <summary>
/// ホーム, the operator's morning view: what needs doing today per shop (発送期限 past or near, pushes failed or not
/// settled), each shop's sync health and next automatic fetch, and its orders per GoQ status.
/// </summary>
public sealed class MorningView(TikTokSyncDbContext db, JobStorage jobStorage, TimeProvider time)
{
    public async Task<Morning> LoadAsync(CancellationToken cancellationToken)
    {
        // One read of the tallies serves both the all-shops counts and each shop's card.
        var tallies = await OrderStatusTallyUpkeep.ReadAsync(db, cancellationToken);
        var counts = OrderStatusCounts.From(tallies).PerStatus;

        // Every shop, enabled or not: a shop set to 利用しない still has orders that must ship.
        var connections = await db.MallConnections.AsNoTracking()
            .OrderBy(c => c.DisplayOrder).ThenBy(c => c.Id)
            .ToListAsync(cancellationToken);

        Dictionary<string, DateTime?> nextRuns;
        using (var storage = jobStorage.GetConnection())
        {
            nextRuns = storage.GetRecurringJobs(connections.Select(c => AutoFetchSchedule.JobId(c.Id)))
                .Where(j => !j.Removed)
                .ToDictionary(j => j.Id, j => j.NextExecution, StringComparer.Ordinal);
        }

        var statusCounts = tallies.ToLookup(c => c.MallConnectionId);
        var deadlines = await ShipDeadline.CountPerConnectionAsync(db.Orders.AsNoTracking(), time.GetUtcNow(), cancellationToken);
        var pushes = await PushAttention.CountPerConnectionAsync(db.Orders.AsNoTracking(), cancellationToken);

        var shops = connections.Select(c =>
            {
                var perStatus = statusCounts[c.Id].ToDictionary(s => s.Status, s => s.Count);
                var deadline = deadlines.GetValueOrDefault(c.Id);
                var push = pushes.GetValueOrDefault(c.Id);
                return new ShopView(
                    c,
                    nextRuns.TryGetValue(AutoFetchSchedule.JobId(c.Id), out var next) ? next : null,
                    [.. GoqOrderStatuses.All.Select(status => new StatusCount(status, perStatus.GetValueOrDefault(status)))],
                    new ToDoCounts(deadline.Past, deadline.Near, push.Failed, push.Unknown));
            })
            .ToList();
        return new Morning(counts, shops);
    }
}
