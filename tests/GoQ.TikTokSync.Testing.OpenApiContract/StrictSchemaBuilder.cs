using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace GoQ.TikTokSync.Testing.OpenApiContract;

/// <summary>
/// Turns one OAS 3.0 schema into a strict JSON Schema (2020-12) document. The schema is first written by
/// Microsoft.OpenApi as OpenAPI 3.1, which is JSON Schema, and then tightened:
/// <list type="bullet">
/// <item>every object that declares <c>properties</c> gets <c>additionalProperties: false</c> (no invented fields);</item>
/// <item>value sets written in the description prose become <c>enum</c> (<see cref="DescribedEnumValues"/>),
/// adjusted by <see cref="KnownOasQuirks"/>;</item>
/// <item><c>format: int32/int64</c> become numeric ranges, so an id or epoch that overflows is caught;</item>
/// <item>required fields from <see cref="KnownOasOmissions"/> are added;</item>
/// <item>annotations (<c>description</c>, <c>example</c>) are dropped.</item>
/// </list>
/// </summary>
internal sealed class StrictSchemaBuilder
{
    private readonly OasOperation operation;
    private readonly ContractDirection direction;
    private readonly ConcurrentDictionary<string, bool> appliedRules;
    private readonly bool requireExampleFields;

    private StrictSchemaBuilder(
        OasOperation operation,
        ContractDirection direction,
        ConcurrentDictionary<string, bool> appliedRules,
        bool requireExampleFields = false)
    {
        this.operation = operation;
        this.direction = direction;
        this.appliedRules = appliedRules;
        this.requireExampleFields = requireExampleFields;
    }

    public static JsonObject Build(
        IOpenApiSchema schema,
        OasOperation operation,
        ContractDirection direction,
        ConcurrentDictionary<string, bool> appliedRules,
        bool requireExampleFields = false)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        schema.SerializeAsV31(new OpenApiJsonWriter(text));
        var root = JsonNode.Parse(text.ToString()) as JsonObject
            ?? throw new InvalidOperationException($"The {direction} schema of {operation.Display} is not a JSON object.");

        var builder = new StrictSchemaBuilder(operation, direction, appliedRules, requireExampleFields);
        builder.Tighten(root, string.Empty);
        if (direction == ContractDirection.Response)
        {
            AddRequired(root, KnownOasOmissions.EnvelopeRequiredFields);
            if (requireExampleFields)
            {
                RequireDataOnSuccessOnly(root);
            }
        }

