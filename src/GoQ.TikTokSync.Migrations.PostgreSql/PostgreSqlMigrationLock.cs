using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql.EntityFrameworkCore.PostgreSQL.Migrations.Internal;

namespace GoQ.TikTokSync.Migrations.PostgreSql;

#pragma warning disable EF1001 // NpgsqlHistoryRepository is provider-internal; only its lock is replaced, the rest is kept as is.

/// <summary>
/// The migration lock for PostgreSQL, held for the whole migration run. The provider's own lock (LOCK TABLE on the history
/// table) ends with each migration's transaction and is taken again for the next migration without the applied list
/// being read again, so two nodes migrating at once with two or more migrations pending both apply the later ones
/// ("column already exists"). A session-level advisory lock, taken before the applied migrations are read and released
/// after the last one, serialises whole runs instead, as sp_getapplock does on SQL Server.
/// </summary>
internal sealed class PostgreSqlMigrationLock(HistoryRepositoryDependencies dependencies) : NpgsqlHistoryRepository(dependencies)
{
    /// <summary>The advisory lock key: any fixed number of this application's own ("GoQTkSyn" as ASCII); locks are per database.</summary>
    private const string Lock = "SELECT pg_advisory_lock(5147422322127501678)";

    private const string Unlock = "SELECT pg_advisory_unlock(5147422322127501678)";

    public override LockReleaseBehavior LockReleaseBehavior => LockReleaseBehavior.Connection;

    public override IMigrationsDatabaseLock AcquireDatabaseLock()
    {
        Dependencies.MigrationsLogger.AcquiringMigrationLock();
        Command(Lock).ExecuteNonQuery(Parameters());
        return new Held(this);
    }

    public override async Task<IMigrationsDatabaseLock> AcquireDatabaseLockAsync(CancellationToken cancellationToken = default)
    {
        Dependencies.MigrationsLogger.AcquiringMigrationLock();
        await Command(Lock).ExecuteNonQueryAsync(Parameters(), cancellationToken).ConfigureAwait(false);
        return new Held(this);
    }

    private IRelationalCommand Command(string sql) => Dependencies.RawSqlCommandBuilder.Build(sql);

    private RelationalCommandParameterObject Parameters() =>
        new(Dependencies.Connection, null, null, Dependencies.CurrentContext.Context, Dependencies.CommandLogger, CommandSource.Migrations);

    private sealed class Held(PostgreSqlMigrationLock repository) : IMigrationsDatabaseLock
    {
        public IHistoryRepository HistoryRepository => repository;

        // Should the unlock fail, Npgsql's reset of a pooled connection (DISCARD ALL) releases the lock all the same.
        public void Dispose() => repository.Command(Unlock).ExecuteNonQuery(repository.Parameters());

        public async ValueTask DisposeAsync() =>
            await repository.Command(Unlock).ExecuteNonQueryAsync(repository.Parameters()).ConfigureAwait(false);
    }
}
#pragma warning restore EF1001
