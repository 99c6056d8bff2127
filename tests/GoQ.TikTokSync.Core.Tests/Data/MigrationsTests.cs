using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Migrations.PostgreSql;
using GoQ.TikTokSync.Migrations.SqlServer;
using GoQ.TikTokSync.Migrations.Sqlite;
using GoQ.TikTokSync.Testing.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GoQ.TikTokSync.Core.Tests.Data;

public sealed class MigrationsTests
{
    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Migrations_ApplyToEmptyDatabase_CreateEveryTable(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateMigratedAsync(provider);
        await using var db = store.CreateContext();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(0, await db.Orders.CountAsync());
        Assert.Equal(0, await db.MallConnections.CountAsync());
        Assert.Equal(0, await db.ProcessingLogEntries.CountAsync());
        Assert.Equal(0, await db.Users.CountAsync());
        Assert.Equal(0, await db.DataProtectionKeys.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Migrations_AppliedTwiceAtOnce_LeaveOneSchema(DatabaseProvider provider)
    {
        // Several nodes start together with Database:MigrateOnStartup: EF Core's migration lock makes one wait for the other.
        await using var store = await TestStore.CreateAsync(provider);

        await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            await using var db = store.CreateContext();
            await db.Database.MigrateAsync();
        }));

        await using var check = store.CreateContext();
        Assert.Empty(await check.Database.GetPendingMigrationsAsync());
        Assert.Equal(check.Database.GetMigrations(), await check.Database.GetAppliedMigrationsAsync());
    }

    [Fact]
    public void SqliteMigrations_MatchTheModel()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "The SQLite migrations drifted from the model: add a migration to GoQ.TikTokSync.Migrations.Sqlite.");
    }

    [Fact]
    public void PostgreSqlMigrations_MatchTheModel()
    {
        using var db = new PostgreSqlDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "The PostgreSQL migrations drifted from the model: add a migration to GoQ.TikTokSync.Migrations.PostgreSql.");
    }

    [Fact]
    public void PostgreSqlMigrations_CarryEveryMigrationAddedSinceTheProviderArrived()
    {
        // PostgreSQL's set starts with one InitialCreate of the whole model as it was then; every later migration is added
        // to all three sets under one name.
        using var postgres = new PostgreSqlDesignTimeFactory().CreateDbContext([]);
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);
        var postgresNames = postgres.Database.GetMigrations().Select(m => m[15..]).ToList();
        var sqliteNames = sqlite.Database.GetMigrations().Select(m => m[15..]).ToList();

        Assert.Equal("InitialCreate", postgresNames[0]);
        Assert.Equal(sqliteNames.Skip(sqliteNames.Count - (postgresNames.Count - 1)), postgresNames.Skip(1));
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
        Assert.Equal(db.Database.GetMigrations(), new SqliteDesignTimeFactory().CreateDbContext([]).Database.GetMigrations().Select(ToSqlServerName(db)));
    }

    /// <summary>Both sets carry the same migrations by name (their timestamps differ by seconds when generated one after the other).</summary>
    private static Func<string, string> ToSqlServerName(TikTokSyncDbContext sqlServer)
    {
        var byName = sqlServer.Database.GetMigrations().ToDictionary(m => m[15..], StringComparer.Ordinal);
        return sqliteMigration => byName.GetValueOrDefault(sqliteMigration[15..], "missing in SQL Server: " + sqliteMigration);
    }
}
