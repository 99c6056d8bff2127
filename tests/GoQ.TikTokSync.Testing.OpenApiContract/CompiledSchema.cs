using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace GoQ.TikTokSync.Testing.OpenApiContract;

/// <summary>A JSON Schema ready for evaluation, plus the JSON it was built from (used to explain enum errors).</summary>
internal sealed class CompiledSchema
{
    private static long sequence;
    private static readonly Lock BuildLock = new();
    private static readonly BuildOptions PrivateRegistry = new() { SchemaRegistry = new SchemaRegistry() };

    private readonly JsonSchema schema;
    private readonly JsonNode source;
    private readonly Lock evaluationLock = new();

    private CompiledSchema(JsonSchema schema, JsonNode source)
    {
        this.schema = schema;
        this.source = source;
    }

    public JsonNode Source => source;

    public static CompiledSchema FromJson(JsonNode json, string name)
    {
        // Every schema needs its own base URI: JsonSchema.Net refuses to register two documents under one.
        var id = Interlocked.Increment(ref sequence);
        var baseUri = new Uri($"https://contract.goq-tiktoksync.invalid/{Uri.EscapeDataString(name)}/{id.ToString(CultureInfo.InvariantCulture)}");
        lock (BuildLock)
        {
            return new CompiledSchema(JsonSchema.FromText(json.ToJsonString(), PrivateRegistry, baseUri), json);
        }
    }

    public List<string> Evaluate(JsonElement instance)
    {
        EvaluationResults results;
        lock (evaluationLock)
        {
            results = schema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
        }

        if (results.IsValid)
        {
            return [];
        }

        var failures = new List<(string Pointer, string Keyword, string Text)>();
        foreach (var node in (results.Details ?? []).Prepend(results))
        {
            if (node.IsValid || node.Errors is null || IsInsideCondition(node.EvaluationPath.ToString()))
            {
                continue;
            }

            foreach (var (keyword, message) in node.Errors)
            {
                failures.Add((node.InstanceLocation.ToString(), keyword, Describe(node, keyword, message, instance)));
            }
        }

        // A value of the wrong type also misses the enum; the type error alone says what is wrong.
        var wrongType = failures.Where(failure => string.Equals(failure.Keyword, "type", StringComparison.Ordinal))
            .Select(failure => failure.Pointer)
            .ToHashSet(StringComparer.Ordinal);
        var errors = failures
            .Where(failure => !(string.Equals(failure.Keyword, "enum", StringComparison.Ordinal) && wrongType.Contains(failure.Pointer)))
            .Select(failure => failure.Text)
            .ToList();

        if (errors.Count == 0)
        {
            errors.Add("(root): the document does not match the schema.");
        }

        return errors.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    // A failing `if` only selects the branch; its messages are not violations.
    private static bool IsInsideCondition(string evaluationPath)
    {
        var segments = evaluationPath.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            var isKeyword = i == 0 || !string.Equals(segments[i - 1], "properties", StringComparison.Ordinal);
            if (isKeyword && string.Equals(segments[i], "if", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private string Describe(EvaluationResults node, string keyword, string message, JsonElement instance)
    {
        var pointer = node.InstanceLocation.ToString();
        var where = pointer.Length == 0 ? "(root)" : pointer;
        var evaluationPath = node.EvaluationPath.ToString();
        if (evaluationPath.EndsWith("/additionalProperties", StringComparison.Ordinal))
        {
            var property = Unescape(pointer[(pointer.LastIndexOf('/') + 1)..]);
            return $"{where}: property \"{property}\" is not declared in the OAS schema (unknown property).";
        }

        if (string.Equals(keyword, "required", StringComparison.Ordinal))
        {
            return $"{where}: {message} (keyword 'required').";
        }

        var actual = ValueAt(instance, pointer);
        if (string.Equals(keyword, "enum", StringComparison.Ordinal))
        {
            var allowed = SchemaForInstance(pointer)?["enum"]?.ToJsonString() ?? "the listed values";
            return $"{where}: value {actual} is not one of {allowed} (enum).";
        }

        return $"{where}: {message} (keyword '{keyword}', value {actual}).";
    }

    private static string ValueAt(JsonElement instance, string pointer)
    {
        var current = instance;
        foreach (var token in Tokens(pointer))
        {
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(token, out var child))
            {
                current = child;
            }
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                && index < current.GetArrayLength())
            {
                current = current[index];
            }
            else
            {
                return "(absent)";
            }
        }

        var raw = current.GetRawText();
        return raw.Length > 80 ? raw[..77] + "..." : raw;
    }

    // Follows the instance pointer through properties/items of the generated schema (evaluation paths reported by
    // JsonSchema.Net 8 for array items do not resolve back into the schema document, so they are not used here).
    private JsonObject? SchemaForInstance(string pointer)
    {
        var current = source as JsonObject;
        foreach (var token in Tokens(pointer))
        {
            if (current is null)
            {
                return null;
            }

            current = current["properties"] is JsonObject properties && properties[token] is JsonObject property
                ? property
                : current["items"] as JsonObject;
        }

        return current;
    }

    private static IEnumerable<string> Tokens(string pointer) =>
        pointer.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Unescape);

    private static string Unescape(string token) =>
        token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
}
