using GoQ.TikTokSync.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Migrations.SqlServer;

/// <summary>How the SQL Server store is opened; shared by the app, the tests and <see cref="SqlServerDesignTimeFactory"/>.</summary>
public static class SqlServerStoreSetup
{
    public static DbContextOptionsBuilder UseSqlServerStore(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlServer(connectionString, sql =>
        {
            sql.MigrationsAssembly(MigrationsAssemblies.SqlServer);
            sql.EnableRetryOnFailure();
        });
}
