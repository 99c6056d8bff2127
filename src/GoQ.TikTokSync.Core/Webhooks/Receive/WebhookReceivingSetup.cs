using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Core.Webhooks.Receive;

public static class WebhookReceivingSetup
{
    /// <summary>TikTok's webhooks: checked and stored on arrival, then turned into order syncs.</summary>
    public static IServiceCollection AddWebhookReceiving(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhookOptions>()
            .Bind(configuration.GetSection(WebhookOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddScoped<WebhookIntake>();
        services.AddScoped<WebhookOrderSyncJob>();
        return services;
    }
}
