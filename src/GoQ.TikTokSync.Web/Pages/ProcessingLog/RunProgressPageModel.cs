using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.ProcessingLog;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Web.Pages.ProcessingLog;

/// <summary>
/// A background run (a fetch or a push) in progress: the page shows its 自動処理ログ entry and polls its own Status handler,
/// whose figures depend on what kind of run it is.
/// </summary>
public abstract class RunProgressPageModel(TikTokSyncDbContext db) : PageModel
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
        var entry = await db.ProcessingLogEntries.AsNoTracking().SingleOrDefaultAsync(x => x.Id == Id, cancellationToken);
        if (entry is null)
        {
            return NotFound();
        }

        var percent = entry.FinishedAtUtc is not null ? 100
            : entry.ExpectedOrders is > 0 ? Math.Min(99, Processed(entry) * 100 / entry.ExpectedOrders.Value)
            : 0;
        return new JsonResult(Status(entry, percent));
    }

    /// <summary>How many of the expected items the run has dealt with so far.</summary>
    protected abstract int Processed(ProcessingLogEntry entry);

    /// <summary>The JSON the page's script reads.</summary>
    protected abstract object Status(ProcessingLogEntry entry, int percent);

    protected static string? ResultLabel(ProcessingLogEntry entry) => entry.Result is null ? null : IndexModel.ResultLabel(entry.Result);
}
