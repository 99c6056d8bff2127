using System.Text.RegularExpressions;

namespace GoQ.TikTokSync.Web.Tests.Infrastructure;

/// <summary>
/// docker-compose.yml cannot be started here (no Docker engine; test.sh checks its syntax with docker-compose config), so
/// its security-relevant shape is read from the text: the app never connects as sa and is published on loopback only.
/// </summary>
public sealed partial class ComposeFileTests
{
    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "GoQ.TikTokSync.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("GoQ.TikTokSync.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The lines of one service under "services:", up to the next service or top-level key.</summary>
    private static List<string> Service(string name)
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot(), "docker-compose.yml"));
        var start = Array.FindIndex(lines, l => l == $"  {name}:");
        Assert.True(start >= 0, $"service {name} not found in docker-compose.yml");
        return lines.Skip(start + 1).TakeWhile(l => l.Length == 0 || l.StartsWith("   ", StringComparison.Ordinal) || l.TrimStart().StartsWith('#')).ToList();
    }

    /// <summary>What compose substitutes when the variable is not set: ${NAME:-default} → default.</summary>
    private static string WithDefaults(string value) => DefaultedVariable().Replace(value, m => m.Groups["default"].Value);

    private static string Setting(List<string> service, string key)
    {
        var line = service.SingleOrDefault(l => l.TrimStart().StartsWith(key + ":", StringComparison.Ordinal));
        Assert.True(line is not null, $"{key} not set for the app service");
        return line![(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim().Trim('"');
    }

    [Fact]
    public void AppService_ConnectionString_IsNotTheSystemAdministrator()
    {
        var app = Service("app");
        var connectionString = Setting(app, "ConnectionStrings__SqlServer");
        Assert.Matches(UserId(), connectionString);
        Assert.DoesNotMatch(SaUser(), connectionString);
        // Migrations need DDL, which the app's login does not have: the db-migrate service applies them as admin.
        Assert.Equal("false", Setting(app, "Database__MigrateOnStartup"));
        Assert.Contains(Service("db-migrate"), l => l.Contains("--migrate-only", StringComparison.Ordinal));
    }

    [Fact]
    public void AppService_PublishedPort_IsBoundToLoopbackByDefault()
    {
        var app = Service("app");
        var portsAt = app.FindIndex(l => l.Trim() == "ports:");
        Assert.True(portsAt >= 0, "the app service publishes no port");
        var mappings = app.Skip(portsAt + 1).TakeWhile(l => l.TrimStart().StartsWith("- ", StringComparison.Ordinal))
            .Select(l => WithDefaults(l.Trim()[2..].Trim().Trim('"'))).ToList();
        Assert.NotEmpty(mappings);
        Assert.All(mappings, m => Assert.StartsWith("127.0.0.1:", m, StringComparison.Ordinal));
    }

    [GeneratedRegex(@"\$\{[A-Z_]+:-(?<default>[^}]*)\}")]
    private static partial Regex DefaultedVariable();

    [GeneratedRegex(@"User\s*Id\s*=\s*[^;]+;", RegexOptions.IgnoreCase)]
    private static partial Regex UserId();

    [GeneratedRegex(@"(User\s*Id|UID)\s*=\s*sa\s*(;|$)", RegexOptions.IgnoreCase)]
    private static partial Regex SaUser();
}
