using System.Collections.Concurrent;
using System.Text.Json;
using GoQ.TikTokSync.Testing.OpenApiContract;

namespace GoQ.TikTokSync.TikTokShop.IntegrationTests.Support;

/// <summary>Which of the client's two HttpClients carried an exchange.</summary>
internal enum WireSide
{
    /// <summary>Signed Open API calls.</summary>
    Api,

    /// <summary>Unsigned token calls on the auth host.</summary>
    Auth,
}

/// <summary>One HTTP attempt as it crossed the wire: after signing, before any retry decision.</summary>
internal sealed record WireExchange(
    WireSide Side,
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Query,
    string? AccessTokenHeader,
    string? ContentType,
    string RequestBody,
    int HttpStatus,
    string ResponseBody,
    string? ResponseContentType = null)
{
    /// <summary>The envelope code, or null when the body is not an envelope.</summary>
    public int? Code
    {
        get
        {
            try
            {
                using var document = JsonDocument.Parse(ResponseBody);
                return document.RootElement.TryGetProperty("code", out var code) && code.TryGetInt32(out var value) ? value : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }

    public bool Succeeded => HttpStatus == 200 && Code == 0;
}

/// <summary>
/// Keeps every exchange of one test and judges each against the official OAS as it happens: what the client sent
/// (body, query, required headers) and what the emulator answered (envelope and data, errors included). Token calls
/// are judged against the hand-written token schema. Violations are collected rather than thrown, because an
/// exception inside a handler would surface as a transport failure and blur what went wrong.
/// </summary>
internal sealed class WireRecorder
{
    private readonly ConcurrentQueue<WireExchange> _exchanges = new();
    private readonly ConcurrentQueue<string> _violations = new();
    private readonly TikTokShopOpenApi _openApi = TikTokShopOpenApi.Load();

    public IReadOnlyList<WireExchange> Exchanges => _exchanges.ToArray();

    public IReadOnlyList<string> Violations => _violations.ToArray();

    /// <summary>Open API exchanges of one operation, e.g. ("GET", "/order/202309/orders").</summary>
    public IReadOnlyList<WireExchange> Calls(string method, string pathTemplate) =>
        _exchanges
            .Where(e => e.Side == WireSide.Api
                        && string.Equals(e.Method, method, StringComparison.Ordinal)
                        && _openApi.HasOperation(e.Method, e.Path)
                        && string.Equals(_openApi.ResolvePathTemplate(e.Method, e.Path), pathTemplate, StringComparison.Ordinal))
            .ToList();

    /// <summary>"METHOD /template" of every Open API operation seen, and the token paths.</summary>
    public IReadOnlySet<string> OperationsSeen() =>
        _exchanges
            .Select(e => e.Side == WireSide.Auth || !_openApi.HasOperation(e.Method, e.Path)
                ? e.Method + " " + e.Path
                : e.Method + " " + _openApi.ResolvePathTemplate(e.Method, e.Path))
            .ToHashSet(StringComparer.Ordinal);

    public void Record(WireExchange exchange)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        _exchanges.Enqueue(exchange);
        foreach (var violation in Judge(exchange))
        {
            _violations.Enqueue(violation);
        }
    }

    /// <summary>The contract findings for one exchange (empty when it is clean).</summary>
    public IReadOnlyList<string> Judge(WireExchange exchange)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        var where = exchange.Method + " " + exchange.Path;
        var findings = new List<string>();
        findings.AddRange(TikTokShopOpenApi.ValidateJsonContentType(exchange.ResponseContentType, $"{where} response").Errors);
        if (exchange.Side == WireSide.Auth)
        {
            findings.AddRange(_openApi.ValidateTokenResponse(exchange.ResponseBody).Errors.Select(e => $"{where} token response: {e}"));
            return findings;
        }

        if (!_openApi.HasOperation(exchange.Method, exchange.Path))
        {
            findings.Add($"{where}: not an operation of the OAS.");
            return findings;
        }

        findings.AddRange(_openApi.ValidateRequestBody(exchange.Method, exchange.Path, exchange.RequestBody).Errors.Select(e => $"{where} request body: {e}"));
        findings.AddRange(_openApi.ValidateQuery(exchange.Method, exchange.Path, exchange.Query).Errors.Select(e => $"{where} query: {e}"));

        findings.AddRange(TikTokShopOpenApi.ValidateJsonContentType(exchange.ContentType, $"{where} request").Errors);
        var sentHeaders = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["x-tts-access-token"] = exchange.AccessTokenHeader,
            ["content-type"] = exchange.ContentType,
        };
        findings.AddRange(_openApi.RequiredHeaders(exchange.Method, exchange.Path)
            .Where(header => string.IsNullOrEmpty(sentHeaders.GetValueOrDefault(header)))
            .Select(header => $"{where}: required header {header} was not sent."));

        findings.AddRange(_openApi.ValidateResponseBody(exchange.Method, exchange.Path, exchange.ResponseBody).Errors.Select(e => $"{where} response ({exchange.HttpStatus}): {e}"));
        return findings;
    }

    public void AssertContractHeld()
    {
        Assert.NotEmpty(_exchanges);
        var violations = Violations;
        Assert.True(violations.Count == 0, "Contract violations on the wire:\n" + string.Join('\n', violations));
    }
}

/// <summary>Innermost handler of a client pipeline: sees every attempt exactly as sent and answered.</summary>
internal sealed class WireRecordingHandler : DelegatingHandler
{
    private readonly WireRecorder _recorder;
    private readonly WireSide _side;

    public WireRecordingHandler(WireRecorder recorder, WireSide side)
    {
        _recorder = recorder;
        _side = side;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var requestBody = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var responseBody = await response.Content.ReadAsStringAsync(cancellationToken);

        var uri = request.RequestUri!;
        _recorder.Record(new WireExchange(
            _side,
            request.Method.Method,
            Uri.UnescapeDataString(uri.AbsolutePath),
            ParseQuery(uri.Query),
            request.Headers.TryGetValues("x-tts-access-token", out var tokens) ? tokens.FirstOrDefault() : null,
            request.Content?.Headers.ContentType?.ToString(),
            requestBody,
            (int)response.StatusCode,
            responseBody,
            response.Content.Headers.ContentType?.ToString()));
        return response;
    }

    /// <summary>Decodes the query as the server does: percent-decoding only, so a '+' stays a plus.</summary>
    public static Dictionary<string, string> ParseQuery(string query)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var separator = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(separator < 0 ? pair : pair[..separator]);
            result[name] = separator < 0 ? string.Empty : Uri.UnescapeDataString(pair[(separator + 1)..]);
        }

        return result;
    }
}
