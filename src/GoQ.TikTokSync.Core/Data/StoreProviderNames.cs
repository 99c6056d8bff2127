namespace GoQ.TikTokSync.Core.Data;

/// <summary>
/// The values EF Core reports as <c>Database.ProviderName</c> (each provider's assembly name), for the few places that
/// send provider-specific SQL. Core keeps these strings rather than calling IsNpgsql()/IsSqlServer(), because those
/// extensions live in the provider packages, which Core must not reference (each provider's set-up sits with its
/// migrations); a test in Core.Tests opens each provider and checks these against what it reports.
/// </summary>
public static class StoreProviderNames
{
    public const string Sqlite = "Microsoft.EntityFrameworkCore.Sqlite";
    public const string SqlServer = "Microsoft.EntityFrameworkCore.SqlServer";
    public const string PostgreSql = "Npgsql.EntityFrameworkCore.PostgreSQL";
}
