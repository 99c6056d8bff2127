using GoQ.TikTokSync.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace GoQ.TikTokSync.Migrations.Sqlite;

/// <summary>Lets `dotnet ef` build the SQLite model without starting the web app.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<TikTokSyncDbContext>
{
    public TikTokSyncDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<TikTokSyncDbContext>();
        options.UseSqliteStore(SqliteStoreSetup.SqliteConnectionString("design-time.db"));
        return new TikTokSyncDbContext(options.Options);
    }
}
