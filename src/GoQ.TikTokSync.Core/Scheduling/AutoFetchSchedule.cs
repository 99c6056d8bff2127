using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Malls;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GoQ.TikTokSync.Core.Scheduling;

/// <summary>
/// Decides whether a connection's recurring 10-minute fetch should exist (its 自動取得 setting and whether it can sync);
/// <see cref="RecurringJobs"/> adds or removes it.
/// </summary>
public sealed class AutoFetchSchedule(IRecurringJobManager jobs, IOptions<MallSettingsOptions> options)
{
    public static string JobId(int mallConnectionId) => RecurringJobs.AutoFetchJobId(mallConnectionId);

    public static bool ShouldRun(MallConnection connection) => connection.AutoFetchBlockReason is null;

    public void Apply(MallConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (ShouldRun(connection))
        {
            jobs.AddOrUpdateAutoFetch(connection.Id, options.Value.AutoFetchCron);
        }
        else
        {
            jobs.RemoveAutoFetch(connection.Id);
        }
    }

    public async Task ApplyAllAsync(TikTokSyncDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        foreach (var connection in await db.MallConnections.AsNoTracking().ToListAsync(cancellationToken))
        {
            Apply(connection);
        }
    }
}
