using GoQ.TikTokSync.Core.Data;

namespace GoQ.TikTokSync.Core.Tests.Architecture;

/// <summary>
/// Core holds the model and the operator features for every store; each provider's set-up lives with that provider's
/// migrations (GoQ.TikTokSync.Migrations.*), so Core must compile without any provider or ADO.NET driver.
/// </summary>
public sealed class CoreDependencyTests
{
    private static readonly string[] ForbiddenExactly =
    [
        "Microsoft.EntityFrameworkCore.Sqlite",
        "Microsoft.EntityFrameworkCore.SqlServer",
        "Microsoft.Data.Sqlite",
        "Microsoft.Data.SqlClient",
    ];

    [Fact]
    public void CoreAssembly_ReferencedAssemblies_IncludeNoStoreProviderOrDriver()
    {
        var referenced = typeof(TikTokSyncDbContext).Assembly.GetReferencedAssemblies().Select(a => a.Name ?? string.Empty);

        var providerReferences = referenced
            .Where(name => ForbiddenExactly.Contains(name, StringComparer.OrdinalIgnoreCase)
                || name.StartsWith("Npgsql", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Empty(providerReferences);
    }
}
