using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Core.Retention.Purge;

public static class RetentionPurgeSetup
{
    /// <summary>保存期間: the policy the admin sets and the daily purges that apply it.</summary>
    public static IServiceCollection AddRetentionPurges(this IServiceCollection services)
    {
        services.AddScoped<RetentionPolicy>();
        services.AddScoped<OperationHistoryPurgeJob>();
        services.AddScoped<ProcessingLogPurgeJob>();
        services.AddScoped<WebhookNotificationPurgeJob>();
        return services;
    }
}
