using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.ProcessingLog;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Web.Pages.Export;

/// <summary>A push run in progress: the page polls its own Status handler until the run has finished.</summary>
public class RunModel(TikTokSyncDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    public ProcessingLogEntry Entry { get; private set; } = null!;

    public string ConnectionName { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var entry = await db.ProcessingLogEntries.AsNoTracking().SingleOrDefaultAsync(e => e.Id == Id, cancellationToken);
        if (entry is null)
        {
            return NotFound();
        }

        Entry = entry;
        ConnectionName = await db.MallConnections.Where(c => c.Id == entry.MallConnectionId).Select(c => c.DisplayName).SingleOrDefaultAsync(cancellationToken) ?? string.Empty;
        return Page();
    }

    public async Task<IActionResult> OnGetStatusAsync(CancellationToken cancellationToken)
    {
        var e = await db.ProcessingLogEntries.AsNoTracking().SingleOrDefaultAsync(x => x.Id == Id, cancellationToken);
        if (e is null)
        {
            return NotFound();
        }

        var processed = e.Updated + e.Failed + e.Skipped + e.Unchanged;
        var percent = e.FinishedAtUtc is not null ? 100 : e.ExpectedOrders is > 0 ? Math.Min(99, processed * 100 / e.ExpectedOrders.Value) : 0;
        return new JsonResult(new
        {
            finished = e.FinishedAtUtc is not null,
            result = e.Result is null ? null : ProcessingLog.IndexModel.ResultLabel(e.Result),
            reason = e.Reason,
            expected = e.ExpectedOrders,
            pushed = e.Updated,
            failed = e.Failed,
            deferred = e.Skipped,
            percent,
        });
    }
}
