using GoQ.TikTokSync.Core.Jobs;
using GoQ.TikTokSync.Core.Malls.Authorize;
using GoQ.TikTokSync.Core.Orders.StatusTallies;
using GoQ.TikTokSync.Core.Retention.Purge;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GoQ.TikTokSync.Core.Scheduling;

/// <summary>
/// The one place where recurring jobs are added and removed. Jobs are thin and re-entrant and take ids only; their work
/// lives in the feature services they call. The per-connection 10-minute fetch (<c>auto-fetch-{id}</c>) is added and
/// removed here too, on <see cref="AutoFetchSchedule"/>'s word when 自動取得 is switched on or off, and at every start.
/// </summary>
public static class RecurringJobs
{
    public const string TokenUpkeep = "token-upkeep";
    public const string ProcessingLogPurge = "processing-log-purge";
    public const string OperationHistoryPurge = "operation-history-purge";
    public const string WebhookNotificationPurge = "webhook-notification-purge";
    public const string OrderStatusTallyFold = "order-status-tally-fold";
    public const string OrderStatusTallyRepair = "order-status-tally-repair";

    /// <summary>When the daily purges run (JST); 保存期間 shows these to the admin.</summary>
    public static readonly TimeOnly ProcessingLogPurgeTimeJst = new(4, 40);

    public static readonly TimeOnly OperationHistoryPurgeTimeJst = new(4, 50);

    public static readonly TimeOnly WebhookNotificationPurgeTimeJst = new(4, 45);

    public static readonly TimeZoneInfo JapanTimeZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    public static string AutoFetchJobId(int mallConnectionId) => $"auto-fetch-{mallConnectionId}";

    /// <summary>Adds (or re-times) the 10-minute 自動取得 of a connection; <paramref name="cron"/> is read in Japan time.</summary>
    public static void AddOrUpdateAutoFetch(this IRecurringJobManager jobs, int mallConnectionId, string cron)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        jobs.AddOrUpdate<AutoFetchJob>(
            AutoFetchJobId(mallConnectionId),
            job => job.RunAsync(mallConnectionId, CancellationToken.None),
            cron,
            new RecurringJobOptions { TimeZone = JapanTimeZone });
    }

    public static void RemoveAutoFetch(this IRecurringJobManager jobs, int mallConnectionId)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        jobs.RemoveIfExists(AutoFetchJobId(mallConnectionId));
    }

    public static IServiceProvider RegisterRecurringJobs(this IServiceProvider services)
    {
        var jobs = services.GetRequiredService<IRecurringJobManager>();
        var japan = new RecurringJobOptions { TimeZone = JapanTimeZone };

        // Daily at 04:10 JST, away from the 10-minute fetches' busiest minutes and from the operators' day.
        jobs.AddOrUpdate<TokenUpkeepJob>(TokenUpkeep, job => job.RunAsync(CancellationToken.None), "10 4 * * *", japan);
        jobs.AddOrUpdate<ProcessingLogPurgeJob>(ProcessingLogPurge, job => job.RunAsync(CancellationToken.None), Daily(ProcessingLogPurgeTimeJst), japan);
        jobs.AddOrUpdate<WebhookNotificationPurgeJob>(WebhookNotificationPurge, job => job.RunAsync(CancellationToken.None), Daily(WebhookNotificationPurgeTimeJst), japan);
        jobs.AddOrUpdate<OperationHistoryPurgeJob>(OperationHistoryPurge, job => job.RunAsync(CancellationToken.None), Daily(OperationHistoryPurgeTimeJst), japan);

        // 受注一覧's tab counts: fold the appended tally rows every 5 minutes; recount from the orders daily at 04:30 JST.
        jobs.AddOrUpdate<OrderStatusTallyUpkeep>(OrderStatusTallyFold, upkeep => upkeep.FoldAsync(CancellationToken.None), "*/5 * * * *", japan);
        jobs.AddOrUpdate<OrderStatusTallyUpkeep>(OrderStatusTallyRepair, upkeep => upkeep.RepairAsync(CancellationToken.None), "30 4 * * *", japan);

        // Closes the runs of nodes that died mid-run and hands their 送信中 packages back as 結果確認中 (Jobs:JanitorCron).
        jobs.AddOrUpdate<RunJanitorJob>(RunJanitorJob.JobId, job => job.RunAsync(CancellationToken.None), services.GetRequiredService<IOptions<JobOptions>>().Value.JanitorCron, japan);
        return services;
    }

    private static string Daily(TimeOnly time) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{time.Minute} {time.Hour} * * *");
}
