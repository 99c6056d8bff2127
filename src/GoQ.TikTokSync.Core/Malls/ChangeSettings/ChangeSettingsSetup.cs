using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Core.Malls.ChangeSettings;

public static class ChangeSettingsSetup
{
    /// <summary>モール詳細設定's save.</summary>
    public static IServiceCollection AddChangeSettings(this IServiceCollection services) => services.AddScoped<ConnectionSettings>();
}
