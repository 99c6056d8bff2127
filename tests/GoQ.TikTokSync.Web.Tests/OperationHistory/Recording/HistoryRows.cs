using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;
using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Core.Retention;
using GoQ.TikTokSync.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Web.Tests.OperationHistory.Recording;

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

    /// <summary>
    /// The business data a refused action could have touched (shops, orders, packages, 保存期間, runs), as text: equal
    /// snapshots before and after mean nothing was written. Bookkeeping times (…AtUtc) are left out: viewing a page may
    /// refresh them, and they are not what an operator changes.
    /// </summary>
    public static async Task<string> SnapshotAsync(this TikTokSyncWebFactory factory)
    {
        var options = new JsonSerializerOptions { ReferenceHandler = System.Text.Json.Serialization.ReferenceHandler.IgnoreCycles };
        var json = await factory.QueryAsync(async db => JsonSerializer.SerializeToNode(new object[]
        {
            await db.MallConnections.AsNoTracking().OrderBy(c => c.Id).ToListAsync(),
            await db.Orders.AsNoTracking().OrderBy(o => o.Id).ToListAsync(),
            await db.ShippingPackages.AsNoTracking().OrderBy(p => p.Id).ToListAsync(),
            await db.RetentionSettings.AsNoTracking().ToListAsync(),
            await db.ProcessingLogEntries.CountAsync(),
        }, options));
        return WithoutTimes(json)?.ToJsonString() ?? string.Empty;
    }

    private static System.Text.Json.Nodes.JsonNode? WithoutTimes(System.Text.Json.Nodes.JsonNode? node)
    {
        switch (node)
        {
            case System.Text.Json.Nodes.JsonObject item:
                foreach (var key in item.Select(p => p.Key).Where(k => k.EndsWith("AtUtc", StringComparison.Ordinal)).ToList())
                {
                    item.Remove(key);
                }

                foreach (var child in item.Select(p => p.Value).ToList())
                {
                    WithoutTimes(child);
                }

                break;
            case System.Text.Json.Nodes.JsonArray list:
                foreach (var child in list)
                {
                    WithoutTimes(child);
                }

                break;
        }

        return node;
    }

    /// <summary>A refused action: the status it answered, the refusal the user reads (after its redirect, if any), no 操作履歴 row and unchanged data.</summary>
    public static async Task AssertRefusedAsync(
        this TikTokSyncWebFactory factory,
        HttpClient client,
        HttpResponseMessage response,
        HttpStatusCode status,
        string message,
        long mark,
        string snapshotBefore)
    {
        var shown = await ShownMessagesAsync(client, response);
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}; messages: {shown}");
        Assert.True(shown.Contains(message, StringComparison.Ordinal), $"expected the refusal 「{message}」, the page shows: {shown}");
        await factory.NoRowAsync(mark);
        Assert.Equal(snapshotBefore, await factory.SnapshotAsync());
    }

    /// <summary>The alerts, validation messages and notices the user sees in answer to <paramref name="response"/>.</summary>
    public static async Task<string> ShownMessagesAsync(HttpClient client, HttpResponseMessage response)
    {
        var html = response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location is { } location
            ? await client.GetStringAsync(location)
            : await response.Content.ReadAsStringAsync();
        var document = new HtmlParser().ParseDocument(html);
        return string.Join(" | ", document.QuerySelectorAll("[role=alert], [role=status], .alert, .field-validation-error, .validation-summary-errors, .text-danger")
            .Select(e => e.TextContent.Trim())
            .Where(t => t.Length > 0)
            .Distinct(StringComparer.Ordinal));
    }

    public static IReadOnlyList<string> DetailLines(this OperationHistoryEntry row) =>
        (row.Details ?? string.Empty).Split('\n');

    /// <summary>The touched orders as (id, number), sorted by id.</summary>
    public static IReadOnlyList<(long, string)> TouchedOrders(this OperationHistoryEntry row) =>
        row.Orders.OrderBy(o => o.OrderId).Select(o => (o.OrderId, o.OrderNumber)).ToList();

    public static string Invariant(this long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Invariant(this int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
