using GoQ.TikTokSync.Core.Scheduling;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Core.Setup;

public static class SchedulingSetup
{
    /// <summary>The recurring jobs: 自動取得 (and 自動書き出し after it), token upkeep, purges, tally upkeep, the janitor.</summary>
    public static IServiceCollection AddScheduling(this IServiceCollection services) => services.AddAutoProcessing();
}
