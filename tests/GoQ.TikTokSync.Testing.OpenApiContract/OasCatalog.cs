using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace GoQ.TikTokSync.Testing.OpenApiContract;

/// <summary>The operations of every embedded OAS module file, read with Microsoft.OpenApi.</summary>
internal sealed class OasCatalog
{
    private readonly List<OasOperation> operations;

    private OasCatalog(List<OasOperation> operations)
    {
        this.operations = operations;
    }

    public IReadOnlyList<OasOperation> Operations => operations;

    public static OasCatalog LoadEmbedded()
    {
        var operations = new List<OasOperation>();
        foreach (var file in EmbeddedFiles.OasModuleFiles())
        {
            var result = OpenApiDocument.Parse(EmbeddedFiles.ReadText(file), OpenApiConstants.Json, new OpenApiReaderSettings());
            var problems = result.Diagnostic?.Errors ?? [];
            if (result.Document is null || problems.Count > 0)
            {
                throw new InvalidOperationException(
                    $"Microsoft.OpenApi could not read {file}: " + string.Join("; ", problems.Select(error => error.ToString())));
            }

            foreach (var (pathTemplate, pathItem) in result.Document.Paths)
            {
                foreach (var (method, operation) in pathItem.Operations ?? [])
                {
                    operations.Add(new OasOperation(method.Method.ToUpperInvariant(), pathTemplate, file, operation));
                }
            }
        }

        if (operations.Count == 0)
        {
            throw new InvalidOperationException("No OAS operations are embedded in this assembly.");
        }

        return new OasCatalog(operations);
    }

    /// <summary>
    /// Finds the operation for a method and a concrete or template path. Absolute URLs, query strings and fragments
    /// are tolerated and ignored. Returns null when the most specific matching path has no such method.
    /// </summary>
    public OasOperation? Find(string method, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var segments = OasOperation.SplitPath(NormalizePath(path));
        var candidates = operations.Where(operation => operation.Matches(segments)).ToList();
        if (candidates.Count == 0)
        {
            return null;
        }

        candidates.Sort(OasOperation.CompareSpecificity);
        var bestTemplate = candidates[0].PathTemplate;
        return candidates.FirstOrDefault(operation =>
            string.Equals(operation.PathTemplate, bestTemplate, StringComparison.Ordinal)
            && string.Equals(operation.Method, method.Trim(), StringComparison.OrdinalIgnoreCase));
    }

    public OasOperation Get(string method, string path) =>
        Find(method, path)
        ?? throw new ArgumentException(
            $"The embedded TikTok Shop OAS has no operation {method.ToUpperInvariant()} {path}.", nameof(path));

    internal static string NormalizePath(string path)
    {
        var trimmed = path.Trim();
        if (trimmed.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            || trimmed.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            trimmed = new Uri(trimmed, UriKind.Absolute).AbsolutePath;
        }

        var cut = trimmed.IndexOfAny(['?', '#']);
        return cut >= 0 ? trimmed[..cut] : trimmed;
    }
}
