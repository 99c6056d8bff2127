using System.Globalization;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Core.OperationHistory.Recording;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.Orders.ListOrders;
using GoQ.TikTokSync.Core.Orders.MoveStatus;
using GoQ.TikTokSync.Core.Shipping.EnterTracking;
using GoQ.TikTokSync.Core.Shipping.Waybills;
using GoQ.TikTokSync.Core.Time;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Web.Pages.Orders;

/// <summary>
/// 送り状CSV出力: a confirmation page between 受注一覧 and the download, because a file download cannot carry warnings.
/// The operator sees which orders get no slip and which characters Shift_JIS could not carry before taking the file;
/// the POST builds the same file again from the same choice (and optionally moves the exported orders).
/// </summary>
public class WaybillModel(TikTokSyncDbContext db, OperationHistoryRecorder history, TimeProvider time) : PageModel
{
    /// <summary>One carrier upload; a whole tab beyond this is more than a day's slips and an unbounded query.</summary>
    public const int MaxOrders = 1000;

    public const string TabScope = "tab";

    [BindProperty(SupportsGet = true, Name = "ids")]
    public List<long> Ids { get; set; } = [];

    /// <summary>「tab」: nothing was selected, so the list's current tab (status, search, 店舗) is exported.</summary>
    [BindProperty(SupportsGet = true, Name = "scope")]
    public string? Scope { get; set; }

    [BindProperty(SupportsGet = true, Name = "status")]
    public GoqOrderStatus? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "connection")]
    public int? ConnectionId { get; set; }

    [BindProperty(SupportsGet = true, Name = "format")]
    public WaybillFormatKind Format { get; set; }

    /// <summary>出荷予定日; empty means today in Japan.</summary>
    [BindProperty(SupportsGet = true, Name = "shipDate")]
    public string? ShipDate { get; set; }

    /// <summary>Status the exported orders move to after the download; null leaves them where they are.</summary>
    [BindProperty]
    public GoqOrderStatus? MoveTo { get; set; }

    public string? Message { get; private set; }

    public WaybillPlan Plan { get; private set; } = new([], []);

    public IReadOnlyList<string> Replacements { get; private set; } = [];

    public DateOnly EffectiveShipDate { get; private set; }

    public WaybillFormat SelectedFormat => WaybillFormat.For(Enum.IsDefined(Format) ? Format : WaybillFormatKind.YamatoB2);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (await PrepareAsync(cancellationToken) is { } file)
        {
            Replacements = file.Replacements;
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await PrepareAsync(cancellationToken) is not { } file)
        {
            return Page();
        }

        if (MoveTo is { } target && Enum.IsDefined(target))
        {
            var orderIds = Plan.Shipments.Select(s => s.OrderId).Distinct().ToList();
            var moves = await OrderStatusMoves.MoveAsync(db, orderIds, target, User.Identity!.Name!, time, cancellationToken);
            if (moves.Count > 0)
            {
                var orders = moves.Select(m => (m.OrderId, m.TikTokOrderId)).ToList();
                var details = moves
                    .GroupBy(m => m.From)
                    .OrderBy(g => g.Key)
                    .Select(g => $"{g.Key.JapaneseName()} → {target.JapaneseName()}: {Count(g.Count())}（{OrderOperationText.Numbers(g.Select(m => m.TikTokOrderId))}）")
                    .Prepend($"送り状CSV: {SelectedFormat.Label}（{file.FileName}、{Count(Plan.Shipments.Count)}）");
                await history.RecordAsync(
                    new OperationRecord(
                        OperationKind.StatusMoved,
                        $"送り状CSV出力で受注 {Count(moves.Count)}を {target.JapaneseName()} に移動",
                        string.Join('\n', details),
                        OrderOperationText.TargetUrl(orders, $"/Orders?status={target}"),
                        orders),
                    cancellationToken);
            }
        }

        return File(file.Content, "text/csv; charset=shift_jis", file.FileName);
    }

    /// <summary>Loads the chosen orders and builds the file; null (with <see cref="Message"/>) when there is nothing to export.</summary>
    private async Task<WaybillFile?> PrepareAsync(CancellationToken cancellationToken)
    {
        Format = SelectedFormat.Kind;
        if (!ShippingEntry.TryParseShipDate(ShipDate, time, out var parsed) || parsed is not { } shipDate)
        {
            Message = "出荷予定日の形式が正しくありません（例: 2026/11/28）。";
            return null;
        }

        EffectiveShipDate = shipDate;
        var byTab = string.Equals(Scope, TabScope, StringComparison.Ordinal);
        var ids = Ids.Distinct().ToList();
        if (ids.Count == 0 && !byTab)
        {
            Message = "送り状CSVを出力する受注を受注一覧で選択してください。";
            return null;
        }

        var query = db.Orders.AsNoTracking().Include(o => o.Lines).Include(o => o.Packages).AsSplitQuery();
        if (ids.Count > 0)
        {
            query = query.Where(o => ids.Contains(o.Id));
        }
        else if (!string.IsNullOrWhiteSpace(Search))
        {
            query = OrderSearch.Apply(query, Search);
        }
        else if (Status is { } status)
        {
            query = query.Where(o => o.GoqStatus == status);
        }

        if (ConnectionId is { } connectionId)
        {
            query = query.Where(o => o.MallConnectionId == connectionId);
        }

        // The list's order (newest first), so the slips come out as the operator saw the rows.
        var orders = await query.OrderByDescending(o => o.OrderedAtUtc).ThenByDescending(o => o.Id).Take(MaxOrders + 1).ToListAsync(cancellationToken);
        if (orders.Count > MaxOrders)
        {
            Message = $"一度に出力できるのは{Count(MaxOrders)}の受注までです。タブや店舗で絞り込むか、受注を選択してください。";
            return null;
        }

        Plan = WaybillCsv.Plan(orders, shipDate);
        if (Plan.Shipments.Count == 0)
        {
            Message = orders.Count == 0 ? "該当する受注がありません。" : "出力できる受注がありません（下記の理由で除外されました）。";
            return null;
        }

        return WaybillCsv.Write(SelectedFormat, Plan.Shipments, JapanTime.ToJst(time.GetUtcNow()));
    }

    private static string Count(int count) => count.ToString(CultureInfo.InvariantCulture) + "件";
}
