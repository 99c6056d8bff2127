using Hangfire;

namespace GoQ.TikTokSync.Web.Infrastructure;

/// <summary>
/// <c>--migrate-only</c>: apply the store's migrations and Hangfire's tables, then exit without serving. A deployment runs
/// it once with an admin login, so that the app itself can run with a login that has no DDL rights (docker-compose.yml).
/// </summary>
public static partial class MigrateOnlyMode
{
    public const string Argument = "--migrate-only";

    public static bool IsRequested(string[] args) => args.Contains(Argument, StringComparer.OrdinalIgnoreCase);

    /// <summary>The arguments for the host: without the switch, which the command-line configuration would pair with the next argument.</summary>
    public static string[] HostArguments(string[] args) => args.Where(a => !string.Equals(a, Argument, StringComparison.OrdinalIgnoreCase)).ToArray();

    public static async Task MigrateAndExitAsync(this WebApplication app)
    {
        await app.PrepareOrderStoreAsync(migrateServerStore: true);
        // Hangfire creates its tables when its storage is first built; done here so that the app's login never needs to.
        _ = app.Services.GetRequiredService<JobStorage>();
        LogDone(app.Logger);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Migrate-only mode: store and job tables are up to date; exiting")]
    private static partial void LogDone(ILogger logger);
}
