using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Core.Data;

/// <summary>How the store is opened for each provider; shared by the app and the design-time factories.</summary>
public static class StoreProviderSetup
{
    public static string SqliteConnectionString(string filePath) => new SqliteConnectionStringBuilder
    {
        DataSource = filePath,
        Mode = SqliteOpenMode.ReadWriteCreate,
        // Private: in a shared cache SQLite locks whole tables and a reader meets a writer with "database table is locked"
        // at once (no busy timeout), which is what WAL is there to avoid.
        Cache = SqliteCacheMode.Private,
        DefaultTimeout = 30,
        Pooling = true,
    }.ToString();

    public static DbContextOptionsBuilder UseSqliteStore(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(MigrationsAssemblies.Sqlite))
            .AddInterceptors(SqliteWalInterceptor.Instance);

    public static DbContextOptionsBuilder UseSqlServerStore(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlServer(connectionString, sql =>
        {
            sql.MigrationsAssembly(MigrationsAssemblies.SqlServer);
            sql.EnableRetryOnFailure();
        });

    /// <summary>
    /// PostgreSQL for several nodes without SQL Server. Retrying also covers serialization failures (40001), which the
    /// SERIALIZABLE user-administration transactions meet under concurrency there.
    /// </summary>
    public static DbContextOptionsBuilder UsePostgreSqlStore(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql =>
            {
                npgsql.MigrationsAssembly(MigrationsAssemblies.PostgreSql);
                npgsql.EnableRetryOnFailure();
            })
            .ReplaceService<Microsoft.EntityFrameworkCore.Migrations.IHistoryRepository, PostgreSqlMigrationLock>();
}
