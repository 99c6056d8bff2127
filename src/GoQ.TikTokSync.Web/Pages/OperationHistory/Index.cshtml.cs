using System.Globalization;
using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Core.OperationHistory.Search;
using GoQ.TikTokSync.Core.Time;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GoQ.TikTokSync.Web.Pages.OperationHistory;

/// <summary>
/// 各種設定 › 操作履歴: who did what and when, newest first, for every signed-in user (read-only). Filters travel in the
/// query string so that a filtered page, its paging links and its CSV download all say the same thing.
/// </summary>
public class IndexModel(OperationHistorySearch search, TimeProvider time) : PageModel
{
    public const string Path = "/OperationHistory";

    /// <summary>How many touched orders a row lists before 「他N件」.</summary>
    public const int OrdersShown = 5;

    [BindProperty(SupportsGet = true, Name = "user")]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true, Name = "kind")]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true, Name = "from")]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "to")]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "orderNumber")]
    public string? OrderNumber { get; set; }

    /// <summary>Bound as text so that a hand-edited page number falls back to page 1 instead of failing binding.</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public string? RequestedPage { get; set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public OperationHistoryFilter? Filter { get; private set; }

    public int PageNumber { get; private set; } = 1;

    public int TotalCount { get; private set; }

    public int PageCount => OperationHistorySearch.PageCountOf(TotalCount);

    public IReadOnlyList<HistoryRow> Rows { get; private set; } = [];

    public IReadOnlyList<(string UserId, string UserName)> Users { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Users = await search.UsersAsync(cancellationToken);
        if (!ReadFilter())
        {
            return;
        }

        var page = await search.PageAsync(Filter!, RequestedPage, cancellationToken);
        (PageNumber, TotalCount) = (page.PageNumber, page.TotalCount);
        Rows = page.Rows.Select(r => new HistoryRow(r.Entry, r.Orders)).ToList();
    }

    /// <summary>CSVダウンロード: every row matching the filters (not only the page shown), streamed.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        if (!ReadFilter())
        {
            Users = await search.UsersAsync(cancellationToken);
            return Page();
        }

        var fileName = "操作履歴_" + JapanTime.ToJst(time.GetUtcNow()).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + ".csv";
        return new OperationHistoryCsvResult(search.CsvRows(Filter!), fileName);
    }

    private bool ReadFilter()
    {
        OperationHistoryFilter.TryParse(UserId, Kind, From, To, OrderNumber, out var filter, out var errors);
        Filter = filter;
        Errors = errors;
        return filter is not null;
    }

    /// <summary>The current filters as query-string pairs (only those set), for paging links and the CSV link.</summary>
    public Dictionary<string, string?> QueryValues(int? page = null, string? handler = null)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        void Add(string key, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                values[key] = value.Trim();
            }
        }

        Add("handler", handler);
        Add("user", UserId);
        Add("kind", Kind);
        Add("from", From);
        Add("to", To);
        Add("orderNumber", OrderNumber);
        if (page is > 1)
        {
            values["p"] = page.Value.ToString(CultureInfo.InvariantCulture);
        }

        return values;
    }

    public string PageUrl(int? page = null, string? handler = null) =>
        Path + QueryString.Create(QueryValues(page, handler)).ToUriComponent();

    /// <summary>The page numbers to link: the first, the last and a few around the current one (null = a gap).</summary>
    public IReadOnlyList<int?> PageLinks()
    {
        var pages = new SortedSet<int> { 1, PageCount };
        for (var p = Math.Max(1, PageNumber - 3); p <= Math.Min(PageCount, PageNumber + 3); p++)
        {
            pages.Add(p);
        }

        var links = new List<int?>();
        var previous = 0;
        foreach (var p in pages)
        {
            if (p > previous + 1)
            {
                links.Add(null);
            }

            links.Add(p);
            previous = p;
        }

        return links;
    }

    /// <summary>Only app-relative links are rendered (a row's target is written by the app, but never trusted as a full URL).</summary>
    public static bool IsLocalUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));

    public sealed record HistoryRow(OperationHistoryEntry Entry, IReadOnlyList<OperationHistoryOrder> Orders)
    {
        public string Time => OperationHistoryQuery.FormatJst(Entry.OccurredAtUtc);

        public string KindLabel => OperationKinds.Label(Entry.Kind);

        /// <summary>The target link, unless it only repeats the link of the single order listed beside it.</summary>
        public string? TargetLink =>
            IsLocalUrl(Entry.TargetUrl) && !Orders.Any(o => string.Equals(Entry.TargetUrl, OrderUrl(o), StringComparison.OrdinalIgnoreCase))
                ? Entry.TargetUrl
                : null;

        public static string OrderUrl(OperationHistoryOrder order)
        {
            ArgumentNullException.ThrowIfNull(order);
            return "/Orders/" + order.OrderId.ToString(CultureInfo.InvariantCulture);
        }
    }
}
