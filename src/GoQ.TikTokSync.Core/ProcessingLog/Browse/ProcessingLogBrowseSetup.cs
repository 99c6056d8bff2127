using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Core.ProcessingLog.Browse;

public static class ProcessingLogBrowseSetup
{
    /// <summary>自動処理ログ's list and run detail.</summary>
    public static IServiceCollection AddProcessingLogBrowse(this IServiceCollection services) => services.AddScoped<ProcessingLogBrowse>();
}
