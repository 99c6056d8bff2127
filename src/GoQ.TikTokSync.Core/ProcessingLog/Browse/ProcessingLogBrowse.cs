using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Core.ProcessingLog.Browse;

/// <summary>自動処理ログ's filters: JST calendar dates bounding the run's start, kind, result and shop.</summary>
public sealed record ProcessingLogFilter(DateOnly? From, DateOnly? To, ProcessingKind? Kind, ProcessingResult? Result, int? Connection);

public sealed record ProcessingLogPage(IReadOnlyList<ProcessingLogEntry> Entries, bool HasMore, IReadOnlyDictionary<int, string> ConnectionNames);

/// <summary>
/// One run with its per-order outcomes (failed first, at most <see cref="ProcessingLogBrowse.MaxItems"/>), the orders
/// they name and, for a push, the orders that still have a failed package to send again.
/// </summary>
public sealed record ProcessingRunView(
    ProcessingLogEntry Entry,
    string? ConnectionName,
    IReadOnlyList<ProcessingLogItem> Items,
    int ItemCount,
    IReadOnlyDictionary<string, long> OrderIds,
    IReadOnlySet<long> ResendableOrderIds);

/// <summary>自動処理ログ: the runs newest first, and one run in detail.</summary>
public sealed class ProcessingLogBrowse(TikTokSyncDbContext db)
{
    public const int PageSize = 50;

    public const int MaxItems = 1000;

    /// <summary>Page <paramref name="pageNumber"/> (from 1) of the runs matching the filter.</summary>
    public async Task<ProcessingLogPage> ListAsync(ProcessingLogFilter filter, int pageNumber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = db.ProcessingLogEntries.AsNoTracking();
        if (filter.From is { } from)
        {
            var fromUtc = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), JapanTime.Offset).UtcDateTime;
            query = query.Where(e => e.StartedAtUtc >= fromUtc);
        }

        if (filter.To is { } to)
        {
            var toUtc = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), JapanTime.Offset).UtcDateTime;
            query = query.Where(e => e.StartedAtUtc < toUtc);
        }

        if (filter.Kind is { } kind)
        {
            query = query.Where(e => e.Kind == kind);
        }

        if (filter.Result is { } result)
        {
            query = query.Where(e => e.Result == result);
        }

        if (filter.Connection is { } connection)
        {
            query = query.Where(e => e.MallConnectionId == connection);
        }

        var page = await query
            .OrderByDescending(e => e.StartedAtUtc)
            .ThenByDescending(e => e.Id)
            .Skip((pageNumber - 1) * PageSize)
            .Take(PageSize + 1)
            .ToListAsync(cancellationToken);
        var names = await db.MallConnections.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.DisplayName, cancellationToken);
        return new(page.Take(PageSize).ToList(), page.Count > PageSize, names);
    }

    public async Task<ProcessingRunView?> RunAsync(long id, CancellationToken cancellationToken)
    {
        var entry = await db.ProcessingLogEntries.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (entry is null)
        {
            return null;
        }

        var connectionName = await db.MallConnections.Where(c => c.Id == entry.MallConnectionId).Select(c => c.DisplayName).SingleOrDefaultAsync(cancellationToken);
        var query = db.ProcessingLogItems.AsNoTracking().Where(i => i.ProcessingLogEntryId == id);
        var itemCount = await query.CountAsync(cancellationToken);
        var items = await query.OrderBy(i => i.Outcome == ProcessingItemOutcome.Failed ? 0 : 1).ThenBy(i => i.Id).Take(MaxItems).ToListAsync(cancellationToken);
        var tikTokIds = items.Where(i => i.TikTokOrderId != null).Select(i => i.TikTokOrderId!).Distinct().ToList();
        var orderIds = await db.Orders.AsNoTracking()
            .Where(o => o.MallConnectionId == entry.MallConnectionId && tikTokIds.Contains(o.TikTokOrderId))
            .ToDictionaryAsync(o => o.TikTokOrderId, o => o.Id, cancellationToken);
        var ids = orderIds.Values.ToList();
        var resendable = entry.Kind == ProcessingKind.Export
            ? (await db.ShippingPackages.AsNoTracking()
                .Where(p => ids.Contains(p.OrderId) && p.PushState == ShipmentPushState.Failed)
                .Select(p => p.OrderId)
                .Distinct()
                .ToListAsync(cancellationToken)).ToHashSet()
            : new HashSet<long>();
        return new(entry, connectionName, items, itemCount, orderIds, resendable);
    }
}
