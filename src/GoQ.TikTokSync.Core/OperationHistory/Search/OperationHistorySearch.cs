using System.Globalization;
using GoQ.TikTokSync.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Core.OperationHistory.Search;

/// <summary>One page of 操作履歴 rows, newest first, each with the orders it touched.</summary>
public sealed record OperationHistoryPage(int PageNumber, int TotalCount, int PageCount, IReadOnlyList<(OperationHistoryEntry Entry, IReadOnlyList<OperationHistoryOrder> Orders)> Rows);

/// <summary>各種設定 › 操作履歴: the users to filter by, a page of rows and the CSV of every matching row.</summary>
public sealed class OperationHistorySearch(TikTokSyncDbContext db)
{
    public Task<IReadOnlyList<(string UserId, string UserName)>> UsersAsync(CancellationToken cancellationToken) =>
        OperationHistoryQuery.UsersAsync(db, cancellationToken);

    /// <summary>
    /// The page asked for as typed (a number from 1; anything else is page 1, a number beyond the last is the last page).
    /// </summary>
    public async Task<OperationHistoryPage> PageAsync(OperationHistoryFilter filter, string? requestedPage, CancellationToken cancellationToken)
    {
        var query = OperationHistoryQuery.Apply(db, filter);
        var totalCount = await query.CountAsync(cancellationToken);
        var pageCount = PageCountOf(totalCount);
        var pageNumber = int.TryParse(requestedPage, NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page > 0
            ? Math.Min(page, pageCount)
            : 1;
        var entries = await query.NewestFirst()
            .Skip((pageNumber - 1) * OperationHistoryQuery.PageSize)
            .Take(OperationHistoryQuery.PageSize)
            .ToListAsync(cancellationToken);
        var orders = await OperationHistoryQuery.OrdersOfAsync(db, entries.Select(e => e.Id).ToList(), cancellationToken);
        var rows = entries
            .Select(e => (e, orders.TryGetValue(e.Id, out var touched) ? touched : (IReadOnlyList<OperationHistoryOrder>)[]))
            .ToList();
        return new(pageNumber, totalCount, pageCount, rows);
    }

    /// <summary>Every row matching the filter, newest first, as the CSV streams them.</summary>
    public IQueryable<OperationHistoryCsvRow> CsvRows(OperationHistoryFilter filter) =>
        OperationHistoryCsv.Rows(OperationHistoryQuery.Apply(db, filter).NewestFirst());

    public static int PageCountOf(int totalCount) => Math.Max(1, (totalCount + OperationHistoryQuery.PageSize - 1) / OperationHistoryQuery.PageSize);
}
