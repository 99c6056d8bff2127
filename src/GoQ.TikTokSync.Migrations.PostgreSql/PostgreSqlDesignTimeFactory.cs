using GoQ.TikTokSync.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace GoQ.TikTokSync.Migrations.PostgreSql;

/// <summary>Lets `dotnet ef` build the PostgreSQL model and scripts with no server running.</summary>
public sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<TikTokSyncDbContext>
{
    public TikTokSyncDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<TikTokSyncDbContext>();
        options.UsePostgreSqlStore("Host=localhost;Database=goq_tiktoksync;Username=goq");
        return new TikTokSyncDbContext(options.Options);
    }
}
