using GoQ.TikTokSync.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Migrations.Sqlite;

/// <summary>How the SQLite store is opened; shared by the app, the tests and <see cref="SqliteDesignTimeFactory"/>.</summary>
public static class SqliteStoreSetup
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
}
