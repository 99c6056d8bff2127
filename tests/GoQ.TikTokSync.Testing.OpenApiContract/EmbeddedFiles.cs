using System.Reflection;

namespace GoQ.TikTokSync.Testing.OpenApiContract;

/// <summary>Access to the files compiled into this assembly (the project must not read anything outside itself).</summary>
internal static class EmbeddedFiles
{
    private static readonly Assembly Self = typeof(EmbeddedFiles).Assembly;
    private static readonly string Prefix = Self.GetName().Name + ".";

    /// <summary>Logical names (e.g. <c>oas.paths.order.json</c>) of the embedded OAS module files.</summary>
    public static IReadOnlyList<string> OasModuleFiles() =>
        Self.GetManifestResourceNames()
            .Where(name => name.StartsWith(Prefix + "oas.paths.", StringComparison.Ordinal)
                && name.EndsWith(".json", StringComparison.Ordinal))
            .Select(name => name[Prefix.Length..])
            .Order(StringComparer.Ordinal)
            .ToList();

    public static string ReadText(string logicalName)
    {
        using var stream = Open(logicalName);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static Stream Open(string logicalName) =>
        Self.GetManifestResourceStream(Prefix + logicalName)
        ?? throw new InvalidOperationException($"Embedded resource '{logicalName}' is missing from {Self.GetName().Name}.");
}
