using GoQ.TikTokSync.Core.ProcessingLog;
using GoQ.TikTokSync.Core.ProcessingLog.Browse;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GoQ.TikTokSync.Web.Pages.ProcessingLog;

/// <summary>自動処理ログ: newest runs first.</summary>
public class IndexModel(ProcessingLogBrowse browse) : PageModel
{
    public const int PageSize = ProcessingLogBrowse.PageSize;

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
        var page = await browse.ListAsync(new ProcessingLogFilter(From, To, Kind, Result, Connection), PageNumber, cancellationToken);
        (Entries, HasMore, ConnectionNames) = (page.Entries, page.HasMore, page.ConnectionNames);
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
