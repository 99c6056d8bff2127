using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GoQ.TikTokSync.Migrations.Sqlite;

/// <summary>
/// WAL lets the order list read while an import writes; busy_timeout makes a second writer wait instead of failing.
/// journal_mode=WAL persists in the file, but is cheap to repeat on every connection open.
/// </summary>
internal sealed class SqliteWalInterceptor : DbConnectionInterceptor
{
    public static readonly SqliteWalInterceptor Instance = new();

    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
