using GoQ.TikTokSync.Core.Data;

namespace GoQ.TikTokSync.Web.Infrastructure;

public static class StoreHealthChecks
{
    public const string Path = "/health";

    public static IServiceCollection AddStoreHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddDbContextCheck<TikTokSyncDbContext>("order-store");
        return services;
    }

    public static IEndpointRouteBuilder MapStoreHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(Path).AllowAnonymous();
        return endpoints;
    }
}
