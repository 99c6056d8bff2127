using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Migrations.SqlServer;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GoQ.TikTokSync.Core.Tests.Data;

public sealed class MigrationsTests
{
    [Fact]
    public async Task SqliteMigrations_ApplyToEmptyDatabase_CreateEveryTable()
    {
        await using var store = await SqliteTestStore.CreateMigratedAsync();
        await using var db = store.CreateContext();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(0, await db.Orders.CountAsync());
        Assert.Equal(0, await db.MallConnections.CountAsync());
        Assert.Equal(0, await db.ProcessingLogEntries.CountAsync());
        Assert.Equal(0, await db.Users.CountAsync());
        Assert.Equal(0, await db.DataProtectionKeys.CountAsync());
    }

    [Fact]
    public async Task SqliteMigrations_MatchTheModel()
    {
        await using var store = new SqliteTestStore();
        await using var db = store.CreateContext();

        Assert.False(db.Database.HasPendingModelChanges(), "The SQLite migrations drifted from the model: add a migration to GoQ.TikTokSync.Migrations.Sqlite.");
    }

    [Fact]
    public void SqlServerMigrations_MatchTheModel()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "The SQL Server migrations drifted from the model: add a migration to GoQ.TikTokSync.Migrations.SqlServer.");
    }

    [Fact]
    public void SqlServerMigrations_IdempotentScript_IsGeneratedWithoutAServer()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        var migrator = db.GetService<IMigrator>();

        var script = migrator.GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.Contains("CREATE TABLE [Orders]", script, StringComparison.Ordinal);
        Assert.Contains("CREATE UNIQUE INDEX [IX_Orders_MallConnectionId_TikTokOrderId]", script, StringComparison.Ordinal);
        Assert.Contains("IF NOT EXISTS", script, StringComparison.Ordinal);
        Assert.Equal(db.Database.GetMigrations(), new Migrations.Sqlite.SqliteDesignTimeFactory().CreateDbContext([]).Database.GetMigrations().Select(ToSqlServerName(db)));
    }

    /// <summary>Both sets carry the same migrations by name (their timestamps differ by seconds when generated one after the other).</summary>
    private static Func<string, string> ToSqlServerName(TikTokSyncDbContext sqlServer)
    {
        var byName = sqlServer.Database.GetMigrations().ToDictionary(m => m[15..], StringComparer.Ordinal);
        return sqliteMigration => byName.GetValueOrDefault(sqliteMigration[15..], "missing in SQL Server: " + sqliteMigration);
    }
}
