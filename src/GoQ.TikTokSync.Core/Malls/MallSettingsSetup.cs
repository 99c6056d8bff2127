using GoQ.TikTokSync.Core.Malls.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Core.Malls;

public static class MallSettingsSetup
{
    public static IServiceCollection AddMallSettings(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MallSettingsOptions>()
            .Bind(configuration.GetSection(MallSettingsOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.MinFetchDays <= o.MaxFetchDays, "MallSettings:MinFetchDays must not exceed MaxFetchDays.")
            .ValidateOnStart();

        services.AddSingleton<ConnectionTokenProtector>();
        services.AddSingleton<ConnectionTokens>();
        services.AddScoped<ShopAuthorization>();
        services.AddScoped<TikTokShopConnections>();
        services.AddScoped<ShippingProviders>();
        services.AddScoped<TokenUpkeepJob>();
        return services;
    }
}
