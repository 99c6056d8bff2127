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

    /// <summary>SQL Server is migrated on start only when asked; SQLite always is (it is the embedded, single-node store).</summary>
    public bool MigrateOnStartup { get; set; }
}

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

public static class MigrationsAssemblies
{
    public const string Sqlite = "GoQ.TikTokSync.Migrations.Sqlite";
    public const string SqlServer = "GoQ.TikTokSync.Migrations.SqlServer";
}
