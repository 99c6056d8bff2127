using System.Globalization;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Import;
using GoQ.TikTokSync.Core.Import.FetchOrders;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Malls.MapCarriers;
using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Core.OperationHistory.Recording;
using GoQ.TikTokSync.Core.Shipping.Push;
using GoQ.TikTokSync.Core.Time;
using GoQ.TikTokSync.Web.Pages.Orders;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Web.Pages.Export;

/// <summary>
/// データ書出 › TikTok Shop 書出し口: 作成期間 (JST dates), [更新] lists the candidates and the excluded packages with their
/// reasons, [発送情報を更新] pushes every candidate, [確認・選択して更新] pushes only the ticked ones.
/// </summary>
public class IndexModel(TikTokSyncDbContext db, ShippingProviders providers, ShippingExport export, OperationHistoryRecorder history, TimeProvider time) : PageModel
{
    public const string DateFormat = "yyyy-MM-dd";

    [BindProperty(SupportsGet = true, Name = "connection")]
    public int? ConnectionId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    /// <summary>[確認・選択して更新]: candidates are shown with checkboxes.</summary>
    [BindProperty(SupportsGet = true, Name = "select")]
    public bool Selecting { get; set; }

    [BindProperty]
    public List<long> Selected { get; set; } = [];

    public IReadOnlyList<MallConnection> Connections { get; private set; } = [];

