using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.ProcessingLog;
using GoQ.TikTokSync.Web.Pages.ProcessingLog;

namespace GoQ.TikTokSync.Web.Pages.Export;

/// <summary>A push run in progress: pushed packages count as Updated, deferred ones as Skipped.</summary>
public class RunModel(TikTokSyncDbContext db) : RunProgressPageModel(db)
{
    public static string PageUrl(long runId) => ExportRunPages.Url(runId);

    protected override int Processed(ProcessingLogEntry entry) => entry.Updated + entry.Failed + entry.Skipped + entry.Unchanged;

    protected override object Status(ProcessingLogEntry entry, int percent) => new
    {
        finished = entry.FinishedAtUtc is not null,
        result = ResultLabel(entry),
        reason = entry.Reason,
        expected = entry.ExpectedOrders,
        pushed = entry.Updated,
        failed = entry.Failed,
        deferred = entry.Skipped,
        percent,
    };
}
