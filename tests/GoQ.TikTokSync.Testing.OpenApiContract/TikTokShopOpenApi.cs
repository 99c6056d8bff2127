using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.OpenApi;

namespace GoQ.TikTokSync.Testing.OpenApiContract;

/// <summary>
/// The official TikTok Shop OpenAPI (embedded copies of the OAS module files) as a strict validator for what the API
/// client sends and what the emulator answers. See <see cref="KnownOasOmissions"/> and <see cref="KnownOasQuirks"/>
/// for every place where the validator deliberately differs from the raw OAS text.
/// </summary>
public sealed partial class TikTokShopOpenApi
{
    private const string JsonMediaType = "application/json";
    private const string SuccessStatus = "200";

    private static readonly Lazy<TikTokShopOpenApi> Shared = new(() => new TikTokShopOpenApi(OasCatalog.LoadEmbedded()));

    private readonly OasCatalog catalog;
    private readonly ConcurrentDictionary<(OasOperation Operation, ContractDirection Direction, bool RequireExampleFields), Lazy<CompiledSchema?>> bodySchemas = new();
    private readonly ConcurrentDictionary<string, bool> appliedRules = new(StringComparer.Ordinal);
    private readonly Lazy<CompiledSchema> tokenResponseSchema;
    private readonly Lazy<CompiledSchema> webhookEnvelopeSchema;

    private TikTokShopOpenApi(OasCatalog catalog)
    {
        this.catalog = catalog;
        tokenResponseSchema = new(() => LoadHandWrittenSchema("schemas.token-response.json"));
        webhookEnvelopeSchema = new(() => LoadHandWrittenSchema("schemas.webhook-envelope.json"));
    }

    /// <summary>The shared instance (reading the OAS takes a moment; schemas are then built once per operation).</summary>
    public static TikTokShopOpenApi Load() => Shared.Value;

    /// <summary>Every operation in the embedded OAS as "METHOD /path/{template}".</summary>
    public IReadOnlyList<string> Operations => catalog.Operations.Select(operation => operation.Display).ToList();

    public bool HasOperation(string method, string path) => catalog.Find(method, path) is not null;

    /// <summary>The OAS path template a concrete path resolves to, e.g. <c>/fulfillment/202309/orders/{order_id}/packages</c>.</summary>
    public string ResolvePathTemplate(string method, string path) => catalog.Get(method, path).PathTemplate;

    /// <summary>Required header names of the operation, lower-cased (header names are case-insensitive).</summary>
    public IReadOnlyList<string> RequiredHeaders(string method, string path) =>
        catalog.Get(method, path).Operation.Parameters?
            .Where(parameter => parameter.In == ParameterLocation.Header && parameter.Required && parameter.Name is not null)
            .Select(parameter => parameter.Name!.ToLowerInvariant())
            .ToList()
        ?? [];

    /// <summary>Validates the JSON body sent to the operation (unknown properties, types, described enums, known required fields).</summary>
    public ContractResult ValidateRequestBody(string method, string path, string json)
    {
        var operation = catalog.Get(method, path);
        var schema = BodySchema(operation, ContractDirection.Request);
        var isEmpty = string.IsNullOrWhiteSpace(json);
        if (schema is null)
        {
            return isEmpty
                ? ContractResult.Valid
                : ContractResult.FromErrors([$"(root): {operation.Display} declares no JSON request body, but one was sent."]);
        }

        if (isEmpty)
        {
            return operation.Operation.RequestBody?.Required == true
                ? ContractResult.FromErrors([$"(root): {operation.Display} requires a JSON request body, but none was sent."])
                : ContractResult.Valid;
        }

        return Evaluate(schema, json, tolerateNullErrorData: false);
    }

    /// <summary>
    /// Validates a whole response envelope <c>{code, message, request_id, data}</c> against the operation's 200 response,
    /// including completeness: every field the OAS response example carries must be present, except the fields in
    /// <see cref="DocumentedOptionalFields"/>. This is the check for what a server (the emulator) answers.
    /// </summary>
    public ContractResult ValidateResponseBody(string method, string path, string json) =>
        ValidateResponse(method, path, json, requireExampleFields: true);

    /// <summary>
    /// The same checks as <see cref="ValidateResponseBody"/> except completeness: for hand-written, deliberately partial
    /// samples that feed the client (a client must cope with fields TikTok leaves out, so its inputs may omit them).
    /// </summary>
    public ContractResult ValidateResponseShape(string method, string path, string json) =>
        ValidateResponse(method, path, json, requireExampleFields: false);

