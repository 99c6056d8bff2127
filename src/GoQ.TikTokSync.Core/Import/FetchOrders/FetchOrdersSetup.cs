using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Core.Import.FetchOrders;

public static class FetchOrdersSetup
{
    /// <summary>データ取込: manual fetches, the import they run and the lease that keeps two fetches of a shop apart.</summary>
    public static IServiceCollection AddOrderFetching(this IServiceCollection services)
    {
        services.AddScoped<OrderImport>();
        services.AddScoped<FetchLease>();
        services.AddScoped<ManualFetch>();
        services.AddScoped<ManualFetchRequests>();
        services.AddScoped<ManualFetchJob>();
        return services;
    }
}
