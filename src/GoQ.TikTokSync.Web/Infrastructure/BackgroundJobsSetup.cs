using System.ComponentModel.DataAnnotations;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Users;
using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Hangfire.Storage.SQLite;
using Microsoft.Extensions.Options;

namespace GoQ.TikTokSync.Web.Infrastructure;

public sealed class BackgroundJobsOptions
{
    public const string SectionName = "BackgroundJobs";

    /// <summary>Off for nodes that only serve pages; at least one node must process jobs.</summary>
    public bool ServerEnabled { get; set; } = true;

    [Range(1, 64)]
    public int WorkerCount { get; set; } = 4;

    /// <summary>
    /// How often a server looks for due scheduled and recurring jobs (Hangfire's default is 15 s). Shorter here: jobs that
    /// find their connection busy step back with a short delay instead of holding a worker, and this poll adds to it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often idle workers look for queued jobs (SQLite and PostgreSQL job stores): what stands between a webhook and its order re-read.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long a stopping node (SIGTERM) lets running jobs finish before it cancels them and hands them back.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Hangfire's SQLite file (embedded mode only; the server stores keep jobs in the order store's database).</summary>
    [Required]
    public string SqliteFile { get; set; } = "goq-tiktoksync-jobs.db";

    public const string DashboardPath = "/hangfire";
}

/// <summary>
/// Hangfire storage follows the store: SQL Server or PostgreSQL storage in the store's database (several nodes possible),
/// SQLite storage in embedded mode (one node per file: docs/decisions/0003).
/// </summary>
public static class BackgroundJobsSetup
{
    public static IServiceCollection AddBackgroundJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BackgroundJobsOptions>()
            .Bind(configuration.GetSection(BackgroundJobsOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddHangfire((provider, config) =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();

            var database = provider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            if (database.Provider == DatabaseProvider.SqlServer)
            {
                config.UseSqlServerStorage(OrderStoreSetup.SqlServerConnectionString(database, configuration));
            }
            else if (database.Provider == DatabaseProvider.PostgreSql)
            {
                // Jobs live in the order store's database (own schema "hangfire"); the storage creates its tables on first use.
                var connectionString = OrderStoreSetup.PostgreSqlConnectionString(database, configuration);
                config.UsePostgreSqlStorage(
                    storage => storage.UseNpgsqlConnection(connectionString),
                    new PostgreSqlStorageOptions
                    {
                        // Not EnableLongPolling (LISTEN/NOTIFY): with it, nodes started after jobs were queued did not
                        // pick them up (the cluster crash tests' takeover stalled), so idle workers poll instead.
                        QueuePollInterval = provider.GetRequiredService<IOptions<BackgroundJobsOptions>>().Value.QueuePollInterval,
                        PrepareSchemaIfNecessary = true,
                    });
            }
            else
            {
                var jobs = provider.GetRequiredService<IOptions<BackgroundJobsOptions>>().Value;
                var file = provider.GetRequiredService<AppDataFolder>().Resolve(jobs.SqliteFile);
                // The default poll is ~15 s; a manual fetch should start within a second of the click.
                config.UseSQLiteStorage(file, new SQLiteStorageOptions { QueuePollInterval = jobs.QueuePollInterval });
            }
        });

        var jobsOptions = configuration.GetSection(BackgroundJobsOptions.SectionName).Get<BackgroundJobsOptions>() ?? new();
        if (jobsOptions.ServerEnabled)
        {
            services.AddHangfireServer((provider, server) =>
            {
                var options = provider.GetRequiredService<IOptions<BackgroundJobsOptions>>().Value;
                server.WorkerCount = options.WorkerCount;
                server.SchedulePollingInterval = options.SchedulePollingInterval;
                server.ShutdownTimeout = options.ShutdownTimeout;
            });
        }

        return services;
    }

    public static IEndpointRouteBuilder MapBackgroundJobsDashboard(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHangfireDashboard(BackgroundJobsOptions.DashboardPath, new DashboardOptions
        {
            Authorization = [new AdminOnlyDashboardFilter()],
            DashboardTitle = "GoQ.TikTokSync ジョブ",
            AppPath = "/",
        }).RequireAuthorization(OperatorSignInSetup.AdminPolicy);
        return endpoints;
    }

    private sealed class AdminOnlyDashboardFilter : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(AppRoles.Admin);
    }
}
