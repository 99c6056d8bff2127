using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Core.OperationHistory.Recording;
using GoQ.TikTokSync.Core.OperationHistory.Search;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Core.Setup;

public static class OperationHistorySetup
{
    /// <summary>操作履歴: its recorder and its options (who acts comes from the host: <see cref="IOperationActorSource"/>).</summary>
    public static IServiceCollection AddOperationHistory(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OperationHistoryOptions>()
            .Bind(configuration.GetSection(OperationHistoryOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOperationRecording();
        services.AddOperationHistorySearch();
        return services;
    }
}
