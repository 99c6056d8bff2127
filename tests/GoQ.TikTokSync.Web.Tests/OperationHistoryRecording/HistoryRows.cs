using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Web.Tests.OperationHistoryRecording;

/// <summary>Reads the 操作履歴 rows an action wrote: everything after a mark taken just before it.</summary>
public static class HistoryRows
{
    public static Task<long> MarkAsync(this TikTokSyncWebFactory factory) =>
        factory.QueryAsync(async db => await db.OperationHistory.MaxAsync(e => (long?)e.Id) ?? 0);

    public static Task<List<OperationHistoryEntry>> RowsAfterAsync(this TikTokSyncWebFactory factory, long mark) =>
        factory.QueryAsync(db => db.OperationHistory.AsNoTracking().Include(e => e.Orders).Where(e => e.Id > mark).OrderBy(e => e.Id).ToListAsync());

    /// <summary>Exactly one row since <paramref name="mark"/>, written for <paramref name="userEmail"/>.</summary>
    public static async Task<OperationHistoryEntry> SingleRowAsync(this TikTokSyncWebFactory factory, long mark, OperationKind kind, string userId, string userEmail)
    {
        var row = Assert.Single(await factory.RowsAfterAsync(mark));
        Assert.Equal(kind, row.Kind);
        Assert.Equal(userId, row.UserId);
        Assert.Equal(userEmail, row.UserName);
        return row;
    }

    public static async Task NoRowAsync(this TikTokSyncWebFactory factory, long mark) =>
        Assert.Empty(await factory.RowsAfterAsync(mark));

    public static IReadOnlyList<string> DetailLines(this OperationHistoryEntry row) =>
        (row.Details ?? string.Empty).Split('\n');

    /// <summary>The touched orders as (id, number), sorted by id.</summary>
    public static IReadOnlyList<(long, string)> TouchedOrders(this OperationHistoryEntry row) =>
        row.Orders.OrderBy(o => o.OrderId).Select(o => (o.OrderId, o.OrderNumber)).ToList();

    public static string Invariant(this long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Invariant(this int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