        root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        return root;
    }

    /// <summary>The string values the description of a query parameter lists, adjusted by the quirk table.</summary>
    public static IReadOnlyList<string>? DescribedParameterValues(
        OasOperation operation,
        string parameterName,
        string? description,
        ConcurrentDictionary<string, bool> appliedRules)
    {
        var builder = new StrictSchemaBuilder(operation, ContractDirection.Request, appliedRules);
        return builder.AllowedValues("?" + parameterName, description);
    }

    private void Tighten(JsonObject schema, string pointer)
    {
        var description = schema["description"] is JsonValue value && value.TryGetValue(out string? text) ? text : null;
        schema.Remove("description");
        schema.Remove("example");
        schema.Remove("examples");

        if (HasType(schema, "integer"))
        {
            AddIntegerRange(schema);
        }

        if (HasType(schema, "string") && !schema.ContainsKey("enum"))
        {
            var allowed = AllowedValues(pointer, description);
            if (allowed is { Count: > 0 })
            {
                schema["enum"] = new JsonArray(allowed.Select(item => (JsonNode?)JsonValue.Create(item)).ToArray());
            }
        }

        if (schema["properties"] is JsonObject properties)
        {
            // Read before the children are tightened: tightening drops the `example` annotations this rule is based on.
            var exampleFields = requireExampleFields
                ? properties.Where(entry => entry.Value is JsonObject child && CarriesExample(child)).Select(entry => entry.Key).ToList()
                : [];

            foreach (var (name, child) in properties)
            {
                if (child is JsonObject childSchema)
                {
                    Tighten(childSchema, pointer + "/" + EscapePointerToken(name));
                }
            }

            if (!schema.ContainsKey("additionalProperties"))
            {
                schema["additionalProperties"] = false;
            }

            foreach (var omission in KnownOasOmissions.RequiredFields.Where(entry => Applies(entry.Method, entry.PathTemplate, entry.Direction)
                && string.Equals(entry.ObjectPointer, pointer, StringComparison.Ordinal)))
            {
                AddRequired(schema, omission.Names);
                appliedRules[omission.Name] = true;
            }

            if (exampleFields.Count > 0)
            {
                var optional = exampleFields.Select(name => (Name: name, Entry: DocumentedOptional(pointer, name))).Where(field => field.Entry is not null).ToList();
                AddRequired(schema, exampleFields.Except(optional.Select(field => field.Name), StringComparer.Ordinal));
                foreach (var group in optional.Where(field => field.Entry!.OnlyWhile is not null).GroupBy(field => field.Entry!.OnlyWhile!))
                {
                    AddRequiredUnless(schema, group.Key, group.Select(field => field.Name));
                }
            }
        }

        if (schema["items"] is JsonObject items)
        {
            Tighten(items, pointer + "/*");
        }

        if (schema["additionalProperties"] is JsonObject additional)
        {
            Tighten(additional, pointer + "/*");
        }

        foreach (var keyword in new[] { "allOf", "anyOf", "oneOf" })
        {
            if (schema[keyword] is JsonArray branches)
            {
                foreach (var branch in branches.OfType<JsonObject>())
                {
                    Tighten(branch, pointer);
                }
            }
        }

        if (schema["not"] is JsonObject negated)
        {
            Tighten(negated, pointer);
        }
    }

    private List<string>? AllowedValues(string pointer, string? description)
    {
        var values = DescribedEnumValues.Parse(description).ToList();
        foreach (var quirk in KnownOasQuirks.All.Where(entry => Applies(entry.Method, entry.PathTemplate, entry.Direction)
            && string.Equals(entry.InstancePointer, pointer, StringComparison.Ordinal)))
        {
            appliedRules[quirk.Name] = true;
            switch (quirk.Kind)
            {
                case OasQuirkKind.DescribedValuesAreExamples:
                    return null;
                case OasQuirkKind.DescribedValuesMissValue:
                    values.AddRange(quirk.ExtraValues.Where(extra => !values.Contains(extra, StringComparer.Ordinal)));
                    break;
                default:
                    throw new InvalidOperationException($"Unhandled quirk kind {quirk.Kind}.");
            }
        }

        return values.Count > 0 ? values : null;
    }

    private DocumentedOptionalField? DocumentedOptional(string objectPointer, string name)
    {
        var entry = DocumentedOptionalFields.All.FirstOrDefault(field => string.Equals(field.ObjectPointer, objectPointer, StringComparison.Ordinal)
            && string.Equals(field.Name, name, StringComparison.Ordinal));
        if (entry is not null)
        {
            appliedRules[entry.Key] = true;
        }

        return entry;
    }

    // `if` the sibling has one of the values, nothing more is asked; `else` the fields are required.
    private static void AddRequiredUnless(JsonObject schema, OptionalWhile condition, IEnumerable<string> names)
    {
        if (schema["allOf"] is not JsonArray allOf)
        {
            allOf = [];
            schema["allOf"] = allOf;
        }

        allOf.Add(new JsonObject
        {
            ["if"] = new JsonObject
            {
                ["properties"] = new JsonObject
                {
                    [condition.Sibling] = new JsonObject { ["enum"] = new JsonArray(condition.Values.Select(value => (JsonNode?)JsonValue.Create(value)).ToArray()) },
                },
                ["required"] = new JsonArray(JsonValue.Create(condition.Sibling)),
            },
            ["else"] = new JsonObject { ["required"] = new JsonArray(names.Select(name => (JsonNode?)JsonValue.Create(name)).ToArray()) },
        });
    }

    // The OAS has no `required` lists, but every field of a response carries an `example`: together they are the
    // response example, and a field the example shows is expected on the wire unless TikTok documents it as optional.
    private static bool CarriesExample(JsonObject schema) =>
        schema.ContainsKey("example") || schema.ContainsKey("examples")
        || (schema["properties"] is JsonObject properties && properties.Any(entry => entry.Value is JsonObject child && CarriesExample(child)))
        || (schema["items"] is JsonObject items && CarriesExample(items));

    private bool Applies(string method, string pathTemplate, ContractDirection ruleDirection) =>
        ruleDirection == direction
        && string.Equals(method, operation.Method, StringComparison.OrdinalIgnoreCase)
        && string.Equals(pathTemplate, operation.PathTemplate, StringComparison.Ordinal);

    private static bool HasType(JsonObject schema, string type) => schema["type"] switch
    {
        JsonValue single => single.TryGetValue(out string? name) && string.Equals(name, type, StringComparison.Ordinal),
        JsonArray several => several.Any(node => node is JsonValue item && item.TryGetValue(out string? name)
            && string.Equals(name, type, StringComparison.Ordinal)),
        _ => false,
    };

    private static void AddIntegerRange(JsonObject schema)
    {
        var format = schema["format"] is JsonValue value && value.TryGetValue(out string? text) ? text : null;
        (long Minimum, long Maximum)? range = format switch
        {
            "int32" => (int.MinValue, int.MaxValue),
            "int64" => (long.MinValue, long.MaxValue),
            _ => null,
        };
        if (range is { } limits)
        {
            schema.TryAdd("minimum", limits.Minimum);
            schema.TryAdd("maximum", limits.Maximum);
        }
    }

    // `data` is carried by the example, but an error envelope may leave it out (KnownOasQuirks.ErrorEnvelopeDataMayBeNull):
    // it is required when `code` is 0 only.
    private static void RequireDataOnSuccessOnly(JsonObject root)
    {
        if (root["required"] is JsonArray required && required.FirstOrDefault(node => node is JsonValue item
            && item.TryGetValue(out string? name) && string.Equals(name, "data", StringComparison.Ordinal)) is { } data)
        {
            required.Remove(data);
            root["if"] = new JsonObject
            {
                ["properties"] = new JsonObject { ["code"] = new JsonObject { ["const"] = 0 } },
                ["required"] = new JsonArray(JsonValue.Create("code")),
            };
            root["then"] = new JsonObject { ["required"] = new JsonArray(JsonValue.Create("data")) };
        }
    }

    private static void AddRequired(JsonObject schema, IEnumerable<string> names)
    {
        if (schema["required"] is not JsonArray required)
        {
            required = [];
            schema["required"] = required;
        }

        foreach (var name in names)
        {
            if (!required.Any(node => node is JsonValue item && item.TryGetValue(out string? existing)
                && string.Equals(existing, name, StringComparison.Ordinal)))
            {
                required.Add(name);
            }
        }
    }

    internal static string EscapePointerToken(string token) =>
        token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
