using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.ProcessingLog;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Web.Pages.ProcessingLog;

/// <summary>自動処理ログ: newest runs first.</summary>
public class IndexModel(TikTokSyncDbContext db) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    /// <summary>JST calendar dates (yyyy-MM-dd) bounding the run's start.</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public ProcessingKind? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public ProcessingResult? Result { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Connection { get; set; }

    public bool HasMore { get; private set; }

    public IReadOnlyList<ProcessingLogEntry> Entries { get; private set; } = [];

    public IReadOnlyDictionary<int, string> ConnectionNames { get; private set; } = new Dictionary<int, string>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        PageNumber = Math.Max(1, PageNumber);
        var query = db.ProcessingLogEntries.AsNoTracking();
        if (From is { } from)
        {
            var fromUtc = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), Core.Time.JapanTime.Offset).UtcDateTime;
            query = query.Where(e => e.StartedAtUtc >= fromUtc);
        }

        if (To is { } to)
        {
            var toUtc = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), Core.Time.JapanTime.Offset).UtcDateTime;
            query = query.Where(e => e.StartedAtUtc < toUtc);
        }

        if (Kind is { } kind)
        {
            query = query.Where(e => e.Kind == kind);
        }

        if (Result is { } result)
        {
            query = query.Where(e => e.Result == result);
        }

        if (Connection is { } connection)
        {
            query = query.Where(e => e.MallConnectionId == connection);
        }

        var page = await query
            .OrderByDescending(e => e.StartedAtUtc)
            .ThenByDescending(e => e.Id)
            .Skip((PageNumber - 1) * PageSize)
            .Take(PageSize + 1)
            .ToListAsync(cancellationToken);
        HasMore = page.Count > PageSize;
        Entries = page.Take(PageSize).ToList();
        ConnectionNames = await db.MallConnections.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.DisplayName, cancellationToken);
    }

    public Dictionary<string, string> RouteValues(int page)
    {
        var values = new Dictionary<string, string> { ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        void Add(string key, object? value)
        {
            if (value is not null)
            {
                values[key] = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!;
            }
        }

        Add(nameof(From), From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Add(nameof(To), To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Add(nameof(Kind), Kind);
        Add(nameof(Result), Result);
        Add(nameof(Connection), Connection);
        return values;
    }

    /// <summary>Bootstrap badge colour of a run's result.</summary>
    public static string ResultBadge(ProcessingResult? result) => result switch
    {
        ProcessingResult.Success => "bg-success",
        null => "bg-info",
        ProcessingResult.Skipped => "bg-secondary",
        ProcessingResult.Interrupted => "bg-warning text-dark",
        _ => "bg-danger",
    };

    public static string KindLabel(ProcessingKind kind) => kind switch
    {
        ProcessingKind.AutoFetch => "自動取得",
        ProcessingKind.ManualFetch => "手動取得",
        ProcessingKind.StatusSweep => "ステータス確認",
        ProcessingKind.TokenRefresh => "トークン更新",
        ProcessingKind.Export => "発送情報更新",
        ProcessingKind.Webhook => "Webhook",
        _ => kind.ToString(),
    };

    public static string ResultLabel(ProcessingResult? result) => result switch
    {
        ProcessingResult.Success => "成功",
        ProcessingResult.PartialFailure => "一部失敗",
        ProcessingResult.Failure => "失敗",
        ProcessingResult.Skipped => "スキップ",
        ProcessingResult.Interrupted => "中断",
        null => "実行中",
        _ => result.ToString()!,
    };
}
