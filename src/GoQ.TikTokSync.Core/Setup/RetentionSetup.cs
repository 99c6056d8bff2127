using GoQ.TikTokSync.Core.Retention.ChangeRetention;
using GoQ.TikTokSync.Core.Retention.Purge;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Core.Setup;

public static class RetentionSetup
{
    /// <summary>保存期間 and the daily purges.</summary>
    public static IServiceCollection AddRetention(this IServiceCollection services) => services.AddRetentionPurges().AddChangeRetention();
}
