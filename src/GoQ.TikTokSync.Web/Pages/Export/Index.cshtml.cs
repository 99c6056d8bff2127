using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Shipping.Push;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GoQ.TikTokSync.Web.Pages.Export;

/// <summary>
/// データ書出 › TikTok Shop 書出し口: 作成期間 (JST dates), [更新] lists the candidates and the excluded packages with their
/// reasons, [発送情報を更新] pushes every candidate, [確認・選択して更新] pushes only the ticked ones.
/// </summary>
public class IndexModel(PushStart pushes, TimeProvider time) : PageModel
{
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
        var (from, to) = ExportWindow.Default(time);
        From ??= from;
        To ??= to;
        await LoadAsync(cancellationToken);
    }

    /// <summary>[発送情報を更新]: every candidate of the window.</summary>
    public Task<IActionResult> OnPostPushAsync(int connectionId, CancellationToken cancellationToken) =>
        PushAsync(connectionId, null, cancellationToken);

    /// <summary>[確認・選択して更新] › 選択した受注の発送情報を更新.</summary>
    public Task<IActionResult> OnPostPushSelectedAsync(int connectionId, CancellationToken cancellationToken)
    {
        Selecting = true;
        return PushAsync(connectionId, Selected, cancellationToken);
    }

    private async Task<IActionResult> PushAsync(int connectionId, List<long>? selected, CancellationToken cancellationToken)
    {
        ConnectionId = connectionId;
        // A ticked value that did not even bind starts nothing; the page shows it with the other refusals.
        var result = selected is not null && !ModelState.IsValid
            ? await pushes.CheckAsync(connectionId, From, To, selected, cancellationToken)
            : await pushes.StartAsync(connectionId, From, To, selected, User.Identity!.Name!, cancellationToken);
        if (result.NotFound)
        {
            return NotFound();
        }

        if (result.RunId is { } runId)
        {
            return Redirect(RunModel.PageUrl(runId));
        }

        AddErrors(result.WindowErrors);
        foreach (var refusal in result.Refusals)
        {
            ModelState.AddModelError($"connection-{connectionId}", refusal);
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private void AddErrors(IReadOnlyList<ExportWindowError> errors)
    {
        foreach (var error in errors)
        {
            ModelState.AddModelError(error.Field == ExportWindowField.From ? nameof(From) : nameof(To), error.Message);
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        // A POST already reported the window's errors; [更新] on a GET reports them here.
        var alreadyReported = ModelState[nameof(From)]?.Errors.Count > 0 || ModelState[nameof(To)]?.Errors.Count > 0;
        ExportWindow? window = null;
        if (!alreadyReported)
        {
            (window, var errors) = ExportWindow.Parse(From, To);
            AddErrors(errors);
        }

        var view = await pushes.ListAsync(window, cancellationToken);
        (Connections, Lists) = (view.Connections, view.Lists);
    }
}
