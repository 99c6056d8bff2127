using System.Security.Cryptography;
using System.Text;

namespace GoQ.TikTokSync.TikTokShop.Emulator.Protocol;

/// <summary>
/// The Open API request signature as TikTok checks it (docs/tiktok-shop-api.md#signing-algorithm): every query parameter except <c>sign</c> and
/// <c>access_token</c>, sorted ordinally, written as key + value after the path; then the exact body bytes unless the
/// request is multipart; wrapped in the app secret; HMAC-SHA256 keyed by the secret; lowercase hex.
/// </summary>
public static class RequestSignature
{
    private static readonly HashSet<string> UnsignedParameters = new(StringComparer.Ordinal) { "sign", "access_token" };

    /// <summary>The string before wrapping; bodies are appended as raw bytes by <see cref="Compute"/>.</summary>
    public static string BuildStringToSign(string path, IEnumerable<KeyValuePair<string, string>> query)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(query);
        var builder = new StringBuilder(path);
        foreach (var (key, value) in query
                     .Where(p => !UnsignedParameters.Contains(p.Key))
                     .OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            builder.Append(key).Append(value);
        }

        return builder.ToString();
    }

    public static string Compute(
        string appSecret,
        string path,
        IEnumerable<KeyValuePair<string, string>> query,
        ReadOnlySpan<byte> body,
        string? contentType)
    {
        ArgumentNullException.ThrowIfNull(appSecret);
        var secret = Encoding.UTF8.GetBytes(appSecret);
        var head = Encoding.UTF8.GetBytes(BuildStringToSign(path, query));
        var includeBody = !IsMultipart(contentType);

        var message = new byte[secret.Length + head.Length + (includeBody ? body.Length : 0) + secret.Length];
        var offset = 0;
        secret.CopyTo(message, offset);
        offset += secret.Length;
        head.CopyTo(message, offset);
        offset += head.Length;
        if (includeBody)
        {
            body.CopyTo(message.AsSpan(offset));
            offset += body.Length;
        }

        secret.CopyTo(message, offset);
        return Convert.ToHexStringLower(HMACSHA256.HashData(secret, message));
    }

    /// <summary>Compares in constant time so that the check does not leak how many leading characters matched.</summary>
    public static bool Matches(string expectedLowerHex, string? presented)
    {
        ArgumentNullException.ThrowIfNull(expectedLowerHex);
        if (presented is null || presented.Length != expectedLowerHex.Length)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(expectedLowerHex),
            Encoding.ASCII.GetBytes(presented));
    }

    /// <summary>Only the media type counts; the header also carries <c>; boundary=…</c> (docs/tiktok-shop-api.md#signing-algorithm step 5).</summary>
    private static bool IsMultipart(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return false;
        }

        var mediaType = contentType.Split(';', 2)[0].Trim();
        return mediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>The webhook <c>Authorization</c> header: lowercase hex HMAC-SHA256(key = app secret, message = app key + raw body) (docs/tiktok-shop-api.md#webhook-delivery).</summary>
public static class WebhookSignature
{
    public static string Compute(string appKey, string appSecret, ReadOnlySpan<byte> rawBody)
    {
        ArgumentNullException.ThrowIfNull(appKey);
        ArgumentNullException.ThrowIfNull(appSecret);
        var key = Encoding.UTF8.GetBytes(appKey);
        var message = new byte[key.Length + rawBody.Length];
        key.CopyTo(message, 0);
        rawBody.CopyTo(message.AsSpan(key.Length));
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), message));
    }
}
