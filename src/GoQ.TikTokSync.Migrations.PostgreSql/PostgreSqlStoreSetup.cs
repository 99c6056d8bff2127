using GoQ.TikTokSync.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GoQ.TikTokSync.Migrations.PostgreSql;

/// <summary>How the PostgreSQL store is opened; shared by the app, the tests and <see cref="PostgreSqlDesignTimeFactory"/>.</summary>
public static class PostgreSqlStoreSetup
{
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
            .ReplaceService<IHistoryRepository, PostgreSqlMigrationLock>();
}
