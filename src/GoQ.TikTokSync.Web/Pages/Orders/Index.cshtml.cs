using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.Orders.ListOrders;
using GoQ.TikTokSync.Core.Orders.MoveStatus;
using GoQ.TikTokSync.Core.Shipping.ShipFromList;
using GoQ.TikTokSync.Core.Orders.StatusTallies;
using GoQ.TikTokSync.Core.Shipping.Waybills;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GoQ.TikTokSync.Web.Pages.Orders;

/// <summary>受注一覧: status tabs with live counts, newest orders first, 50 a page.</summary>
public class IndexModel(OrderList orderList) : PageModel
{
    public const int PageSize = OrderList.PageSize;

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

    /// <summary>同梱: orders TikTok combined with others, and those orders' numbers.</summary>
    public IReadOnlyDictionary<long, IReadOnlyList<string>> CombinedWith { get; private set; } = new Dictionary<long, IReadOnlyList<string>>();

    public int TotalInView { get; private set; }

    public int PageCount => OrderList.PageCount(TotalInView);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var page = await orderList.ListAsync(new OrderListQuery(Status, PageNumber, Search, ConnectionId, OldestFirst, Deadline, Push), cancellationToken);
        (Counts, Connections, Rows, TotalInView, PageNumber) = (page.Counts, page.Connections, page.Rows, page.TotalInView, page.PageNumber);
        (Status, Deadline, Push, Now) = (page.Status, page.Deadline, page.Push, page.Now);
        CombinedWith = page.CombinedWith;
    }

    /// <summary>Bulk: move the selected orders to another status (the page asks for confirmation first).</summary>
    public async Task<IActionResult> OnPostMoveAsync([FromServices] StatusMovesFromList moving, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(moving);
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

        if (await moving.MoveAsync(Selected, target, User.Identity!.Name!, cancellationToken) is not { } moves)
        {
            return await ConflictAsync(cancellationToken);
        }

        Notice = $"{moves.Count}件の受注を「{target.JapaneseName()}」へ移動しました。";
        return RedirectToPage(new { status = Status, q = Search, connection = ConnectionId, deadline = Deadline, push = Push });
    }

    /// <summary>Bulk: the operator has seen that TikTok cancelled these orders; the red badge goes away.</summary>
    public async Task<IActionResult> OnPostAcknowledgeAsync([FromServices] StatusMovesFromList moving, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(moving);
        if (await moving.AcknowledgeCancellationsAsync(Selected, User.Identity!.Name!, cancellationToken) is not { } acknowledged)
        {
            return await ConflictAsync(cancellationToken);
        }

        Notice = $"{acknowledged.Count}件のキャンセルを確認済みにしました。";
        return RedirectToPage(new { status = Status, q = Search, connection = ConnectionId, deadline = Deadline, push = Push });
    }

    /// <summary>Bulk: 配送業者 and 出荷日 for the selected orders (tracking numbers are per parcel: detail page or CSV).</summary>
    public async Task<IActionResult> OnPostShipDateAsync([FromServices] ShippingFromList shipping, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shipping);
        if (Selected.Count == 0 || BulkCarrier is not { } carrier || !Enum.IsDefined(carrier))
        {
            Notice = Selected.Count == 0 ? "受注を選択してください。" : "配送業者を選択してください。";
            return RedirectToPage(new { status = Status, q = Search, connection = ConnectionId, deadline = Deadline, push = Push });
        }

        if (await shipping.SetShipDateAsync(Selected, carrier, BulkShipDate, User.Identity!.Name!, cancellationToken) is not { } outcome)
        {
            return await ConflictAsync(cancellationToken);
        }

        var (saved, refused) = outcome;
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
    public async Task<IActionResult> OnPostTrackingAsync([FromServices] ShippingFromList shipping, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shipping);
        var rows = Selected.Where(id => BulkTracking.TryGetValue(id, out var number) && !string.IsNullOrWhiteSpace(number)).ToList();
        if (rows.Count == 0 || BulkCarrier is not { } carrier || !Enum.IsDefined(carrier))
        {
            Notice = rows.Count == 0 ? "伝票番号を入力した受注を選択してください。" : "配送業者を選択してください。";
            return RedirectToPage(new { status = Status, q = Search, connection = ConnectionId, deadline = Deadline, push = Push });
        }

        if (await shipping.SaveTrackingAsync(rows, BulkTracking, carrier, BulkShipDate, User.Identity!.Name!, cancellationToken) is not { } outcome)
        {
            return await ConflictAsync(cancellationToken);
        }

        var (saved, problems) = outcome;
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
        Conflict = ConcurrentUpdate.Message;
        await OnGetAsync(cancellationToken);
        return Page();
    }
}
