using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Core.OperationHistory.Recording;

public static class OperationRecordingSetup
{
    /// <summary>操作履歴: every operator action adds its row in the same save as the change it records.</summary>
    public static IServiceCollection AddOperationRecording(this IServiceCollection services) => services.AddScoped<OperationHistoryRecorder>();
}
