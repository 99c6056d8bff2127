using GoQ.TikTokSync.Core.Jobs;
using GoQ.TikTokSync.Core.ProcessingLog;
using GoQ.TikTokSync.Core.ProcessingLog.Browse;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Core.Setup;

public static class ProcessingLogSetup
{
    /// <summary>自動処理ログ and the runs that write it.</summary>
    public static IServiceCollection AddProcessingLog(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ProcessingLogOptions>()
            .Bind(configuration.GetSection(ProcessingLogOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddRuns(configuration);
        services.AddProcessingLogBrowse();
        return services;
    }
}
