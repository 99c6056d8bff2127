using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Core.Import;

public static class ImportSetup
{
    public static IServiceCollection AddOrderImport(this IServiceCollection services)
    {
        services.AddScoped<OrderImport>();
        services.AddScoped<FetchLease>();
        services.AddScoped<AutoFetchJob>();
        services.AddScoped<ManualFetchJob>();
        services.AddScoped<ManualFetch>();
        services.AddScoped<AutoFetchSchedule>();
        return services;
    }
}
