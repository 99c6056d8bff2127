using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Jobs;
using GoQ.TikTokSync.Core.Time;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GoQ.TikTokSync.Core.Import.FetchOrders;

/// <summary>
/// Keeps fetches of one connection from overlapping, across threads and app nodes, with a lease on the connection row:
/// one conditional UPDATE takes it, on the database's clock so that nodes whose clocks disagree still agree on who holds
/// it. The holder renews it every few seconds (<see cref="RunKeepAlive"/>) and releases it at the end; a node killed
/// mid-run stops renewing, and the lease runs out <see cref="JobOptions.LeaseDuration"/> later.
/// </summary>
public sealed partial class FetchLease(TikTokSyncDbContext db, IServiceScopeFactory scopes, IOptions<JobOptions> options, TimeProvider time, ILogger<FetchLease> logger)
{
    /// <summary>The held lease (dispose it to release), or null when another run holds the connection.</summary>
    public async Task<RunKeepAlive?> TryAcquireAsync(int mallConnectionId, CancellationToken cancellationToken)
    {
        var owner = Guid.NewGuid().ToString("N");
        var seconds = options.Value.LeaseDuration.TotalSeconds;
        // DateTime.UtcNow inside the query is the database server's clock (strftime('now') on SQLite, GETUTCDATE() on SQL Server).
        var taken = await db.MallConnections
            .Where(c => c.Id == mallConnectionId && (c.FetchLeaseOwner == null || c.FetchLeaseUntilUtc == null || c.FetchLeaseUntilUtc < DateTime.UtcNow))
            .ExecuteUpdateAsync(
                set => set.SetProperty(c => c.FetchLeaseOwner, owner).SetProperty(c => c.FetchLeaseUntilUtc, c => (DateTime?)DateTime.UtcNow.AddSeconds(seconds)),
                cancellationToken);
        if (taken != 1)
        {
            return null;
        }

        LogAcquired(logger, mallConnectionId, owner);
        return new RunKeepAlive(scopes, options.Value, time, logger, mallConnectionId, owner, cancellationToken);
    }

    /// <summary>How often a waiting run asks for the lease again.</summary>
    public static readonly TimeSpan BusyPoll = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// The held lease, asking again every <see cref="BusyPoll"/> for up to <paramref name="wait"/> while another run holds
    /// the connection; null when it is still held then. Meant for short waits on a worker: a run that would wait longer
    /// reschedules its job instead.
    /// </summary>
    public async Task<RunKeepAlive?> AcquireWithinAsync(int mallConnectionId, TimeSpan wait, CancellationToken cancellationToken)
    {
        var until = time.GetUtcNow() + wait;
        var held = await TryAcquireAsync(mallConnectionId, cancellationToken);
        while (held is null && time.GetUtcNow() < until)
        {
            await Task.Delay(BusyPoll, time, cancellationToken);
            held = await TryAcquireAsync(mallConnectionId, cancellationToken);
        }

        return held;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Fetch lease of connection {MallConnectionId} taken by {Owner}")]
    private static partial void LogAcquired(ILogger logger, int mallConnectionId, string owner);
}
