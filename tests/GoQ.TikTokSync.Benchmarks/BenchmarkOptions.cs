using System.Globalization;
using System.Text.Json;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Testing.Stores;

namespace GoQ.TikTokSync.Benchmarks;

/// <summary>
/// The options every store-touching scenario shares: <c>--store Sqlite|PostgreSql</c>, <c>--connection &lt;cs&gt;</c> (a
/// PostgreSQL server without a database; the scenario creates and drops its own) and <c>--json &lt;file&gt;</c>.
/// </summary>
internal sealed record BenchmarkOptions(DatabaseProvider Store, string? JsonPath)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static BenchmarkOptions Parse(string[] arguments)
    {
        var store = Value(arguments, "--store") is { } name
            ? Enum.Parse<DatabaseProvider>(name, ignoreCase: true)
            : DatabaseProvider.Sqlite;
        if (store is not (DatabaseProvider.Sqlite or DatabaseProvider.PostgreSql))
        {
            throw new ArgumentException($"--store {store} is not measured here: use Sqlite or PostgreSql.");
        }

        if (Value(arguments, "--connection") is { } server)
        {
            // PostgreSqlTestDatabase creates its throwaway database on this server.
            Environment.SetEnvironmentVariable(PostgreSqlTestDatabase.ServerVariable, server);
        }

        return new BenchmarkOptions(store, Value(arguments, "--json"));
    }

    private static string? Value(string[] arguments, string name)
    {
        var index = Array.IndexOf(arguments, name);
        return index >= 0 && index + 1 < arguments.Length ? arguments[index + 1] : null;
    }

    /// <summary>
    /// Writes the figures with stable keys (see the README's benchmark section) plus <c>store</c>, for checks that read
    /// them without parsing the Markdown table.
    /// </summary>
    public async Task WriteJsonAsync(IReadOnlyDictionary<string, double> figures)
    {
        if (JsonPath is null)
        {
            return;
        }

        var document = new SortedDictionary<string, object>(StringComparer.Ordinal) { ["store"] = Store.ToString() };
        foreach (var (key, value) in figures)
        {
            document[key] = Math.Round(value, 3);
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(JsonPath));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        await File.WriteAllTextAsync(JsonPath, JsonSerializer.Serialize(document, Indented));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"figures written to {JsonPath}"));
    }
}
