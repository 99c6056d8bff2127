using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Core.Shipping.ImportTrackingCsv;

public static class TrackingCsvImportSetup
{
    /// <summary>伝票番号取込: a carrier's result CSV, previewed and then applied.</summary>
    public static IServiceCollection AddTrackingCsvImport(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TrackingCsvUploadOptions>()
            .Bind(configuration.GetSection(TrackingCsvUploadOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddScoped<TrackingCsvImport>();
        services.AddScoped<TrackingCsvUploads>();
        services.AddScoped<TrackingImportFlow>();
        return services;
    }
}
