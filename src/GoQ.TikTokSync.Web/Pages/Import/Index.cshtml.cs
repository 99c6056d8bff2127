using System.Globalization;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Import;
using GoQ.TikTokSync.Core.Import.FetchOrders;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Core.OperationHistory.Recording;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.Time;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GoQ.TikTokSync.Web.Pages.Import;

/// <summary>データ取込 › TikTok Shop API取込: the configured-days fetch and the date-range fetch, per connection.</summary>
public class IndexModel(TikTokSyncDbContext db, ManualFetch manualFetch, OperationHistoryRecorder history, IOptions<MallSettingsOptions> options, TimeProvider time) : PageModel
{
    /// <summary>The format of <c>input type=datetime-local</c>, read as Japan time.</summary>
    public const string LocalDateTimeFormat = "yyyy-MM-ddTHH:mm";

    [BindProperty(SupportsGet = true, Name = "connection")]
    public int? SelectedConnectionId { get; set; }

    [BindProperty]
    public string? From { get; set; }

    [BindProperty]
    public string? To { get; set; }

    public IReadOnlyList<MallConnection> Connections { get; private set; } = [];

    public int MaxRangeDays => options.Value.MaxFetchDays;

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var nowJst = JapanTime.ToJst(time.GetUtcNow());
        To ??= nowJst.ToString(LocalDateTimeFormat, CultureInfo.InvariantCulture);
        From ??= nowJst.AddDays(-1).ToString(LocalDateTimeFormat, CultureInfo.InvariantCulture);
    }

    /// <summary>モール詳細の取得日数で取得</summary>
    public async Task<IActionResult> OnPostConfiguredDaysAsync(int connectionId, CancellationToken cancellationToken)
    {
        var connection = await db.MallConnections.AsNoTracking().SingleOrDefaultAsync(c => c.Id == connectionId, cancellationToken);
        if (connection is null)
        {
            return NotFound();
        }

        if (!CanFetch(connection, out var reason))
        {
            ModelState.AddModelError($"connection-{connectionId}", reason);
            await LoadAsync(cancellationToken);
            return Page();
        }

        var id = await manualFetch.StartAsync(connectionId, null, null, User.Identity!.Name!, cancellationToken);
        await RecordStartAsync(connection, id, "モール詳細の取得日数で取得", $"取得日数: {connection.FetchDays.ToString(CultureInfo.InvariantCulture)}日", cancellationToken);
        return Redirect(RunUrl(id));
    }

    /// <summary>取得日時を指定して[取得]</summary>
    public async Task<IActionResult> OnPostRangeAsync(int connectionId, CancellationToken cancellationToken)
    {
        var connection = await db.MallConnections.AsNoTracking().SingleOrDefaultAsync(c => c.Id == connectionId, cancellationToken);
        if (connection is null)
        {
            return NotFound();
        }

        SelectedConnectionId = connectionId;
        var range = DateRangeRules.Validate(From, To, options.Value.MaxFetchDays, time.GetUtcNow());
        foreach (var (field, message) in range.Errors)
        {
            ModelState.AddModelError(field, message);
        }

        if (!CanFetch(connection, out var reason))
        {
            ModelState.AddModelError($"connection-{connectionId}", reason);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        var id = await manualFetch.StartAsync(connectionId, range.FromUtc, range.ToUtc, User.Identity!.Name!, cancellationToken);
        await RecordStartAsync(connection, id, "期間指定", $"期間: {JapanTime.Format(range.FromUtc)} 〜 {JapanTime.Format(range.ToUtc)}（日本時間）", cancellationToken);
        return Redirect(RunUrl(id));
    }

    private static string RunUrl(long runId) => "/Import/Run/" + runId.ToString(CultureInfo.InvariantCulture);

    private async Task RecordStartAsync(MallConnection connection, long runId, string mode, string scope, CancellationToken cancellationToken) =>
        await history.RecordAsync(
            new OperationRecord(
                OperationKind.ManualFetchStarted,
                $"「{connection.DisplayName}」の受注取得を開始（{mode}）",
                string.Join('\n', "モール: " + connection.DisplayName, "取得方法: " + mode, scope, "取得ステータス: " + TikTokStatusLabels.Label(connection.FetchTikTokStatus)),
                RunUrl(runId)),
            cancellationToken);

    private static bool CanFetch(MallConnection connection, out string reason)
    {
        reason = connection.SyncBlockReason is { } blocked ? $"取得できません（{blocked}）。モール詳細設定で認証とショップ選択を行ってください。" : string.Empty;
        return connection.CanSync;
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Connections = await db.MallConnections.AsNoTracking()
            .Where(c => c.IsEnabled)
            .OrderBy(c => c.DisplayOrder).ThenBy(c => c.Id)
            .ToListAsync(cancellationToken);
}
