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

    public IReadOnlyList<ProcessingLogEntry> Entries { get; private set; } = [];

    public IReadOnlyDictionary<int, string> ConnectionNames { get; private set; } = new Dictionary<int, string>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        PageNumber = Math.Max(1, PageNumber);
        Entries = await db.ProcessingLogEntries.AsNoTracking()
            .OrderByDescending(e => e.StartedAtUtc)
            .ThenByDescending(e => e.Id)
            .Skip((PageNumber - 1) * PageSize)
            .Take(PageSize)
            .ToListAsync(cancellationToken);
        ConnectionNames = await db.MallConnections.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.DisplayName, cancellationToken);
    }

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
        null => "実行中",
        _ => result.ToString()!,
    };
}
