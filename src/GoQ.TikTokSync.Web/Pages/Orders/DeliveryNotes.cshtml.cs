using System.Globalization;
using GoQ.TikTokSync.Core.Orders.PrintDeliveryNotes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GoQ.TikTokSync.Web.Pages.Orders;

/// <summary>
/// 納品書: one A4 page per selected order, printed by the browser (no PDF service). Read-only, so it is a GET with the
/// order ids in the query and is not written to 操作履歴 (which records changes and calls to TikTok only).
/// </summary>
public class DeliveryNotesModel(DeliveryNoteSheets sheets) : PageModel
{
    public const int MaxOrders = DeliveryNoteSheets.MaxOrders;

    [BindProperty(SupportsGet = true, Name = "ids")]
    public List<long> Ids { get; set; } = [];

    /// <summary>The 受注一覧's 店舗 filter when it was set: orders of other connections are then left out.</summary>
    [BindProperty(SupportsGet = true, Name = "connection")]
    public int? ConnectionId { get; set; }

    /// <summary>Why nothing is printed (no selection, too many), in Japanese; null when notes are shown.</summary>
    public string? Message { get; private set; }

    public IReadOnlyList<DeliveryNote> Notes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var (refusal, notes) = await sheets.LoadAsync(Ids, ConnectionId, cancellationToken);
        Notes = notes;
        Message = refusal switch
        {
            DeliveryNotesRefusal.NothingSelected => "納品書を印刷する受注を受注一覧で選択してください。",
            DeliveryNotesRefusal.TooMany => $"一度に印刷できる納品書は{MaxOrders.ToString(CultureInfo.InvariantCulture)}件までです（{Ids.Distinct().Count().ToString(CultureInfo.InvariantCulture)}件選択されています）。選択を減らしてください。",
            DeliveryNotesRefusal.NoneFound => "選択した受注が見つかりませんでした。",
            _ => null,
        };
    }
}