    public IDictionary<int, ExportList> Lists { get; private set; } = new Dictionary<int, ExportList>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var nowJst = JapanTime.Today(time);
        From ??= nowJst.AddDays(-ShippingExport.DefaultWindowDays).ToString(DateFormat, CultureInfo.InvariantCulture);
        To ??= nowJst.ToString(DateFormat, CultureInfo.InvariantCulture);
        await LoadAsync(cancellationToken);
    }

    /// <summary>[発送情報を更新]: every candidate of the window.</summary>
    public async Task<IActionResult> OnPostPushAsync(int connectionId, CancellationToken cancellationToken)
    {
        ConnectionId = connectionId;
        var connection = await db.MallConnections.AsNoTracking().SingleOrDefaultAsync(c => c.Id == connectionId, cancellationToken);
        if (connection is null)
        {
            return NotFound();
        }

        if (!TryWindow(out var fromUtc, out var toUtc) | !CanPush(connection))
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        // The run picks its candidates with the same rules a moment later; these are the ones the operator asked for.
        var candidates = (await ExportEligibility.ListAsync(db, providers, connectionId, fromUtc, toUtc, time, cancellationToken)).Candidates
            .Select(c => (c.PackageId, c.OrderId, c.TikTokOrderId)).ToList();
        var id = await export.StartAsync(connectionId, fromUtc, toUtc, null, User.Identity!.Name!, cancellationToken);
        await RecordPushAsync(connection, id, "発送情報を更新", candidates, cancellationToken);
        return Redirect(RunModel.PageUrl(id));
    }

    /// <summary>[確認・選択して更新] › 選択した受注の発送情報を更新.</summary>
    public async Task<IActionResult> OnPostPushSelectedAsync(int connectionId, CancellationToken cancellationToken)
    {
        ConnectionId = connectionId;
        Selecting = true;
        var connection = await db.MallConnections.AsNoTracking().SingleOrDefaultAsync(c => c.Id == connectionId, cancellationToken);
        if (connection is null)
        {
            return NotFound();
        }

        if (Selected.Count == 0)
        {
            ModelState.AddModelError($"connection-{connectionId}", "送信する受注を選択してください。");
        }

        if (!TryWindow(out var fromUtc, out var toUtc) | !CanPush(connection) || !ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        var id = await export.StartAsync(connectionId, fromUtc, toUtc, Selected, User.Identity!.Name!, cancellationToken);
        var selected = (await db.ShippingPackages.AsNoTracking()
            .Where(p => Selected.Contains(p.Id))
            .Join(db.Orders.Where(o => o.MallConnectionId == connectionId), p => p.OrderId, o => o.Id, (p, o) => new { PackageId = p.Id, OrderId = o.Id, o.TikTokOrderId })
            .ToListAsync(cancellationToken))
            .Select(r => (r.PackageId, r.OrderId, r.TikTokOrderId)).ToList();
        await RecordPushAsync(connection, id, "選択した受注の発送情報を更新", selected, cancellationToken);
        return Redirect(RunModel.PageUrl(id));
    }

    private async Task RecordPushAsync(MallConnection connection, long runId, string action, List<(long PackageId, long OrderId, string TikTokOrderId)> packages, CancellationToken cancellationToken)
    {
        var orders = packages.Select(p => (p.OrderId, p.TikTokOrderId)).DistinctBy(o => o.OrderId).ToList();
        var details = new List<string>
        {
            "モール: " + connection.DisplayName,
            $"作成期間: {From} 〜 {To}",
            $"対象: 受注 {orders.Count.ToString(CultureInfo.InvariantCulture)}件（荷物 {packages.Count.ToString(CultureInfo.InvariantCulture)}件）",
        };
        if (orders.Count > 0)
        {
            details.Add("受注番号: " + OrderOperationText.Numbers(orders.Select(o => o.TikTokOrderId)));
        }

        details.Add("実行: " + RunModel.PageUrl(runId));
        await history.RecordAsync(
            new OperationRecord(
                OperationKind.ShippingPushed,
                $"「{connection.DisplayName}」の{action}（受注 {orders.Count.ToString(CultureInfo.InvariantCulture)}件）",
                string.Join('\n', details),
                RunModel.PageUrl(runId),
                orders),
            cancellationToken);
    }

    private bool CanPush(MallConnection connection)
    {
        if (connection.SyncBlockReason is not { } blocked)
        {
            return true;
        }

        ModelState.AddModelError($"connection-{connection.Id}", $"送信できません（{blocked}）。モール詳細設定で認証とショップ選択を行ってください。");
        return false;
    }

    /// <summary>作成期間: JST dates, both days included.</summary>
    private bool TryWindow(out DateTime fromUtc, out DateTime toUtc)
    {
        fromUtc = toUtc = default;
        var ok = true;
        if (!DateOnly.TryParseExact(From, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var from))
        {
            ModelState.AddModelError(nameof(From), "作成期間（開始）を日付で入力してください。");
            ok = false;
        }

        if (!DateOnly.TryParseExact(To, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var to))
        {
            ModelState.AddModelError(nameof(To), "作成期間（終了）を日付で入力してください。");
            ok = false;
        }

        // Year 1 or 9999 would overflow the conversion to UTC; the same bounds as the fetch window's.
        if (ok && (from.Year < DateRangeRules.MinYear || to.Year > DateRangeRules.MaxYear))
        {
            ModelState.AddModelError(from.Year < DateRangeRules.MinYear ? nameof(From) : nameof(To),
                $"作成期間は{DateRangeRules.MinYear}年から{DateRangeRules.MaxYear}年までの日付で指定してください。");
            ok = false;
        }

        if (ok && from > to)
        {
            ModelState.AddModelError(nameof(To), "作成期間（終了）は開始日以降の日付を指定してください。");
            ok = false;
        }

        if (ok)
        {
            fromUtc = StartOfJstDay(from);
            toUtc = StartOfJstDay(to.AddDays(1));
        }

        return ok;
    }

    private static DateTime StartOfJstDay(DateOnly date) =>
        new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), JapanTime.Offset).UtcDateTime;

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Connections = await db.MallConnections.AsNoTracking().Where(c => c.IsEnabled).OrderBy(c => c.DisplayOrder).ThenBy(c => c.Id).ToListAsync(cancellationToken);
        // A POST already reported the window's errors; [更新] on a GET reports them here.
        var alreadyReported = ModelState[nameof(From)]?.Errors.Count > 0 || ModelState[nameof(To)]?.Errors.Count > 0;
        if (alreadyReported || !TryWindow(out var fromUtc, out var toUtc))
        {
            return;
        }

        var lists = new Dictionary<int, ExportList>();
        foreach (var connection in Connections)
        {
            lists[connection.Id] = await ExportEligibility.ListAsync(db, providers, connection.Id, fromUtc, toUtc, time, cancellationToken);
        }

        Lists = lists;
    }
}
