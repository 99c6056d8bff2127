using GoQ.TikTokSync.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Core.Tests.Data;

/// <summary>A real SQLite file in a temp folder, migrated with the SQLite migrations set.</summary>
public sealed class SqliteTestStore : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "goq-core-tests-" + Guid.NewGuid().ToString("N"));

    public SqliteTestStore()
    {
        Directory.CreateDirectory(_folder);
        ConnectionString = StoreProviderSetup.SqliteConnectionString(Path.Combine(_folder, "store.db"));
    }

    public string ConnectionString { get; }

    public TikTokSyncDbContext CreateContext()
    {
        var options = new DbContextOptionsBuilder<TikTokSyncDbContext>();
        options.UseSqliteStore(ConnectionString);
        return new TikTokSyncDbContext(options.Options);
    }

    public static async Task<SqliteTestStore> CreateMigratedAsync()
    {
        var store = new SqliteTestStore();
        await using var db = store.CreateContext();
        await db.Database.MigrateAsync();
        return store;
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}
