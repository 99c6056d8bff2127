using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Migrations.PostgreSql;
using GoQ.TikTokSync.Migrations.SqlServer;
using GoQ.TikTokSync.Migrations.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Core.Tests.Data;

/// <summary>
/// Core picks provider-specific SQL (e.g. the tally lock) by comparing Database.ProviderName with
/// <see cref="StoreProviderNames"/>; a wrong constant would silently skip that SQL, so each is checked against the
/// provider's own report. No connection is opened: the provider name comes from the options alone.
/// </summary>
public sealed class StoreProviderNamesTests
{
    [Fact]
    public void ProviderName_SqliteStore_IsStoreProviderNamesSqlite() =>
        Assert.Equal(StoreProviderNames.Sqlite, ProviderNameOf(o => o.UseSqliteStore("Data Source=unused.db")));

    [Fact]
    public void ProviderName_SqlServerStore_IsStoreProviderNamesSqlServer() =>
        Assert.Equal(StoreProviderNames.SqlServer, ProviderNameOf(o => o.UseSqlServerStore("Server=127.0.0.1;Database=unused;TrustServerCertificate=True")));

    [Fact]
    public void ProviderName_PostgreSqlStore_IsStoreProviderNamesPostgreSql() =>
        Assert.Equal(StoreProviderNames.PostgreSql, ProviderNameOf(o => o.UsePostgreSqlStore("Host=127.0.0.1;Database=unused;Username=unused")));

    private static string? ProviderNameOf(Action<DbContextOptionsBuilder> configure)
    {
        var options = new DbContextOptionsBuilder<TikTokSyncDbContext>();
        configure(options);
        using var db = new TikTokSyncDbContext(options.Options);
        return db.Database.ProviderName;
    }
}
