using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Core.Scheduling;

public static class AutoProcessingSetup
{
    /// <summary>自動取得 every 10 minutes, followed by 自動書き出し, and the schedule that follows the settings.</summary>
    public static IServiceCollection AddAutoProcessing(this IServiceCollection services)
    {
        services.AddScoped<AutoFetchJob>();
        services.AddScoped<AutoFetchSchedule>();
        return services;
    }
}
