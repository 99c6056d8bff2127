using Microsoft.OpenApi;

namespace GoQ.TikTokSync.Testing.OpenApiContract;

/// <summary>One HTTP operation of the embedded OAS, with its URL template split into segments for matching.</summary>
internal sealed class OasOperation
{
    private readonly string[] templateSegments;

    public OasOperation(string method, string pathTemplate, string sourceFile, OpenApiOperation operation)
    {
        Method = method;
        PathTemplate = pathTemplate;
        SourceFile = sourceFile;
        Operation = operation;
        templateSegments = SplitPath(pathTemplate);
    }

    public string Method { get; }

    public string PathTemplate { get; }

    public string SourceFile { get; }

    public OpenApiOperation Operation { get; }

    public string Display => Method + " " + PathTemplate;

    public static string[] SplitPath(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);

    public static bool IsParameterSegment(string segment) =>
        segment.Length > 2 && segment[0] == '{' && segment[^1] == '}';

    /// <summary>
    /// Whether the requested path fits this template. A template placeholder in the request (<c>{order_id}</c>)
    /// only fits a placeholder; a concrete value fits a placeholder or the identical literal.
    /// </summary>
    public bool Matches(string[] requestedSegments)
    {
        if (requestedSegments.Length != templateSegments.Length)
        {
            return false;
        }

        for (var i = 0; i < templateSegments.Length; i++)
        {
            var template = templateSegments[i];
            var requested = requestedSegments[i];
            if (IsParameterSegment(template))
            {
                continue;
            }

            if (!string.Equals(template, requested, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Orders candidate templates the way routers do: at the first differing segment, a literal beats a placeholder
    /// (so <c>/packages/search</c> wins over <c>/packages/{package_id}</c>).
    /// </summary>
    public static int CompareSpecificity(OasOperation left, OasOperation right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        var count = Math.Min(left.templateSegments.Length, right.templateSegments.Length);
        for (var i = 0; i < count; i++)
        {
            var leftIsLiteral = !IsParameterSegment(left.templateSegments[i]);
            var rightIsLiteral = !IsParameterSegment(right.templateSegments[i]);
            if (leftIsLiteral != rightIsLiteral)
            {
                return leftIsLiteral ? -1 : 1;
            }
        }

        return 0;
    }
}
