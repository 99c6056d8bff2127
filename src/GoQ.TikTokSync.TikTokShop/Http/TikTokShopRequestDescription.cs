using System.Globalization;
using System.Text;

namespace GoQ.TikTokSync.TikTokShop.Http;

/// <summary>
/// Everything needed to sign and send one Open API call, attached to the <see cref="HttpRequestMessage"/> so the
/// per-attempt handlers can stamp a fresh timestamp and signature. The body is serialized once, here; the same bytes
/// are signed and sent on every attempt.
/// </summary>
internal sealed class TikTokShopRequestDescription
{
    public static readonly HttpRequestOptionsKey<TikTokShopRequestDescription> OptionKey = new("GoQ.TikTokSync.TikTokShop.Request");

    public TikTokShopRequestDescription(
        HttpMethod method,
        string pathTemplate,
        string path,
        string? shopCipher,
        IEnumerable<KeyValuePair<string, string?>> businessQuery,
        byte[]? body)
    {
        Method = method;
        PathTemplate = pathTemplate;
        Path = path;
        ShopCipher = TikTokShopPaths.AcceptsShopCipher(path) && !string.IsNullOrEmpty(shopCipher) ? shopCipher : null;

        // Empty values are neither sent nor signed.
        Query = businessQuery
            .Where(p => !string.IsNullOrEmpty(p.Value))
            .Select(p => new KeyValuePair<string, string>(p.Key, p.Value!))
            .ToArray();
        Body = body ?? [];
    }

    public HttpMethod Method { get; }

    /// <summary>The path with placeholders; partitions the rate limiter.</summary>
    public string PathTemplate { get; }

    /// <summary>The concrete path that is sent and signed.</summary>
    public string Path { get; }

    /// <summary>Null when the endpoint does not take one.</summary>
    public string? ShopCipher { get; }

    /// <summary>Endpoint parameters with decoded values; the common ones are added per attempt.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Query { get; }

    public byte[] Body { get; }

    /// <summary>Only reads are repeated blindly; a write may have taken effect even when no answer came back.</summary>
    public bool IsIdempotent => Method == HttpMethod.Get;

    /// <summary>The query string for a full parameter list: values percent-encoded, commas kept readable.</summary>
    public static string BuildQueryString(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var builder = new StringBuilder();
        foreach (var (key, value) in parameters)
        {
            if (builder.Length > 0)
            {
                builder.Append('&');
            }

            // A literal "%2C" inside a value was itself escaped to "%252C", so this only restores real commas.
            builder.Append(Uri.EscapeDataString(key))
                .Append('=')
                .Append(Uri.EscapeDataString(value).Replace("%2C", ",", StringComparison.Ordinal));
        }

        return builder.ToString();
    }

    public static Uri Combine(Uri baseUrl, string path, string? query)
    {
        var root = baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        return new Uri(
            string.IsNullOrEmpty(query)
                ? root + path
                : string.Create(CultureInfo.InvariantCulture, $"{root}{path}?{query}"),
            UriKind.Absolute);
    }
}
