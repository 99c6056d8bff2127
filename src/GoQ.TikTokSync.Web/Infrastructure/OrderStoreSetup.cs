using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Migrations.PostgreSql;
using GoQ.TikTokSync.Migrations.SqlServer;
using GoQ.TikTokSync.Migrations.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GoQ.TikTokSync.Web.Infrastructure;

public static partial class OrderStoreSetup
{
    public static IServiceCollection AddOrderStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>()
            .Bind(configuration.GetSection(DatabaseOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(
                o => o.Provider != DatabaseProvider.SqlServer || !string.IsNullOrWhiteSpace(SqlServerConnectionString(o, configuration)),
                "Database:Provider is SqlServer but neither Database:SqlServerConnectionString nor ConnectionStrings:SqlServer is set.")
            .Validate(
                o => o.Provider != DatabaseProvider.PostgreSql || !string.IsNullOrWhiteSpace(PostgreSqlConnectionString(o, configuration)),
                "Database:Provider is PostgreSql but neither Database:PostgreSqlConnectionString nor ConnectionStrings:PostgreSql is set.")
            .ValidateOnStart();

        services.AddSingleton(TimeProvider.System);

        // The one switch over Database:Provider. Each Use*Store comes from that provider's migrations project, so Core
        // stays free of provider packages and only this composition root knows all three.
        services.AddDbContext<TikTokSyncDbContext>((provider, options) =>
        {
            var database = provider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            switch (database.Provider)
            {
                case DatabaseProvider.SqlServer:
                    options.UseSqlServerStore(SqlServerConnectionString(database, configuration)!);
                    break;
                case DatabaseProvider.PostgreSql:
                    options.UsePostgreSqlStore(PostgreSqlConnectionString(database, configuration)!);
                    break;
                default:
                    var file = provider.GetRequiredService<AppDataFolder>().Resolve(database.SqliteFile);
                    options.UseSqliteStore(SqliteStoreSetup.SqliteConnectionString(file));
                    break;
            }
        });

        // The tab counts' tallies are the store's own bookkeeping: folded every few minutes, repaired daily (RecurringJobs).

        // Keys in the store: every node of one installation can read the cookies and the tokens the others protected.
        services.AddProtectedKeyRing(configuration);

        return services;
    }

    public static string? SqlServerConnectionString(DatabaseOptions options, IConfiguration configuration) =>
        string.IsNullOrWhiteSpace(options.SqlServerConnectionString)
            ? configuration.GetConnectionString("SqlServer")
            : options.SqlServerConnectionString;

    public static string? PostgreSqlConnectionString(DatabaseOptions options, IConfiguration configuration) =>
        string.IsNullOrWhiteSpace(options.PostgreSqlConnectionString)
            ? configuration.GetConnectionString("PostgreSql")
            : options.PostgreSqlConnectionString;

    /// <summary>
    /// SQLite is always migrated (embedded, single node); a server store only when Database:MigrateOnStartup is true.
    /// Several nodes may start at once: EF Core 9+ takes a database-wide migration lock, so only one applies each migration.
    /// <paramref name="migrateServerStore"/> migrates a server store regardless of the setting (--migrate-only).
    /// </summary>
    public static async Task PrepareOrderStoreAsync(this WebApplication app, bool migrateServerStore = false)
    {
        var database = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        if (database.Provider != DatabaseProvider.Sqlite && !database.MigrateOnStartup && !migrateServerStore)
        {
            LogMigrationSkipped(app.Logger, database.Provider);
            return;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TikTokSyncDbContext>();
        await db.Database.MigrateAsync();
        LogMigrated(app.Logger, database.Provider);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Order store migrated ({Provider})")]
    private static partial void LogMigrated(ILogger logger, DatabaseProvider provider);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Provider} store not migrated on start (Database:MigrateOnStartup is false)")]
    private static partial void LogMigrationSkipped(ILogger logger, DatabaseProvider provider);
}
