using System.Globalization;
using GoQ.TikTokSync.Core.Import.FetchOrders;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Time;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GoQ.TikTokSync.Web.Pages.Import;

/// <summary>データ取込 › TikTok Shop API取込: the configured-days fetch and the date-range fetch, per connection.</summary>
public class IndexModel(ManualFetchRequests requests, TimeProvider time) : PageModel
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

    public int MaxRangeDays => requests.MaxRangeDays;

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Connections = await requests.ConnectionsAsync(cancellationToken);
        var nowJst = JapanTime.ToJst(time.GetUtcNow());
        To ??= nowJst.ToString(LocalDateTimeFormat, CultureInfo.InvariantCulture);
        From ??= nowJst.AddDays(-1).ToString(LocalDateTimeFormat, CultureInfo.InvariantCulture);
    }

    /// <summary>モール詳細の取得日数で取得</summary>
    public async Task<IActionResult> OnPostConfiguredDaysAsync(int connectionId, CancellationToken cancellationToken) =>
        await ShowAsync(await requests.StartConfiguredDaysAsync(connectionId, User.Identity!.Name!, cancellationToken), cancellationToken);

    /// <summary>取得日時を指定して[取得]</summary>
    public async Task<IActionResult> OnPostRangeAsync(int connectionId, CancellationToken cancellationToken)
    {
        SelectedConnectionId = connectionId;
        return await ShowAsync(await requests.StartRangeAsync(connectionId, From, To, User.Identity!.Name!, cancellationToken), cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(ManualFetchStart? start, CancellationToken cancellationToken)
    {
        if (start is null)
        {
            return NotFound();
        }

        if (start.RunId is { } runId)
        {
            return Redirect(ManualFetchRequests.RunUrl(runId));
        }

        foreach (var (field, message) in start.Errors)
        {
            ModelState.AddModelError(field, message);
        }

        Connections = await requests.ConnectionsAsync(cancellationToken);
        return Page();
    }
}
