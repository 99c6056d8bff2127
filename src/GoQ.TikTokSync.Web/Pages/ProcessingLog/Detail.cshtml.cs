using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.ProcessingLog;
using GoQ.TikTokSync.Core.ProcessingLog.Browse;
using GoQ.TikTokSync.Core.Shipping.Push;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GoQ.TikTokSync.Web.Pages.ProcessingLog;

/// <summary>One run of the 自動処理ログ with its per-order outcomes and TikTok's error details.</summary>
public class DetailModel(ProcessingLogBrowse browse) : PageModel
{
    public const int MaxItems = ProcessingLogBrowse.MaxItems;

    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    public ProcessingLogEntry Entry { get; private set; } = null!;

    public IReadOnlyList<ProcessingLogItem> Items { get; private set; } = [];

    public int ItemCount { get; private set; }

    public string? ConnectionName { get; private set; }

    public IReadOnlyDictionary<string, long> OrderIds { get; private set; } = new Dictionary<string, long>();

    /// <summary>Orders of this run that still have a failed package, which the operator can send again from here.</summary>
    public IReadOnlySet<long> ResendableOrderIds { get; private set; } = new HashSet<long>();

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await browse.RunAsync(Id, cancellationToken) is not { } run)
        {
            return NotFound();
        }

        (Entry, ConnectionName, Items, ItemCount, OrderIds, ResendableOrderIds) = (run.Entry, run.ConnectionName, run.Items, run.ItemCount, run.OrderIds, run.ResendableOrderIds);
        return Page();
    }

    /// <summary>再送信 from the log: every failed package of the order goes back in line and is pushed now.</summary>
    public async Task<IActionResult> OnPostResendAsync(long orderId, [FromServices] ResendFromLog resend, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resend);
        var (outcome, runId) = await resend.ResendAsync(Id, orderId, User.Identity!.Name!, cancellationToken);
        switch (outcome)
        {
            case LogResendOutcome.NotFound:
                return NotFound();
            case LogResendOutcome.ConnectionDisabled:
                Notice = $"再送信できません。{MallConnectionDisabledException.JapaneseReason}（各種設定 › モール選択）。";
                return Redirect($"/ProcessingLog/{Id}");
            case LogResendOutcome.NothingToResend:
                Notice = "再送信できる状態ではありません（送信中または送信済み）。";
                return Redirect($"/ProcessingLog/{Id}");
        }

        return Redirect(Export.RunModel.PageUrl(runId!.Value));
    }

    public static string OutcomeLabel(ProcessingItemOutcome outcome) => outcome switch
    {
        ProcessingItemOutcome.Created => "新規",
        ProcessingItemOutcome.Updated => "更新",
        ProcessingItemOutcome.Unchanged => "変更なし",
        ProcessingItemOutcome.Failed => "失敗",
        ProcessingItemOutcome.Pushed => "送信済",
        ProcessingItemOutcome.Skipped => "対象外",
        _ => outcome.ToString(),
    };
}
