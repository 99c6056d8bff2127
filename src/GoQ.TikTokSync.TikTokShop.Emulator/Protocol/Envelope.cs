using System.Globalization;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace GoQ.TikTokSync.TikTokShop.Emulator.Protocol;

/// <summary>The JSON conventions of the Open API: snake_case names, absent rather than null optional fields, raw UTF-8 text.</summary>
internal static class WireJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };
}

internal static class RequestIds
{
    /// <summary>The documented shape: UTC yyyyMMddHHmmss followed by 20 upper-case hex characters (docs/tiktok-shop-api.md#token-exchange sample).</summary>
    public static string Create(DateTimeOffset now)
    {
        Span<byte> random = stackalloc byte[10];
        RandomNumberGenerator.Fill(random);
        return now.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + Convert.ToHexString(random);
    }
}

/// <summary>Writes an envelope with the exact bytes the emulator chose, independent of any MVC formatter.</summary>
internal sealed class EnvelopeResult : IResult
{
    public const string SuccessMessage = "Success";

    private readonly byte[] _body;
    private readonly int _statusCode;

    private EnvelopeResult(byte[] body, int statusCode)
    {
        _body = body;
        _statusCode = statusCode;
    }

    public static EnvelopeResult Success(object data, string requestId, string message = SuccessMessage) =>
        new(Serialize(0, message, requestId, data), 200);

    /// <summary>Errors carry <c>"data": null</c>, as observed on the live API (docs/tiktok-shop-api.md#envelope).</summary>
    public static EnvelopeResult Error(EmulatorError error, string requestId)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new(Serialize(error.Code, error.Message, requestId, null), error.HttpStatus);
    }

    public byte[] Body => _body;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = _statusCode;
        httpContext.Response.ContentType = "application/json";
        httpContext.Response.ContentLength = _body.Length;
        await httpContext.Response.Body.WriteAsync(_body, httpContext.RequestAborted);
    }

    internal static byte[] Serialize(int code, string message, string requestId, object? data)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = WireJson.Options.Encoder }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("code", code);
            writer.WriteString("message", message);
            writer.WriteString("request_id", requestId);
            writer.WritePropertyName("data");
            if (data is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                JsonSerializer.Serialize(writer, data, data.GetType(), WireJson.Options);
            }

            writer.WriteEndObject();
        }

        return stream.ToArray();
    }
}

/// <summary>
/// The answer to a call whose effect was applied but whose response never reaches the client. The connection is cut
/// rather than answered with a 5xx: a 5xx is still an answer (and everywhere else in the emulator it means "not applied"),
/// while a lost answer is what a client really meets after a timeout or a reset between TikTok's gateway and itself.
/// The client gets a network error right away instead of waiting out its own timeout.
/// </summary>
internal sealed class LostResponseResult : IResult
{
    public static readonly LostResponseResult Instance = new();

    private LostResponseResult()
    {
    }

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Abort();
        return Task.CompletedTask;
    }
}
