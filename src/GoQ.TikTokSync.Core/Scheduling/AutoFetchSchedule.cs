using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Jobs;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Time;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GoQ.TikTokSync.Core.Scheduling;

/// <summary>Adds or removes a connection's recurring 10-minute fetch to match its 自動取得 setting and authorization.</summary>
public sealed class AutoFetchSchedule(IRecurringJobManager jobs, Microsoft.Extensions.Options.IOptions<MallSettingsOptions> options)
{

    public static readonly TimeZoneInfo JapanTimeZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    public static string JobId(int mallConnectionId) => $"auto-fetch-{mallConnectionId}";

    public static bool ShouldRun(MallConnection connection) =>
        connection.IsEnabled && connection.AutoFetchEnabled && connection.AuthorizationState == AuthorizationState.Authorized
        && !string.IsNullOrEmpty(connection.ShopCipher);

    public void Apply(MallConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (ShouldRun(connection))
        {
            jobs.AddOrUpdate<AutoFetchJob>(
                JobId(connection.Id),
                job => job.RunAsync(connection.Id, CancellationToken.None),
                options.Value.AutoFetchCron,
                new RecurringJobOptions { TimeZone = JapanTimeZone });
        }
        else
        {
            jobs.RemoveIfExists(JobId(connection.Id));
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
