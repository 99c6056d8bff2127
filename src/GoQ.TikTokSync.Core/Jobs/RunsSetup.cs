using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Core.Jobs;

public static class RunsSetup
{
    /// <summary>What every background run shares: its log entry's guard, the heartbeat, and the janitor for dead nodes' runs.</summary>
    public static IServiceCollection AddRuns(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JobOptions>()
            .Bind(configuration.GetSection(JobOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.KeepAliveInterval * 2 <= o.LeaseDuration, "Jobs:KeepAliveInterval must be at most half of Jobs:LeaseDuration.")
            .Validate(o => o.KeepAliveInterval * 2 <= o.HeartbeatTimeout, "Jobs:KeepAliveInterval must be at most half of Jobs:HeartbeatTimeout.")
            .ValidateOnStart();
        services.AddSingleton<RunGuard>();
        services.AddScoped<RunJanitor>();
        services.AddScoped<RunJanitorJob>();
        return services;
    }
}
