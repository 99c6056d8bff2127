using GoQ.TikTokSync.Core.Webhooks.Receive;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Core.Setup;

public static class WebhooksSetup
{
    /// <summary>TikTok's webhooks (the web app maps the endpoint).</summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration) =>
        services.AddWebhookReceiving(configuration);
}
