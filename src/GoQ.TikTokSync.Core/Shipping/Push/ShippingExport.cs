using System.Runtime.ExceptionServices;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Jobs;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.ProcessingLog;
using GoQ.TikTokSync.Core.Shipping.EnterTracking;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Core.Shipping.Push;

/// <summary>Starts manual pushes: records the request in the 自動処理ログ and enqueues the job.</summary>
public sealed class ShippingExport(TikTokSyncDbContext db, IBackgroundJobClient jobs, TimeProvider time)
{
    /// <summary>作成期間 default: the last 14 days (JST).</summary>
    public const int DefaultWindowDays = 14;

    /// <summary>自動書き出し looks at orders created this many days back.</summary>
    public const int AutomaticWindowDays = MallSettingsRules.MaxFetchDays;

    public async Task<long> StartAsync(int mallConnectionId, DateTime? fromUtc, DateTime? toUtc, IReadOnlyCollection<long>? packageIds, string userName, CancellationToken cancellationToken)
    {
        var entry = NewEntry(mallConnectionId, ProcessingTrigger.Manual, userName, fromUtc, toUtc);
        db.ProcessingLogEntries.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        var ids = packageIds?.ToArray();
        jobs.Enqueue<ShippingPushJob>(job => job.RunAsync(entry.Id, ids, CancellationToken.None));
        return entry.Id;
    }

    public ProcessingLogEntry NewEntry(int mallConnectionId, ProcessingTrigger trigger, string? userName, DateTime? fromUtc, DateTime? toUtc) =>
        ProcessingLogEntry.Start(ProcessingKind.Export, trigger, mallConnectionId, time.GetUtcNow().UtcDateTime, userName, fromUtc, toUtc);

    /// <summary>
    /// 再送信 from the order page or the log: failed packages go back to Pending and are pushed at once; 結果確認中 ones are
    /// pushed as they are, which reads them back from TikTok first.
    /// </summary>
    public async Task<long?> ResendAsync(int mallConnectionId, IReadOnlyCollection<long> packageIds, string userName, ShippingEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var requeued = new List<long>();
        foreach (var id in packageIds)
        {
            if (await entry.ResendAsync(id, userName, cancellationToken)
                || await db.ShippingPackages.AnyAsync(p => p.Id == id && (p.PushState == ShipmentPushState.Pending || p.PushState == ShipmentPushState.OutcomeUnknown), cancellationToken))
            {
                requeued.Add(id);
            }
        }

        return requeued.Count == 0 ? null : await StartAsync(mallConnectionId, null, null, requeued, userName, cancellationToken);
    }
}
