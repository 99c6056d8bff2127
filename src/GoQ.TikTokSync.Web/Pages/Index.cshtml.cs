using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Import;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Web.Pages.Orders;
using Hangfire;
using Hangfire.Storage;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Web.Pages;

/// <summary>ホーム: order counts and one sync-health card per connection.</summary>
public class IndexModel(TikTokSyncDbContext db, JobStorage jobStorage, TimeProvider time) : PageModel
{
    public IReadOnlyList<StatusCount> Counts { get; private set; } = [];

    public IReadOnlyList<SyncHealth> Health { get; private set; } = [];

    /// <summary>Orders past / near their 発送期限 per shop (every shop, enabled or not: its orders still have to ship).</summary>
    public IReadOnlyList<DeadlineCount> Deadlines { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Counts = (await OrderStatusCounts.LoadAsync(db, cancellationToken)).PerStatus;
        var connections = await db.MallConnections.AsNoTracking()
            .Where(c => c.IsEnabled)
            .OrderBy(c => c.DisplayOrder).ThenBy(c => c.Id)
            .ToListAsync(cancellationToken);

        Dictionary<string, DateTime?> nextRuns;
        using (var storage = jobStorage.GetConnection())
        {
            nextRuns = storage.GetRecurringJobs(connections.Select(c => AutoFetchSchedule.JobId(c.Id)))
                .Where(j => !j.Removed)
                .ToDictionary(j => j.Id, j => j.NextExecution, StringComparer.Ordinal);
        }

        var deadlineCounts = await ShipDeadline.CountPerConnectionAsync(db.Orders.AsNoTracking(), time.GetUtcNow(), cancellationToken);
        Deadlines = (await db.MallConnections.AsNoTracking()
                .OrderBy(c => c.DisplayOrder).ThenBy(c => c.Id)
                .Select(c => new { c.Id, c.DisplayName })
                .ToListAsync(cancellationToken))
            .Select(c => deadlineCounts.TryGetValue(c.Id, out var n) ? new DeadlineCount(c.Id, c.DisplayName, n.Past, n.Near) : new DeadlineCount(c.Id, c.DisplayName, 0, 0))
            .ToList();

        Health = connections.Select(c => new SyncHealth(
                c,
                nextRuns.TryGetValue(AutoFetchSchedule.JobId(c.Id), out var next) ? next : null))
            .ToList();
    }

    public sealed record DeadlineCount(int ConnectionId, string ConnectionName, int Past, int Near);

    public sealed record SyncHealth(MallConnection Connection, DateTime? NextRunUtc);
}
