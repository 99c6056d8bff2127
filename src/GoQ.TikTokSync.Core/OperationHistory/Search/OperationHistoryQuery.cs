using System.Globalization;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Core.OperationHistory.Search;

/// <summary>The 操作履歴 screen's filters, checked. Dates are JST calendar days, both ends included.</summary>
public sealed record OperationHistoryFilter(
    string? UserId = null,
    OperationKind? Kind = null,
    DateOnly? FromJst = null,
    DateOnly? ToJst = null,
    string? OrderNumber = null)
{
    public static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy/MM/dd", "yyyy/M/d", "yyyy-M-d", "yyyyMMdd"];

    /// <summary>
    /// Reads the filters as typed (query string values). Anything unreadable becomes a Japanese message and
    /// <paramref name="filter"/> is null, so the caller shows the messages instead of a misleading unfiltered list.
    /// </summary>
    public static bool TryParse(string? userId, string? kind, string? from, string? to, string? orderNumber, out OperationHistoryFilter? filter, out IReadOnlyList<string> errors)
    {
        var messages = new List<string>();
        OperationKind? parsedKind = null;
        if (!string.IsNullOrWhiteSpace(kind))
        {
            // By name only: Enum.TryParse would also take any number.
            var name = Enum.GetNames<OperationKind>().FirstOrDefault(n => string.Equals(n, kind.Trim(), StringComparison.OrdinalIgnoreCase));
            if (name is not null)
            {
                parsedKind = Enum.Parse<OperationKind>(name);
            }
            else
            {
                messages.Add("種別の指定が正しくありません。");
            }
        }

        var fromDate = ParseDate(from, "開始日", messages);
        var toDate = ParseDate(to, "終了日", messages);
        if (fromDate is { } f && toDate is { } t && f > t)
        {
            messages.Add("開始日は終了日と同じか、それより前の日付を指定してください。");
        }

        errors = messages;
        filter = messages.Count > 0
            ? null
            : new OperationHistoryFilter(
                string.IsNullOrWhiteSpace(userId) ? null : userId.Trim(),
                parsedKind,
                fromDate,
                toDate,
                NormalizeOrderNumber(orderNumber));
        return filter is not null;
    }

    /// <summary>Full-width digits and letters (pasted from a Japanese spreadsheet) become ASCII; surrounding spaces go.</summary>
    public static string? NormalizeOrderNumber(string? typed)
    {
        var text = typed?.Normalize(System.Text.NormalizationForm.FormKC).Trim();
        return string.IsNullOrEmpty(text) ? null : text;
    }

    private static DateOnly? ParseDate(string? typed, string label, List<string> messages)
    {
        var text = typed?.Normalize(System.Text.NormalizationForm.FormKC).Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date.Year >= 2000)
        {
            return date;
        }

        messages.Add($"{label}は 2026-04-01 のような日付で指定してください。");
        return null;
    }

    /// <summary>The query-string form of a date (what an HTML date input sends).</summary>
    public static string? FormatDate(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>
/// Reads 操作履歴 newest first. Every filter matches an index: OccurredAtUtc, (UserId, OccurredAtUtc),
/// (Kind, OccurredAtUtc), and the order-number index of the join table for 受注番号.
/// </summary>
public static class OperationHistoryQuery
{
    public const int PageSize = 100;

    public static IQueryable<OperationHistoryEntry> Apply(TikTokSyncDbContext db, OperationHistoryFilter filter)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);
        var query = db.OperationHistory.AsNoTracking();
        if (filter.UserId is { } userId)
        {
            query = query.Where(e => e.UserId == userId);
        }

        if (filter.Kind is { } kind)
        {
            query = query.Where(e => e.Kind == kind);
        }

        if (filter.FromJst is { } from)
        {
            var fromUtc = StartOfJstDayUtc(from);
            query = query.Where(e => e.OccurredAtUtc >= fromUtc);
        }

        if (filter.ToJst is { } to)
        {
            var endUtc = StartOfJstDayUtc(to.AddDays(1));
            query = query.Where(e => e.OccurredAtUtc < endUtc);
        }

        if (filter.OrderNumber is { } orderNumber)
        {
            // An IN over the join table's OrderNumber index, rather than a correlated EXISTS per history row.
            var entryIds = db.OperationHistoryOrders.Where(o => o.OrderNumber == orderNumber).Select(o => o.OperationHistoryEntryId);
            query = query.Where(e => entryIds.Contains(e.Id));
        }

        return query;
    }

    /// <summary>Newest first; the id breaks ties between rows written in the same instant.</summary>
    public static IOrderedQueryable<OperationHistoryEntry> NewestFirst(this IQueryable<OperationHistoryEntry> entries) =>
        entries.OrderByDescending(e => e.OccurredAtUtc).ThenByDescending(e => e.Id);

    /// <summary>The rows that touched one order (受注詳細), newest first.</summary>
    public static IQueryable<OperationHistoryEntry> ForOrder(TikTokSyncDbContext db, long orderId)
    {
        ArgumentNullException.ThrowIfNull(db);
        var entryIds = db.OperationHistoryOrders.Where(o => o.OrderId == orderId).Select(o => o.OperationHistoryEntryId);
        return db.OperationHistory.AsNoTracking().Where(e => entryIds.Contains(e.Id)).NewestFirst();
    }

    /// <summary>The touched orders of the given rows, in a stable order, by row id.</summary>
    public static async Task<IReadOnlyDictionary<long, IReadOnlyList<OperationHistoryOrder>>> OrdersOfAsync(TikTokSyncDbContext db, IReadOnlyCollection<long> entryIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (entryIds.Count == 0)
        {
            return new Dictionary<long, IReadOnlyList<OperationHistoryOrder>>();
        }

        var orders = await db.OperationHistoryOrders.AsNoTracking()
            .Where(o => entryIds.Contains(o.OperationHistoryEntryId))
            .ToListAsync(cancellationToken);
        return orders
            .GroupBy(o => o.OperationHistoryEntryId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<OperationHistoryOrder>)g.OrderBy(o => o.OrderNumber, StringComparer.Ordinal).ToList());
    }

    /// <summary>
    /// The users who appear in the history, for the ユーザー filter, by login e-mail. Read from the user table with one index
    /// seek per user (users are disabled, never deleted): a DISTINCT over the history itself reads every row of it, which
    /// cost ~80 ms per page view at a million rows (benchmark operation-history).
    /// </summary>
    public static async Task<IReadOnlyList<(string UserId, string UserName)>> UsersAsync(TikTokSyncDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var users = await db.Users.AsNoTracking()
            .Where(u => db.OperationHistory.Any(e => e.UserId == u.Id))
            .Select(u => new { u.Id, Name = u.Email ?? u.UserName ?? u.Id })
            .ToListAsync(cancellationToken);
        return users.Select(u => (u.Id, u.Name)).OrderBy(u => u.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>日時 as shown on the screen and in the CSV: JST to the second.</summary>
    public static string FormatJst(DateTime utc) =>
        JapanTime.ToJst(utc).ToString("yyyy/MM/dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static DateTime StartOfJstDayUtc(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), JapanTime.Offset).UtcDateTime;
}
