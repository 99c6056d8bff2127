using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Core.Import;

public static class ImportSetup
{
    public static IServiceCollection AddOrderImport(this IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        services.AddOptions<ProcessingLog.ProcessingLogOptions>()
            .Bind(configuration.GetSection(ProcessingLog.ProcessingLogOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<Jobs.JobOptions>()
            .Bind(configuration.GetSection(Jobs.JobOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.KeepAliveInterval * 2 <= o.LeaseDuration, "Jobs:KeepAliveInterval must be at most half of Jobs:LeaseDuration.")
            .Validate(o => o.KeepAliveInterval * 2 <= o.HeartbeatTimeout, "Jobs:KeepAliveInterval must be at most half of Jobs:HeartbeatTimeout.")
            .ValidateOnStart();
        services.AddOptions<Export.ShippingPushOptions>()
            .Bind(configuration.GetSection(Export.ShippingPushOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<Webhooks.WebhookOptions>()
            .Bind(configuration.GetSection(Webhooks.WebhookOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<OperationHistory.OperationHistoryOptions>()
            .Bind(configuration.GetSection(OperationHistory.OperationHistoryOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddScoped<OperationHistory.RetentionPolicy>();
        services.AddScoped<OperationHistory.OperationHistoryRecorder>();
        services.AddScoped<OperationHistory.OperationHistoryPurgeJob>();
        services.AddScoped<ProcessingLog.ProcessingLogPurgeJob>();
        services.AddScoped<Webhooks.WebhookIntake>();
        services.AddScoped<Webhooks.WebhookNotificationPurgeJob>();
        services.AddScoped<Webhooks.WebhookOrderSyncJob>();
        services.AddScoped<OrderImport>();
        services.AddSingleton<Jobs.RunGuard>();
        services.AddScoped<Jobs.RunJanitor>();
        services.AddScoped<Jobs.RunJanitorJob>();
        services.AddScoped<FetchLease>();
        services.AddScoped<AutoFetchJob>();
        services.AddScoped<ManualFetchJob>();
        services.AddScoped<ManualFetch>();
        services.AddScoped<AutoFetchSchedule>();
        services.AddScoped<Orders.ShippingEntry>();
        services.AddScoped<TrackingCsvImport>();
        services.AddOptions<TrackingCsvUploadOptions>()
            .Bind(configuration.GetSection(TrackingCsvUploadOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddScoped<TrackingCsvUploads>();
        services.AddScoped<Export.PackagePusher>();
        services.AddScoped<Export.ShippingPushRun>();
        services.AddScoped<Export.ShippingPushJob>();
        services.AddScoped<Export.ShippingExport>();
        return services;
    }
}
