using GoQ.TikTokSync.TikTokShop.Http;
using GoQ.TikTokSync.TikTokShop.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace GoQ.TikTokSync.TikTokShop;

public static class TikTokShopServiceCollectionExtensions
{
    /// <summary>Name of the HttpClient behind <see cref="ITikTokShopApiClient"/>.</summary>
    public const string ApiHttpClientName = "TikTokShop.Api";

    /// <summary>Name of the HttpClient behind <see cref="ITikTokShopAuthClient"/>.</summary>
    public const string AuthHttpClientName = "TikTokShop.Auth";

    private static readonly TimeSpan AuthCallTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Binds and validates (at start) the <c>TikTokShop</c> section of <paramref name="configuration"/> and registers
    /// <see cref="ITikTokShopApiClient"/>, <see cref="ITikTokShopAuthClient"/>, <see cref="TikTokShopWebhookVerifier"/>
    /// and the per-shop <see cref="TikTokShopRateLimiter"/>. Uses the <see cref="TimeProvider"/> registered in DI, or
    /// the system clock.
    /// </summary>
    public static IServiceCollection AddTikTokShopClient(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<TikTokShopOptions>()
            .Bind(configuration.GetSection(TikTokShopOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TikTokShopRateLimiter>();
        services.TryAddSingleton<TikTokShopWebhookVerifier>();
        services.TryAddTransient<TikTokShopRateLimitHandler>();
        services.TryAddTransient<TikTokShopSigningHandler>();

        // Handler order, outermost first: rate limiter (per call), standard resilience (retries, timeouts),
        // signing (per attempt, so every retry carries a fresh timestamp and sign).
        // The resilience pipeline owns attempt and total timeouts; HttpClient's own 100 s limit would cut across them.
        var api = services.AddHttpClient<ITikTokShopApiClient, TikTokShopApiClient>(ApiHttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .AddHttpMessageHandler<TikTokShopRateLimitHandler>();
        api.AddStandardResilienceHandler()
            .Configure((resilience, provider) =>
                TikTokShopResilience.Configure(resilience, provider.GetRequiredService<IOptionsMonitor<TikTokShopOptions>>().CurrentValue));
        api.AddHttpMessageHandler<TikTokShopSigningHandler>();

        // No resilience (auth codes are single use) and no HttpClient logging (the URL holds the app secret).
        services.AddHttpClient<ITikTokShopAuthClient, TikTokShopAuthClient>(AuthHttpClientName, client => client.Timeout = AuthCallTimeout)
            .RemoveAllLoggers();

        return services;
    }
}
