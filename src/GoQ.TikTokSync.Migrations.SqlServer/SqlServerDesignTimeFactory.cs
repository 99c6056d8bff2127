using GoQ.TikTokSync.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace GoQ.TikTokSync.Migrations.SqlServer;

/// <summary>Lets `dotnet ef` build the SQL Server model and scripts with no server running.</summary>
public sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<TikTokSyncDbContext>
{
    public TikTokSyncDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<TikTokSyncDbContext>();
        options.UseSqlServerStore("Server=localhost;Database=GoQTikTokSync;Trusted_Connection=False;Encrypt=False");
        return new TikTokSyncDbContext(options.Options);
    }
}
