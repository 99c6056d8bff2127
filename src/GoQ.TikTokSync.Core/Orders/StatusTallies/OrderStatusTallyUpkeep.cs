using GoQ.TikTokSync.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace GoQ.TikTokSync.Core.Orders.StatusTallies;

/// <summary>
/// Keeps <see cref="OrderStatusTally"/> small and right. <see cref="FoldAsync"/> (every few minutes) replaces the rows of
/// each connection and status by one row holding their sum, so reading the counts stays a handful of rows however many
/// orders moved since. <see cref="RepairAsync"/> (daily) counts the orders themselves and, if the tallies drifted
/// (a bulk SQL update, a restore from backup), logs it and puts the true counts in their place.
/// Both lock the tally table for their transaction so that no save appends a row between reading and rewriting it;
/// saves wait for that lock for the few milliseconds it is held.
/// </summary>
public sealed partial class OrderStatusTallyUpkeep(Data.TikTokSyncDbContext db, ILogger<OrderStatusTallyUpkeep> logger)
{
    public sealed record Counted(int MallConnectionId, GoqOrderStatus Status, int Count);

    /// <summary>The counts per connection and status as the tallies give them (statuses with no order left out).</summary>
    public static async Task<IReadOnlyList<Counted>> ReadAsync(Data.TikTokSyncDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var sums = await db.OrderStatusTallies.AsNoTracking()
            .GroupBy(t => new { t.MallConnectionId, t.Status })
            .Select(g => new { g.Key.MallConnectionId, g.Key.Status, Count = g.Sum(t => t.Change) })
            .ToListAsync(cancellationToken);
        return [.. sums.Where(s => s.Count != 0).Select(s => new Counted(s.MallConnectionId, s.Status, s.Count))];
    }

    /// <summary>The same counts from the orders themselves: what the tallies must always equal.</summary>
    public static async Task<IReadOnlyList<Counted>> CountOrdersAsync(Data.TikTokSyncDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var counts = await db.Orders.AsNoTracking()
            .GroupBy(o => new { o.MallConnectionId, o.GoqStatus })
            .Select(g => new { g.Key.MallConnectionId, g.Key.GoqStatus, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return [.. counts.Select(c => new Counted(c.MallConnectionId, c.GoqStatus, c.Count))];
    }

    /// <summary>Folds the tally rows into one per connection and status. Returns how many rows it removed.</summary>
    public Task<int> FoldAsync(CancellationToken cancellationToken) =>
        RewriteAsync(async ct =>
        {
            var rows = await db.OrderStatusTallies.CountAsync(ct);
            var sums = await ReadAsync(db, ct);
            return rows == sums.Count ? null : (sums, rows);
        }, cancellationToken);

    /// <summary>Recounts from the orders; logs a warning when the tallies had drifted. Returns the rows removed.</summary>
    public Task<int> RepairAsync(CancellationToken cancellationToken) =>
        RewriteAsync(async ct =>
        {
            var tallied = (await ReadAsync(db, ct)).ToHashSet();
            var counted = await CountOrdersAsync(db, ct);
            var rows = await db.OrderStatusTallies.CountAsync(ct);
            if (!tallied.SetEquals(counted))
            {
                LogDrift(logger, string.Join(", ", tallied.Except(counted)), string.Join(", ", counted.Except(tallied)));
            }
            else if (rows == counted.Count)
            {
                return null;
            }

            return (counted, rows);
        }, cancellationToken);

    private async Task<int> RewriteAsync(
        Func<CancellationToken, Task<(IReadOnlyList<Counted> Counts, int RowsBefore)?>> plan, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await LockTalliesAsync(ct);
            var rewrite = await plan(ct);
            if (rewrite is not { } r)
            {
                await transaction.RollbackAsync(ct);
                return 0;
            }

            await db.OrderStatusTallies.ExecuteDeleteAsync(ct);
            db.OrderStatusTallies.AddRange(r.Counts.Select(c => new OrderStatusTally { MallConnectionId = c.MallConnectionId, Status = c.Status, Change = c.Count }));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
            return r.RowsBefore - r.Counts.Count;
        }, cancellationToken);
    }

    /// <summary>
    /// Blocks saves from appending tally rows until this transaction ends. SQLite needs nothing: Microsoft.Data.Sqlite
    /// begins transactions IMMEDIATE, which already holds the database's single write lock.
    /// </summary>
    private async Task LockTalliesAsync(CancellationToken cancellationToken)
    {
        var provider = db.Database.ProviderName;
        if (provider == StoreProviderNames.PostgreSql)
        {
            await db.Database.ExecuteSqlRawAsync("LOCK TABLE \"" + OrderStatusTally.TableName + "\" IN SHARE ROW EXCLUSIVE MODE", cancellationToken);
        }
        else if (provider == StoreProviderNames.SqlServer)
        {
            await db.Database.ExecuteSqlRawAsync("SELECT COUNT(*) FROM [" + OrderStatusTally.TableName + "] WITH (TABLOCKX, HOLDLOCK)", cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order status tallies had drifted from the orders and were repaired: tallied {Tallied}; counted {Counted}")]
    private static partial void LogDrift(ILogger logger, string tallied, string counted);
}
