using System.Text.Json;

namespace GoQ.TikTokSync.TikTokShop.Http;

/// <summary>Reads only the envelope's top-level <c>code</c>, for decisions taken before the body is deserialized.</summary>
internal static class TikTokShopEnvelopeProbe
{
    private static readonly byte[] CodePropertyName = "code"u8.ToArray();

    public static async ValueTask<int?> ReadCodeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        // Buffering keeps the body readable for the caller after this look.
        await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return ReadCode(body);
    }

    public static int? ReadCode(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isCode = reader.ValueTextEquals(CodePropertyName);
                reader.Read();
                if (isCode)
                {
                    return reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var code) ? code : null;
                }

                reader.Skip();
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
