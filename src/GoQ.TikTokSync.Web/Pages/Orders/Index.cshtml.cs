using System.Globalization;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Core.OperationHistory.Recording;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.Orders.MoveStatus;
using GoQ.TikTokSync.Core.Orders.StatusTallies;
using GoQ.TikTokSync.Core.Shipping.EnterTracking;
using GoQ.TikTokSync.Core.Shipping.Waybills;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Web.Pages.Orders;

/// <summary>受注一覧: status tabs with live counts, newest orders first, 50 a page.</summary>
public class IndexModel(TikTokSyncDbContext db, OperationHistoryRecorder history, TimeProvider time) : PageModel
{
    public const int PageSize = 50;

    /// <summary>Null means the 全て view.</summary>
    [BindProperty(SupportsGet = true)]
    public GoqOrderStatus? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    /// <summary>Order number, recipient name (kanji or kana), phone (any format) or tracking number; searches every status.</summary>
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "connection")]
    public int? ConnectionId { get; set; }

    /// <summary>注文日時 order: newest first unless the operator asks for oldest first.</summary>
    [BindProperty(SupportsGet = true, Name = "sort")]
    public string? Sort { get; set; }

    public bool OldestFirst => string.Equals(Sort, "asc", StringComparison.Ordinal);

    /// <summary>期限が近い view: <see cref="ShipDeadline.FilterSoon"/>, or past / near only (the home page's links).</summary>
    [BindProperty(SupportsGet = true, Name = "deadline")]
    public string? Deadline { get; set; }

    public bool DeadlineView => ShipDeadline.IsFilter(Deadline);

    /// <summary>送信失敗 / 結果確認中 view (the home page's links): <see cref="PushAttention"/>.</summary>
    [BindProperty(SupportsGet = true, Name = "push")]
    public string? Push { get; set; }

    public bool PushView => PushAttention.IsFilter(Push);

    /// <summary>The request's "now", so every row's 発送期限 colour is judged against the same instant.</summary>
    public DateTimeOffset Now { get; private set; }

    public IReadOnlyList<(int Id, string Name)> Connections { get; private set; } = [];

    [BindProperty]
    public List<long> Selected { get; set; } = [];

    [BindProperty]
    public GoqOrderStatus? MoveTo { get; set; }

    [BindProperty]
    public Carrier? BulkCarrier { get; set; }

    [BindProperty]
    public string? BulkShipDate { get; set; }

    [TempData]
    public string? Notice { get; set; }

    public OrderStatusCounts Counts { get; private set; } = new([], 0);

    public IReadOnlyList<OrderRow> Rows { get; private set; } = [];

    public int TotalInView { get; private set; }

    public int PageCount => Math.Max(1, (TotalInView + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var tallies = await OrderStatusTallyUpkeep.ReadAsync(db, cancellationToken);
        Counts = OrderStatusCounts.From(tallies);
        Connections = (await db.MallConnections.AsNoTracking().OrderBy(c => c.DisplayOrder).ThenBy(c => c.Id)
            .Select(c => new { c.Id, c.DisplayName }).ToListAsync(cancellationToken)).Select(c => (c.Id, c.DisplayName)).ToList();

        var query = db.Orders.AsNoTracking();
        var searching = !string.IsNullOrWhiteSpace(Search);
        if (searching)
        {
            // A search looks through every status (全て), whatever tab was open.
            Status = null;
            query = OrderSearch.Apply(query, Search);
        }
        else if (Status is { } selected)
        {
            query = query.Where(o => o.GoqStatus == selected);
        }

        if (ConnectionId is { } connectionId)
        {
            query = query.Where(o => o.MallConnectionId == connectionId);
        }

        Now = time.GetUtcNow();
        if (!DeadlineView)
        {
            Deadline = null;
        }

        query = ShipDeadline.Filter(query, Deadline, Now);
        if (!PushView)
        {
            Push = null;
        }

        query = PushAttention.Filter(query, Push);

        // A tab of one shop or of all is counted by the tallies; only searches and filters count rows.
        var inView = ConnectionId is null ? Counts : OrderStatusCounts.From(tallies, ConnectionId);
        TotalInView = searching || DeadlineView || PushView
            ? await query.CountAsync(cancellationToken)
            : Status is { } status ? inView.PerStatus.First(c => c.Status == status).Count : inView.Total;
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);

        // The deadline view is a to-do list: the most urgent order first.
        var ordered = DeadlineView
            ? query.OrderBy(o => o.ShipByUtc).ThenBy(o => o.Id)
            : OldestFirst
            ? query.OrderBy(o => o.OrderedAtUtc).ThenBy(o => o.Id)
            : query.OrderByDescending(o => o.OrderedAtUtc).ThenByDescending(o => o.Id);
        Rows = await ordered
            .Skip((PageNumber - 1) * PageSize)
            .Take(PageSize)
            .Select(o => new OrderRow(
                o.Id,
                o.TikTokOrderId,
                o.OrderedAtUtc,
                o.RecipientName,
                o.TotalAmount,
                o.TikTokStatus,
                o.GoqStatus,
                db.MallConnections.Where(c => c.Id == o.MallConnectionId).Select(c => c.DisplayName).First(),
                o.IsCancelledOnTikTok && !o.CancellationAcknowledged,
                o.TrackingNumber,
                o.ShipmentPushState,
                o.ShipByUtc,
                o.IsCancelledOnTikTok))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Bulk: move the selected orders to another status (the page asks for confirmation first).</summary>
    public async Task<IActionResult> OnPostMoveAsync(CancellationToken cancellationToken)
    {
        if (MoveTo is not { } target || !Enum.IsDefined(target))
        {
            Notice = "移動先のステータスを選択してください。";
            return RedirectToPage(new { status = Status, q = Search, connection = ConnectionId, deadline = Deadline, push = Push });
        }

        if (Selected.Count == 0)
        {
            Notice = "受注を選択してください。";
            return RedirectToPage(new { status = Status, q = Search, connection = ConnectionId, deadline = Deadline, push = Push });
        }

        IReadOnlyList<OrderStatusMove> moves;
        try
        {
            moves = await OrderStatusMoves.MoveAsync(db, Selected, target, User.Identity!.Name!, time, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await ConflictAsync(cancellationToken);
        }

        if (moves.Count > 0)
        {
            // Orders already in the target status did not move and are not on record.
            var orders = moves.Select(m => (m.OrderId, m.TikTokOrderId)).ToList();
            var details = moves
                .GroupBy(m => m.From)
                .OrderBy(g => g.Key)
                .Select(g => $"{g.Key.JapaneseName()} → {target.JapaneseName()}: {CountText(g.Count())}（{OrderOperationText.Numbers(g.Select(m => m.TikTokOrderId))}）");
            await history.RecordAsync(
                new OperationRecord(
                    OperationKind.StatusMoved,
                    $"受注 {CountText(moves.Count)}を {target.JapaneseName()} に移動",
                    string.Join('\n', details),
                    OrderOperationText.TargetUrl(orders, $"/Orders?status={target}"),
                    orders),
                cancellationToken);
        }

        Notice = $"{moves.Count}件の受注を「{target.JapaneseName()}」へ移動しました。";
        return RedirectToPage(new { status = Status, q = Search, connection = ConnectionId, deadline = Deadline, push = Push });
    }

    /// <summary>Bulk: the operator has seen that TikTok cancelled these orders; the red badge goes away.</summary>
    public async Task<IActionResult> OnPostAcknowledgeAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<(long OrderId, string TikTokOrderId)> acknowledged;
        try
        {
            acknowledged = await OrderStatusMoves.AcknowledgeCancellationsAsync(db, Selected, User.Identity!.Name!, time, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await ConflictAsync(cancellationToken);
        }

        if (acknowledged.Count > 0)
        {
            await history.RecordAsync(
                new OperationRecord(
                    OperationKind.CancellationAcknowledged,
                    $"TikTok側キャンセル {CountText(acknowledged.Count)}を確認済みに",
                    "受注番号: " + OrderOperationText.Numbers(acknowledged.Select(o => o.TikTokOrderId)),
                    OrderOperationText.TargetUrl(acknowledged, "/Orders"),
                    acknowledged),
                cancellationToken);
        }

        Notice = $"{acknowledged.Count}件のキャンセルを確認済みにしました。";
        return RedirectToPage(new { status = Status, q = Search, connection = ConnectionId, deadline = Deadline, push = Push });
    }

    /// <summary>Bulk: 配送業者 and 出荷日 for the selected orders (tracking numbers are per parcel: detail page or CSV).</summary>
    public async Task<IActionResult> OnPostShipDateAsync([FromServices] ShippingEntry shippingEntry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shippingEntry);
        if (Selected.Count == 0 || BulkCarrier is not { } carrier || !Enum.IsDefined(carrier))
        {
            Notice = Selected.Count == 0 ? "受注を選択してください。" : "配送業者を選択してください。";
            return RedirectToPage(new { status = Status, q = Search, connection = ConnectionId, deadline = Deadline, push = Push });
        }

        int saved;
        IReadOnlyList<(string TikTokOrderId, string Message)> refused;
        try
        {
            (saved, refused) = await shippingEntry.SetShipDateAsync(Selected, carrier, BulkShipDate, User.Identity!.Name!, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await ConflictAsync(cancellationToken);
        }

        if (saved > 0)
        {
            var refusedNumbers = refused.Select(r => r.TikTokOrderId).ToHashSet(StringComparer.Ordinal);
            var orders = (await db.Orders.AsNoTracking().Where(o => Selected.Contains(o.Id)).Select(o => new { o.Id, o.TikTokOrderId }).ToListAsync(cancellationToken))
                .Where(o => !refusedNumbers.Contains(o.TikTokOrderId))
                .Select(o => (o.Id, o.TikTokOrderId))
                .ToList();
            var details = new List<string>
            {
                "配送業者: " + carrier.JapaneseName(),
                "出荷日: " + ShipDateText(BulkShipDate),
                "受注番号: " + OrderOperationText.Numbers(orders.Select(o => o.TikTokOrderId)),
            };
            if (refused.Count > 0)
            {
                details.Add($"設定できなかった受注: {CountText(refused.Count)}（{string.Join(" ／ ", refused.Take(OrderOperationText.ListedNumbers).Select(r => $"{r.TikTokOrderId}: {r.Message}"))}）");
            }

            await history.RecordAsync(
                new OperationRecord(
                    OperationKind.ShippingEdited,
                    $"受注 {CountText(saved)}に配送業者・出荷日を設定（受注一覧）",
                    string.Join('\n', details),
                    OrderOperationText.TargetUrl(orders, "/Orders"),
                    orders),
                cancellationToken);
        }

        Notice = $"{saved}件の受注に配送業者・出荷日を設定しました。"
            + (refused.Count == 0 ? string.Empty : " 設定できなかった受注: " + string.Join(" ／ ", refused.Take(10).Select(r => $"{r.TikTokOrderId}（{r.Message}）")));
        return RedirectToPage(new { status = Status, q = Search, connection = ConnectionId, deadline = Deadline, push = Push });
    }

    /// <summary>Per-row 伝票番号 inputs of the list, keyed by order id; only selected rows are saved.</summary>
    [BindProperty]
    public Dictionary<long, string> BulkTracking { get; set; } = [];

    /// <summary>
    /// Bulk: 伝票番号 typed into the selected rows, with the chosen 配送業者 and 出荷日 (today in Japan when empty). Every number
    /// is checked first; if any is wrong nothing is saved and the operator sees which order and why.
    /// </summary>
    public async Task<IActionResult> OnPostTrackingAsync([FromServices] ShippingEntry shippingEntry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shippingEntry);
        var rows = Selected.Where(id => BulkTracking.TryGetValue(id, out var number) && !string.IsNullOrWhiteSpace(number)).ToList();
        if (rows.Count == 0 || BulkCarrier is not { } carrier || !Enum.IsDefined(carrier))
        {
            Notice = rows.Count == 0 ? "伝票番号を入力した受注を選択してください。" : "配送業者を選択してください。";
            return RedirectToPage(new { status = Status, q = Search, connection = ConnectionId, deadline = Deadline, push = Push });
        }

        var orderNumbers = await db.Orders.Where(o => rows.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.TikTokOrderId, cancellationToken);
        var problems = rows
            .Select(id => (Id: id, Check: TrackingNumberRules.Validate(carrier, BulkTracking[id])))
            .Where(r => r.Check.Error is not null)
            .Select(r => $"{orderNumbers.GetValueOrDefault(r.Id)}（{r.Check.Error}）")
            .ToList();
        var saved = problems.Count == 0
            ? await shippingEntry.SaveManyAsync(rows.Select(id => (id, new PackageInput(carrier, BulkTracking[id], BulkShipDate))).ToList(), "受注一覧", User.Identity!.Name!, cancellationToken)
            : 0;
        if (saved > 0)
        {
            // SaveManyAsync saves every row or none, so every selected row with a number was saved.
            var orders = rows.Select(id => (id, orderNumbers.GetValueOrDefault(id) ?? string.Empty)).ToList();
            var details = new List<string> { "配送業者: " + carrier.JapaneseName(), "出荷日: " + ShipDateText(BulkShipDate) };
            details.AddRange(OrderOperationText.CappedLines(rows.Select(id =>
                $"{orderNumbers.GetValueOrDefault(id)}: 伝票番号 {TrackingNumberRules.Validate(carrier, BulkTracking[id]).Normalized ?? BulkTracking[id].Trim()}").ToList()));

            await history.RecordAsync(
                new OperationRecord(
                    OperationKind.ShippingEdited,
                    $"受注 {CountText(saved)}に伝票番号を保存（受注一覧）",
                    string.Join('\n', details),
                    OrderOperationText.TargetUrl(orders, "/Orders"),
                    orders),
                cancellationToken);
        }

        Notice = saved > 0
            ? $"{saved}件の受注に伝票番号を保存しました。"
            : "保存しませんでした。" + (problems.Count > 0
                ? " 伝票番号を確認してください: " + string.Join(" ／ ", problems.Take(10))
                : " 送信済み・送信中・送信結果を確認中・分割発送の受注や出荷日の誤りが含まれています。受注詳細で入力してください。");
        return RedirectToPage(new { status = Status, q = Search, connection = ConnectionId, deadline = Deadline, push = Push });
    }

    /// <summary>
    /// 納品書を印刷: the list's selection, handed to the print page as a plain GET (opened in a new tab by the button) so
    /// the sheet can be reloaded and printed again. The selection never exceeds a list page, but a crafted post is cut
    /// just past the print limit so the print page still explains the limit instead of the server refusing a huge URL.
    /// </summary>
    public IActionResult OnPostDeliveryNotes()
    {
        var ids = Selected.Distinct().Take(DeliveryNotesModel.MaxOrders + 1).ToList();
        return RedirectToPage("/Orders/DeliveryNotes", new { ids, connection = ConnectionId });
    }

    [BindProperty]
    public WaybillFormatKind WaybillFormat { get; set; }

    /// <summary>
    /// 送り状CSV出力: the selected rows, or the whole current tab (status or search, 店舗) when none is ticked, handed to
    /// the confirmation page that shows what is left out before the download.
    /// </summary>
    public IActionResult OnPostWaybill()
    {
        var ids = Selected.Distinct().Take(WaybillModel.MaxOrders + 1).ToList();
        return ids.Count > 0
            ? RedirectToPage("/Orders/Waybill", new { ids, format = WaybillFormat, connection = ConnectionId })
            : RedirectToPage("/Orders/Waybill", new { scope = WaybillModel.TabScope, status = Status, q = Search, format = WaybillFormat, connection = ConnectionId });
    }

    /// <summary>A bulk save lost a race (import, push): nothing saved, the list again with the selection and the typed values.</summary>
    public string? Conflict { get; private set; }

    private async Task<IActionResult> ConflictAsync(CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        Conflict = ConcurrentUpdate.Message;
        await OnGetAsync(cancellationToken);
        return Page();
    }

    private static string CountText(int count) => count.ToString(CultureInfo.InvariantCulture) + "件";

    /// <summary>出荷日 as the bulk forms apply it: empty means today in Japan.</summary>
    private string ShipDateText(string? input) =>
        ShippingEntry.TryParseShipDate(input, time, out var date) && date is { } day
            ? day.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture) + (string.IsNullOrWhiteSpace(input) ? "（当日）" : string.Empty)
            : input ?? string.Empty;

    public sealed record OrderRow(
        long Id,
        string TikTokOrderId,
        DateTime OrderedAtUtc,
        string? RecipientName,
        decimal TotalAmount,
        string TikTokStatus,
        GoqOrderStatus GoqStatus,
        string ConnectionName,
        bool CancelledOnTikTok,
        string? TrackingNumber,
        ShipmentPushState ShipmentPushState,
        DateTime? ShipByUtc,
        bool IsCancelledOnTikTok)
    {
        public ShipDeadlineState Deadline(DateTimeOffset now) =>
            ShipDeadline.StateOf(ShipByUtc, ShipDeadline.IsAwaitingShipment(GoqStatus, TikTokStatus, ShipmentPushState, IsCancelledOnTikTok), now);
    }
}
