using System.ComponentModel.DataAnnotations;

namespace GoQ.TikTokSync.Core.Data;

public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>SQLite file path; relative paths are under the app's data folder.</summary>
    [Required]
    public string SqliteFile { get; set; } = "goq-tiktoksync.db";

    /// <summary>SQL Server connection string (ConnectionStrings:SqlServer is used when this is empty).</summary>
    public string? SqlServerConnectionString { get; set; }

    /// <summary>PostgreSQL connection string (ConnectionStrings:PostgreSql is used when this is empty).</summary>
    public string? PostgreSqlConnectionString { get; set; }

    /// <summary>Server stores are migrated on start only when asked; SQLite always is (it is the embedded, single-node store).</summary>
    public bool MigrateOnStartup { get; set; }
}

public enum DatabaseProvider
{
    /// <summary>Embedded, one node; the default.</summary>
    Sqlite,

    /// <summary>The production store of docker-compose.yml; several nodes.</summary>
    SqlServer,

    /// <summary>A server store for several nodes without SQL Server; the one the test suite runs against.</summary>
    PostgreSql,
}

public static class MigrationsAssemblies
{
    public const string Sqlite = "GoQ.TikTokSync.Migrations.Sqlite";
    public const string SqlServer = "GoQ.TikTokSync.Migrations.SqlServer";
    public const string PostgreSql = "GoQ.TikTokSync.Migrations.PostgreSql";
}
