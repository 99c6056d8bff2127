using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace GoQ.TikTokSync.TikTokShop.Tests.Support;

/// <summary>One request as it reached the wire: after every handler, so signatures and query are final.</summary>
public sealed record CapturedRequest(
    HttpMethod Method,
    Uri Uri,
    string? AccessTokenHeader,
    string? ContentType,
    byte[] Body,
    DateTimeOffset FakeNow)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    public string Path => Uri.AbsolutePath;

    /// <summary>Query parameters, percent-decoded, in the order sent.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> QueryPairs =>
        Uri.Query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(parts => new KeyValuePair<string, string>(
                Uri.UnescapeDataString(parts[0]),
                parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : string.Empty))
            .ToList();

    public IReadOnlyDictionary<string, string> Query => QueryPairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    public string? QueryValue(string name) => Query.TryGetValue(name, out var value) ? value : null;
}

/// <summary>
/// Primary handler for tests: records each request and answers with the next scripted responder. It holds no
/// resources, so the factory disposing a rotated handler chain does not stop it serving the rest of a test.
/// </summary>
public sealed class RecordingHttpHandler : HttpMessageHandler
{
    private readonly ConcurrentQueue<Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>> _responders = new();
    private readonly TimeProvider _timeProvider;
    private readonly object _gate = new();
    private readonly List<CapturedRequest> _requests = [];

    public RecordingHttpHandler(TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
    }

    public IReadOnlyList<CapturedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return _requests.ToList();
            }
        }
    }

    /// <summary>Answer used when no scripted responder is left.</summary>
    public Func<HttpRequestMessage, HttpResponseMessage>? Fallback { get; set; }

    public RecordingHttpHandler Enqueue(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> responder)
    {
        _responders.Enqueue(responder);
        return this;
    }

    public RecordingHttpHandler Enqueue(Func<HttpRequestMessage, HttpResponseMessage> responder) =>
        Enqueue((request, _) => Task.FromResult(responder(request)));

    public RecordingHttpHandler EnqueueJson(string json, HttpStatusCode status = HttpStatusCode.OK, Action<HttpResponseMessage>? configure = null) =>
        Enqueue(_ =>
        {
            var response = Responses.Json(json, status);
            configure?.Invoke(response);
            return response;
        });

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var accessToken = request.Headers.TryGetValues("x-tts-access-token", out var values) ? values.Single() : null;
        lock (_gate)
        {
            _requests.Add(new CapturedRequest(
                request.Method,
                request.RequestUri!,
                accessToken,
                request.Content?.Headers.ContentType?.ToString(),
                body,
                _timeProvider.GetUtcNow()));
        }

        if (_responders.TryDequeue(out var responder))
        {
            var response = await responder(request, cancellationToken);
            response.RequestMessage ??= request;
            return response;
        }

        var fallback = Fallback ?? throw new InvalidOperationException("No scripted response left for " + request.RequestUri);
        var answer = fallback(request);
        answer.RequestMessage ??= request;
        return answer;
    }
}

public static class Responses
{
    public static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    public static HttpResponseMessage Success(string dataJson = "{}") =>
        Json($$"""{"code":0,"message":"Success","request_id":"202401010000000000000000000000","data":{{dataJson}}}""");

    public static HttpResponseMessage Error(int code, string message, HttpStatusCode status = HttpStatusCode.OK) =>
        Json($$"""{"code":{{code}},"message":"{{message}}","request_id":"req-{{code}}","data":null}""", status);
}
