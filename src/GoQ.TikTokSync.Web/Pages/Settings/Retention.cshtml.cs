using System.Globalization;
using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Core.ProcessingLog;
using GoQ.TikTokSync.Core.Retention;
using GoQ.TikTokSync.Core.Retention.ChangeRetention;
using GoQ.TikTokSync.Core.Retention.Purge;
using GoQ.TikTokSync.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace GoQ.TikTokSync.Web.Pages.Settings;

/// <summary>
/// 各種設定 › 保存期間 (admins only): how many days 操作履歴 and 自動処理ログ are kept before the daily purges delete them.
/// Until saved here, the configured defaults apply.
/// </summary>
[Authorize(Policy = OperatorSignInSetup.AdminPolicy)]
public class RetentionModel(
    RetentionChange change,
    RetentionPolicy retention,
    IOptions<OperationHistoryOptions> historyDefaults,
    IOptions<ProcessingLogOptions> processingLogDefaults) : PageModel
{
    public const string OperationHistoryLabel = RetentionChange.OperationHistoryLabel;
    public const string ProcessingLogLabel = RetentionChange.ProcessingLogLabel;

    /// <summary>Bound as text so that a wrong value gets a Japanese message rather than the framework's English one.</summary>
    [BindProperty]
    public string? OperationHistoryDays { get; set; }

    [BindProperty]
    public string? ProcessingLogDays { get; set; }

    /// <summary>The configured periods that apply until an admin saves here.</summary>
    public int DefaultOperationHistoryDays => historyDefaults.Value.RetentionDays;

    public int DefaultProcessingLogDays => processingLogDefaults.Value.RetentionDays;

    /// <summary>The floor for 操作履歴 (configuration only): the audit trail cannot be cut short from this screen.</summary>
    public int OperationHistoryMinDays => retention.OperationHistoryFloorDays;

    /// <summary>When an admin last saved, or null while the configured defaults apply.</summary>
    public DateTime? SavedAtUtc { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var (historyDays, logDays) = await retention.GetAsync(cancellationToken);
        OperationHistoryDays = historyDays.ToString(CultureInfo.InvariantCulture);
        ProcessingLogDays = logDays.ToString(CultureInfo.InvariantCulture);
        await LoadSavedAtAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var historyDays = ParseDays(nameof(OperationHistoryDays), OperationHistoryDays, OperationHistoryLabel, OperationHistoryMinDays);
        var logDays = ParseDays(nameof(ProcessingLogDays), ProcessingLogDays, ProcessingLogLabel, RetentionSettings.MinDays);
        if (historyDays is null || logDays is null)
        {
            await LoadSavedAtAsync(cancellationToken);
            return Page();
        }

        switch (await change.SaveAsync(historyDays.Value, logDays.Value, cancellationToken))
        {
            case RetentionSaveOutcome.NoChange:
                Notice = "変更はありません。";
                return RedirectToPage();
            case RetentionSaveOutcome.Conflict:
                ModelState.AddModelError(string.Empty, "他の管理者が同時に保存しました。画面を開き直して、もう一度保存してください。");
                await LoadSavedAtAsync(cancellationToken);
                return Page();
        }

        Notice = "保存期間を保存しました。";
        return RedirectToPage();
    }

    private int? ParseDays(string field, string? typed, string label, int minDays)
    {
        var text = typed?.Normalize(System.Text.NormalizationForm.FormKC).Trim();
        if (string.IsNullOrEmpty(text))
        {
            ModelState.AddModelError(field, $"{label}を入力してください。");
            return null;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var days)
            || days < minDays || days > RetentionSettings.MaxDays)
        {
            ModelState.AddModelError(field, $"{label}は {minDays}〜{RetentionSettings.MaxDays} の日数（整数）で入力してください。");
            return null;
        }

        return days;
    }

    private async Task LoadSavedAtAsync(CancellationToken cancellationToken) => SavedAtUtc = await change.SavedAtAsync(cancellationToken);
}
