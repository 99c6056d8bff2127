using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace GoQ.TikTokSync.TikTokShop.Webhooks;

/// <summary>
/// Verifies the <c>Authorization</c> header of a webhook delivery: lowercase hex HMAC-SHA256 keyed with the app
/// secret over app key + raw body (docs/tiktok-shop-api.md#webhook-delivery). This differs from request signing: no path, no
/// wrapping.
/// </summary>
public sealed class TikTokShopWebhookVerifier
{
    /// <summary>The header TikTok puts the webhook signature in.</summary>
    public const string SignatureHeader = "Authorization";

    private readonly IOptionsMonitor<TikTokShopOptions> _options;

    public TikTokShopWebhookVerifier(IOptionsMonitor<TikTokShopOptions> options)
    {
        _options = options;
    }

    /// <summary>Checks a delivery against the configured app key and secret. Pass the body bytes as received.</summary>
    public bool IsValid(ReadOnlySpan<byte> rawBody, string? signatureHeaderValue)
    {
        var options = _options.CurrentValue;
        return IsValid(options.AppKey, options.AppSecret, rawBody, signatureHeaderValue);
    }

    public static bool IsValid(string appKey, string appSecret, ReadOnlySpan<byte> rawBody, string? signatureHeaderValue)
    {
        if (string.IsNullOrWhiteSpace(signatureHeaderValue))
        {
            return false;
        }

        byte[] received;
        try
        {
            received = Convert.FromHexString(signatureHeaderValue.Trim());
        }
        catch (FormatException)
        {
            return false;
        }

        var expected = ComputeSignatureBytes(appKey, appSecret, rawBody);
        // Constant time, so the comparison does not tell an attacker how many leading bytes matched.
        return CryptographicOperations.FixedTimeEquals(expected, received);
    }

    /// <summary>The lowercase hex signature TikTok sends for this body.</summary>
    public static string ComputeSignature(string appKey, string appSecret, ReadOnlySpan<byte> rawBody) =>
        Convert.ToHexStringLower(ComputeSignatureBytes(appKey, appSecret, rawBody));

    private static byte[] ComputeSignatureBytes(string appKey, string appSecret, ReadOnlySpan<byte> rawBody)
    {
        ArgumentException.ThrowIfNullOrEmpty(appKey);
        ArgumentException.ThrowIfNullOrEmpty(appSecret);
        var appKeyBytes = Encoding.UTF8.GetBytes(appKey);
        var message = new byte[appKeyBytes.Length + rawBody.Length];
        appKeyBytes.CopyTo(message, 0);
        rawBody.CopyTo(message.AsSpan(appKeyBytes.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), message);
    }
}
