using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace GoQ.TikTokSync.TikTokShop.Signing;

/// <summary>
/// The Open API request signature (docs/tiktok-shop-api.md#signing-algorithm): the path, then every query parameter except
/// <c>sign</c> and <c>access_token</c> as key + value in ordinal key order, then the exact body bytes unless the
/// body is multipart; wrapped in the app secret on both sides; HMAC-SHA256 keyed with the app secret; lowercase hex.
/// </summary>
public static class TikTokShopRequestSigner
{
    public const string SignParameter = "sign";
    public const string TimestampParameter = "timestamp";
    public const string AppKeyParameter = "app_key";
    public const string ShopCipherParameter = "shop_cipher";

    /// <summary>Legacy calls carried the token in the query; it is never part of the signature.</summary>
    public const string AccessTokenParameter = "access_token";

    private const string MultipartMediaType = "multipart/form-data";

    /// <param name="appSecret">The app secret; it pads the string on both sides and keys the HMAC.</param>
    /// <param name="path">The request path only, starting with <c>/</c>: no host, no query string.</param>
    /// <param name="queryParameters">Query parameters with their decoded values, exactly as they are sent.</param>
    /// <param name="body">The exact body bytes that are sent; empty when there is no body.</param>
    /// <param name="contentType">The request content type; a multipart body is left out of the signature.</param>
    public static string Sign(
        string appSecret,
        string path,
        IEnumerable<KeyValuePair<string, string>> queryParameters,
        ReadOnlySpan<byte> body,
        string? contentType = "application/json")
    {
        ArgumentException.ThrowIfNullOrEmpty(appSecret);
        var stringToSign = BuildStringToSign(path, queryParameters);
        var secretBytes = Encoding.UTF8.GetBytes(appSecret);
        var includeBody = !IsMultipart(contentType);

        var middle = Encoding.UTF8.GetBytes(stringToSign);
        var signedBody = includeBody ? body : [];
        var wrapped = new byte[secretBytes.Length * 2 + middle.Length + signedBody.Length];
        var at = 0;
        secretBytes.CopyTo(wrapped, at);
        at += secretBytes.Length;
        middle.CopyTo(wrapped, at);
        at += middle.Length;
        signedBody.CopyTo(wrapped.AsSpan(at));
        at += signedBody.Length;
        secretBytes.CopyTo(wrapped, at);

        return Convert.ToHexStringLower(HMACSHA256.HashData(secretBytes, wrapped));
    }

    /// <summary>The path plus the sorted key/value pairs, before the body and the secret are added.</summary>
    public static string BuildStringToSign(string path, IEnumerable<KeyValuePair<string, string>> queryParameters)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(queryParameters);
        if (path[0] != '/')
        {
            throw new ArgumentException("The path must start with '/' and carry no host.", nameof(path));
        }

        var builder = new StringBuilder(path);
        foreach (var (key, value) in queryParameters
            .Where(p => !IsExcluded(p.Key))
            .OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            builder.Append(key).Append(value);
        }

        return builder.ToString();
    }

    private static bool IsExcluded(string key) =>
        string.Equals(key, SignParameter, StringComparison.Ordinal)
        || string.Equals(key, AccessTokenParameter, StringComparison.Ordinal);

    private static bool IsMultipart(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return false;
        }

        // The header carries "; boundary=..." on multipart bodies, so only the media type is compared.
        var mediaType = MediaTypeHeaderValue.TryParse(contentType, out var parsed) ? parsed.MediaType : contentType;
        return string.Equals(mediaType, MultipartMediaType, StringComparison.OrdinalIgnoreCase);
    }
}
