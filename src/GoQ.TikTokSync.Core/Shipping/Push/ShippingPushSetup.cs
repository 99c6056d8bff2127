using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Core.Shipping.Push;

public static class ShippingPushSetup
{
    /// <summary>データ書出 › 発送情報を更新: the candidates, the run that pushes them and the per-package push.</summary>
    public static IServiceCollection AddShippingPush(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ShippingPushOptions>()
            .Bind(configuration.GetSection(ShippingPushOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddScoped<PackagePusher>();
        services.AddScoped<ShippingPushRun>();
        services.AddScoped<ShippingPushJob>();
        services.AddScoped<ShippingExport>();
        services.AddScoped<PushStart>();
        services.AddScoped<ResendFromLog>();
        return services;
    }
}
