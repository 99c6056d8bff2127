using Hangfire;

namespace GoQ.TikTokSync.Web.Infrastructure;

/// <summary>
/// The one place where recurring jobs are registered. Jobs are thin and re-entrant and take ids only;
/// their work lives in the feature services they call. Per-connection jobs (自動取得, every 10 minutes) are
/// added and removed by the mall settings when 自動取得 is switched on or off.
/// </summary>
public static class RecurringJobs
{
    /// <summary>Cron expressions are read in Japan time, which is how operators think of "daily".</summary>
    public static readonly TimeZoneInfo JobTimeZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    public static IServiceProvider RegisterRecurringJobs(this IServiceProvider services)
    {
        // Resolving the manager here fails fast at start if Hangfire storage is misconfigured.
        _ = services.GetRequiredService<IRecurringJobManager>();
        return services;
    }
}
