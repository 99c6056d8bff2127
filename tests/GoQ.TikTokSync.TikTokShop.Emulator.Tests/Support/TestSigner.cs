using System.Security.Cryptography;
using System.Text;

namespace GoQ.TikTokSync.TikTokShop.Emulator.Tests.Support;

/// <summary>
/// The test side's own signer, written from docs/tiktok-shop-api.md#signing-algorithm independently of the emulator's, so that a shared mistake cannot
/// make both sides agree on a wrong signature.
/// </summary>
internal static class TestSigner
{
    public static string StringToSign(string path, IReadOnlyDictionary<string, string> query)
    {
        var keys = query.Keys.Where(k => k != "sign" && k != "access_token").ToList();
        keys.Sort(StringComparer.Ordinal);
        var text = new StringBuilder(path);
        foreach (var key in keys)
        {
            text.Append(key);
            text.Append(query[key]);
        }

        return text.ToString();
    }

    public static string Sign(string secret, string path, IReadOnlyDictionary<string, string> query, string? body)
    {
        var wrapped = secret + StringToSign(path, query) + (body ?? "") + secret;
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        var digest = hmac.ComputeHash(Encoding.UTF8.GetBytes(wrapped));
        return string.Concat(digest.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
    }

    public static string WebhookAuthorization(string appKey, string secret, string rawBody)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        var digest = hmac.ComputeHash(Encoding.UTF8.GetBytes(appKey + rawBody));
        return string.Concat(digest.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
    }
}
