using System.Globalization;
using Npgsql;

namespace GoQ.TikTokSync.Testing.Stores;

/// <summary>
/// A database of its own on the test PostgreSQL server, created empty and dropped (with its connections) on dispose,
/// so test classes never see each other's rows and a crashed test leaves nothing that blocks the next run.
/// </summary>
public sealed class PostgreSqlTestDatabase : IAsyncDisposable
{
    /// <summary>Names another server (an Npgsql connection string without Database) instead of the local test role.</summary>
    public const string ServerVariable = "GOQ_TEST_POSTGRES";

    /// <summary>The role scripts/install-test-prerequisites.sh creates on Debian's PostgreSQL.</summary>
    public const string DefaultServer = "Host=127.0.0.1;Port=5432;Username=goq_test;Password=goq_test;Timeout=10";

    private PostgreSqlTestDatabase(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static string Server => Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } server ? server : DefaultServer;

    public static async Task<PostgreSqlTestDatabase> CreateAsync()
    {
        var name = "goq_test_" + Guid.NewGuid().ToString("N")[..16];
        await using (var admin = new NpgsqlConnection(AdminConnectionString()))
        {
            try
            {
                await admin.OpenAsync();
            }
            catch (NpgsqlException ex)
            {
                throw new InvalidOperationException(
                    $"PostgreSQL for tests is not reachable ({ex.Message}). Run scripts/install-test-prerequisites.sh (./test.sh does) or set {ServerVariable}.", ex);
            }

            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(Server) { Database = name };
        return new PostgreSqlTestDatabase(name, builder.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        await using (var own = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(own);
        }

        await using var admin = new NpgsqlConnection(AdminConnectionString());
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand(string.Create(CultureInfo.InvariantCulture, $"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)"), admin);
        await drop.ExecuteNonQueryAsync();
    }

    private static string AdminConnectionString() => new NpgsqlConnectionStringBuilder(Server) { Database = "postgres", Pooling = false }.ConnectionString;
}