    /// <summary>
    /// Checks the media type of a request or response <c>Content-Type</c> header: every JSON call of the Open API and
    /// the token host sends and answers <c>application/json</c> (see docs/tiktok-shop-api.md#request-signing). A charset
    /// parameter is allowed; any other media type, or no header, is a violation.
    /// </summary>
    public static ContractResult ValidateJsonContentType(string? contentType, string what)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return ContractResult.FromErrors([$"(content-type): {what} carries no Content-Type; expected {JsonMediaType}."]);
        }

        var mediaType = contentType.Split(';')[0].Trim();
        return string.Equals(mediaType, JsonMediaType, StringComparison.OrdinalIgnoreCase)
            ? ContractResult.Valid
            : ContractResult.FromErrors([$"(content-type): {what} has Content-Type \"{contentType}\"; expected {JsonMediaType}."]);
    }

    private ContractResult ValidateResponse(string method, string path, string json, bool requireExampleFields)
    {
        var operation = catalog.Get(method, path);
        var schema = BodySchema(operation, ContractDirection.Response, requireExampleFields)
            ?? throw new InvalidOperationException($"{operation.Display} declares no JSON 200 response in the OAS.");
        return Evaluate(schema, json, tolerateNullErrorData: true);
    }

    /// <summary>
    /// Validates query parameters (decoded values): every name must be declared by the operation or be a common
    /// parameter (<see cref="KnownOasOmissions.CommonQueryParameters"/>); required ones must be present; values must not
    /// be empty and must fit the declared type and described values.
    /// </summary>
    public ContractResult ValidateQuery(string method, string path, IReadOnlyDictionary<string, string> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var operation = catalog.Get(method, path);
        var declared = (operation.Operation.Parameters ?? [])
            .Where(parameter => parameter.In == ParameterLocation.Query && parameter.Name is not null)
            .ToDictionary(parameter => parameter.Name!, StringComparer.Ordinal);
        var errors = new List<string>();

        foreach (var name in KnownOasOmissions.CommonQueryParameters.Where(name => !query.ContainsKey(name)))
        {
            errors.Add($"?{name}: common parameter is missing (every signed call carries app_key, timestamp and sign).");
        }

        foreach (var (name, parameter) in declared.Where(entry => entry.Value.Required && !query.ContainsKey(entry.Key)))
        {
            errors.Add($"?{name}: required by the OAS but missing.");
        }

        foreach (var (name, value) in query)
        {
            if (string.IsNullOrEmpty(value))
            {
                // Empty parameters still enter the signature on one side and not the other; senders drop them instead.
                errors.Add($"?{name}: empty value; omit the parameter instead.");
                continue;
            }

            if (declared.TryGetValue(name, out var parameter))
            {
                errors.AddRange(CheckParameterValue(operation, parameter, value));
            }
            else if (KnownOasOmissions.CommonQueryParameters.Contains(name, StringComparer.Ordinal))
            {
                errors.AddRange(CheckCommonParameterValue(name, value));
            }
            else
            {
                errors.Add($"?{name}: not declared for {operation.Display} (unknown query parameter).");
            }
        }

        return ContractResult.FromErrors(errors);
    }

    /// <summary>Validates a token/get or token/refresh response against the hand-written schema (docs/tiktok-shop-api.md#token-exchange).</summary>
    public ContractResult ValidateTokenResponse(string json) => Evaluate(tokenResponseSchema.Value, json, tolerateNullErrorData: false);

    /// <summary>Validates a webhook delivery's envelope against the hand-written schema (docs/tiktok-shop-api.md#webhook-payloads).</summary>
    public ContractResult ValidateWebhookEnvelope(string json) => Evaluate(webhookEnvelopeSchema.Value, json, tolerateNullErrorData: false);

    /// <summary>Names of quirk and omission table entries that matched nothing in the schemas built so far.</summary>
    internal IReadOnlyList<string> UnappliedRules()
    {
        foreach (var operation in catalog.Operations)
        {
            _ = BodySchema(operation, ContractDirection.Request);
            _ = BodySchema(operation, ContractDirection.Response);
            _ = BodySchema(operation, ContractDirection.Response, requireExampleFields: true);
            foreach (var parameter in operation.Operation.Parameters ?? [])
            {
                if (parameter.In == ParameterLocation.Query && parameter.Name is not null)
                {
                    _ = StrictSchemaBuilder.DescribedParameterValues(operation, parameter.Name, ParameterDescription(parameter), appliedRules);
                }
            }
        }

        return KnownOasQuirks.All.Select(quirk => quirk.Name)
            .Concat(KnownOasOmissions.RequiredFields.Select(entry => entry.Name))
            .Concat(DocumentedOptionalFields.All.Select(entry => entry.Key))
            .Where(name => !appliedRules.ContainsKey(name))
            .ToList();
    }

    /// <summary>The strict JSON Schema generated for one side of an operation (for diagnostics and tests).</summary>
    internal JsonNode? StrictSchemaJson(string method, string path, ContractDirection direction, bool requireExampleFields = false) =>
        BodySchema(catalog.Get(method, path), direction, requireExampleFields)?.Source;

    private CompiledSchema? BodySchema(OasOperation operation, ContractDirection direction, bool requireExampleFields = false) =>
        bodySchemas.GetOrAdd(
            (operation, direction, requireExampleFields && direction == ContractDirection.Response),
            key => new Lazy<CompiledSchema?>(() => BuildBodySchema(key.Operation, key.Direction, key.RequireExampleFields))).Value;

    private CompiledSchema? BuildBodySchema(OasOperation operation, ContractDirection direction, bool requireExampleFields)
    {
        var content = direction == ContractDirection.Request
            ? operation.Operation.RequestBody?.Content
            : (operation.Operation.Responses?.TryGetValue(SuccessStatus, out var response) == true ? response.Content : null);
        if (content is null || !content.TryGetValue(JsonMediaType, out var mediaType) || mediaType.Schema is null)
        {
            return null;
        }

        var json = StrictSchemaBuilder.Build(mediaType.Schema, operation, direction, appliedRules, requireExampleFields);
        return CompiledSchema.FromJson(json, $"{operation.Method} {operation.PathTemplate} {direction}");
    }

    private static CompiledSchema LoadHandWrittenSchema(string logicalName) =>
        CompiledSchema.FromJson(
            JsonNode.Parse(EmbeddedFiles.ReadText(logicalName))
            ?? throw new InvalidOperationException($"{logicalName} is empty."),
            logicalName);

    private static ContractResult Evaluate(CompiledSchema schema, string json, bool tolerateNullErrorData)
    {
        JsonNode? document;
        try
        {
            document = JsonNode.Parse(json ?? string.Empty);
        }
        catch (JsonException exception)
        {
            return ContractResult.FromErrors([$"(root): not valid JSON ({exception.Message})."]);
        }

        if (tolerateNullErrorData && document is JsonObject envelope && IsErrorWithNullData(envelope))
        {
            // KnownOasQuirks.ErrorEnvelopeDataMayBeNull: judge the rest of the envelope without the null data.
            envelope.Remove("data");
        }

        using var parsed = JsonDocument.Parse(document?.ToJsonString() ?? "null");
        return ContractResult.FromErrors(schema.Evaluate(parsed.RootElement));
    }

    private static bool IsErrorWithNullData(JsonObject envelope) =>
        envelope.TryGetPropertyValue("data", out var data) && data is null
        && envelope["code"] is JsonValue code && code.TryGetValue(out long value) && value != 0;

    private IEnumerable<string> CheckParameterValue(OasOperation operation, IOpenApiParameter parameter, string value)
    {
        var name = parameter.Name!;
        var schema = parameter.Schema;
        var itemSchema = schema?.Type == JsonSchemaType.Array ? schema.Items : null;
        var values = itemSchema is not null ? value.Split(',') : new[] { value };
        var type = (itemSchema ?? schema)?.Type;
        var allowed = type == JsonSchemaType.String
            ? StrictSchemaBuilder.DescribedParameterValues(operation, name, ParameterDescription(parameter), appliedRules)
            : null;

        foreach (var item in values)
        {
            if (item.Length == 0)
            {
                yield return $"?{name}: empty element in the comma-separated list \"{value}\".";
            }
            else if (type == JsonSchemaType.Integer && !long.TryParse(item, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
            {
                yield return $"?{name}: \"{item}\" is not an integer.";
            }
            else if (type == JsonSchemaType.Boolean && item is not ("true" or "false"))
            {
                yield return $"?{name}: \"{item}\" is not a boolean (true/false).";
            }
            else if (allowed is not null && !allowed.Contains(item, StringComparer.Ordinal))
            {
                yield return $"?{name}: value \"{item}\" is not one of [{string.Join(", ", allowed)}] (enum).";
            }
        }
    }

    private static IEnumerable<string> CheckCommonParameterValue(string name, string value)
    {
        // docs/tiktok-shop-api.md#common-parameters: timestamp is 10-digit Unix seconds; docs/tiktok-shop-api.md#signing-algorithm: sign is 64 lower-case hex characters.
        if (string.Equals(name, "timestamp", StringComparison.Ordinal) && !UnixSeconds().IsMatch(value))
        {
            yield return $"?timestamp: \"{value}\" is not a 10-digit Unix time in seconds.";
        }

        if (string.Equals(name, "sign", StringComparison.Ordinal) && !LowerHexSha256().IsMatch(value))
        {
            yield return $"?sign: \"{value}\" is not 64 lower-case hex characters.";
        }
    }

    private static string? ParameterDescription(IOpenApiParameter parameter) =>
        string.IsNullOrWhiteSpace(parameter.Description) ? parameter.Schema?.Description : parameter.Description;

    [GeneratedRegex("^[0-9]{10}$", RegexOptions.CultureInvariant)]
    private static partial Regex UnixSeconds();

    [GeneratedRegex("^[0-9a-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex LowerHexSha256();
}
