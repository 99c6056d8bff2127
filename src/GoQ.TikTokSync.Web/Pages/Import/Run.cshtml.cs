using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.ProcessingLog;
using GoQ.TikTokSync.Web.Pages.ProcessingLog;

namespace GoQ.TikTokSync.Web.Pages.Import;

/// <summary>A manual fetch in progress.</summary>
public class RunModel(TikTokSyncDbContext db) : RunProgressPageModel(db)
{
    protected override int Processed(ProcessingLogEntry entry) => entry.Created + entry.Updated + entry.Unchanged + entry.Failed + entry.Skipped;

    protected override object Status(ProcessingLogEntry entry, int percent) => new
    {
        finished = entry.FinishedAtUtc is not null,
        result = ResultLabel(entry),
        reason = entry.Reason,
        pages = entry.PagesFetched,
        expected = entry.ExpectedOrders,
        created = entry.Created,
        updated = entry.Updated,
        unchanged = entry.Unchanged,
        failed = entry.Failed,
        percent,
    };
}
