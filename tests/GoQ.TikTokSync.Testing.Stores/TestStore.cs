using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Migrations.PostgreSql;
using GoQ.TikTokSync.Migrations.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Testing.Stores;

/// <summary>
/// A real, empty order store of the given provider: a SQLite file in a temp folder or a throwaway PostgreSQL database.
/// Store-level rules that must hold on every server (unique indexes, conditional updates, append-only history) are
/// theories over <see cref="Providers"/>, not copies per provider.
/// </summary>
public sealed class TestStore : IAsyncDisposable
{
    private readonly string? _folder;
    private readonly PostgreSqlTestDatabase? _postgres;

    private TestStore(DatabaseProvider provider, string connectionString, string? folder, PostgreSqlTestDatabase? postgres)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _folder = folder;
        _postgres = postgres;
    }

    /// <summary>
    /// For <c>[MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]</c>: the providers a test can run
    /// against on this machine (SQL Server would need a server the suite does not start; its model is checked offline).
    /// </summary>
    public static IEnumerable<object[]> Providers => [[DatabaseProvider.Sqlite], [DatabaseProvider.PostgreSql]];

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public static async Task<TestStore> CreateAsync(DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                var folder = Path.Combine(Path.GetTempPath(), "goq-tests-" + Guid.NewGuid().ToString("N"));
                Directory.CreateDirectory(folder);
                return new TestStore(provider, SqliteStoreSetup.SqliteConnectionString(Path.Combine(folder, "store.db")), folder, null);
            case DatabaseProvider.PostgreSql:
                var database = await PostgreSqlTestDatabase.CreateAsync();
                return new TestStore(provider, database.ConnectionString, null, database);
            default:
                throw new NotSupportedException($"No test server for {provider}.");
        }
    }

    public static async Task<TestStore> CreateMigratedAsync(DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        var store = await CreateAsync(provider);
        await using var db = store.CreateContext();
        await db.Database.MigrateAsync();
        return store;
    }

    public TikTokSyncDbContext CreateContext()
    {
        var options = new DbContextOptionsBuilder<TikTokSyncDbContext>();
        Configure(options);
        return new TikTokSyncDbContext(options.Options);
    }

    public void Configure(DbContextOptionsBuilder options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (Provider == DatabaseProvider.PostgreSql)
        {
            options.UsePostgreSqlStore(ConnectionString);
        }
        else
        {
            options.UseSqliteStore(ConnectionString);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        if (_folder is not null)
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
        }
    }
}
