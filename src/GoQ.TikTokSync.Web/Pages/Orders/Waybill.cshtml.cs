using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.Shipping.Waybills;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GoQ.TikTokSync.Web.Pages.Orders;

/// <summary>
/// 送り状CSV出力: a confirmation page between 受注一覧 and the download, because a file download cannot carry warnings.
/// The operator sees which orders get no slip and which characters Shift_JIS could not carry before taking the file;
/// the POST builds the same file again from the same choice (and optionally moves the exported orders).
/// </summary>
public class WaybillModel(WaybillExport waybills) : PageModel
{
    public const int MaxOrders = WaybillExport.MaxOrders;

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
        if (await PrepareAsync(cancellationToken) is { File: { } file })
        {
            Replacements = file.Replacements;
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var prepared = await PrepareAsync(cancellationToken);
        if (prepared.File is not { } file)
        {
            return Page();
        }

        if (MoveTo is { } target && Enum.IsDefined(target))
        {
            await waybills.MoveExportedAsync(prepared, SelectedFormat, target, User.Identity!.Name!, cancellationToken);
        }

        return File(file.Content, "text/csv; charset=shift_jis", file.FileName);
    }

    /// <summary>Builds the file from the choice; without one, <see cref="Message"/> says why.</summary>
    private async Task<WaybillPreparation> PrepareAsync(CancellationToken cancellationToken)
    {
        Format = SelectedFormat.Kind;
        var request = new WaybillRequest(Ids, string.Equals(Scope, TabScope, StringComparison.Ordinal), Status, Search, ConnectionId, SelectedFormat, ShipDate);
        var prepared = await waybills.PrepareAsync(request, cancellationToken);
        (Plan, Message) = (prepared.Plan, prepared.Message);
        EffectiveShipDate = prepared.ShipDate ?? default;
        return prepared;
    }
}
