using System.Globalization;
using GoQ.TikTokSync.TikTokShop.Signing;
using Microsoft.Extensions.Options;

namespace GoQ.TikTokSync.TikTokShop.Http;

/// <summary>
/// Runs inside the resilience handler, so once per attempt: stamps a fresh <c>timestamp</c>, the <c>app_key</c> and
/// shop cipher, and a <c>sign</c> over the exact body bytes. A retry therefore never reuses a stale timestamp.
/// </summary>
internal sealed class TikTokShopSigningHandler : DelegatingHandler
{
    private readonly IOptionsMonitor<TikTokShopOptions> _options;
    private readonly TimeProvider _timeProvider;

    public TikTokShopSigningHandler(IOptionsMonitor<TikTokShopOptions> options, TimeProvider timeProvider)
    {
        _options = options;
        _timeProvider = timeProvider;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Options.TryGetValue(TikTokShopRequestDescription.OptionKey, out var description))
        {
            var options = _options.CurrentValue;
            var parameters = new List<KeyValuePair<string, string>>(description.Query.Count + 4)
            {
                new(TikTokShopRequestSigner.AppKeyParameter, options.AppKey),
                new(TikTokShopRequestSigner.TimestampParameter, _timeProvider.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
            };
            if (description.ShopCipher is { } shopCipher)
            {
                parameters.Add(new(TikTokShopRequestSigner.ShopCipherParameter, shopCipher));
            }

            parameters.AddRange(description.Query);
            var sign = TikTokShopRequestSigner.Sign(options.AppSecret, description.Path, parameters, description.Body);
            parameters.Add(new(TikTokShopRequestSigner.SignParameter, sign));
            request.RequestUri = TikTokShopRequestDescription.Combine(
                options.ApiBaseUrl,
                description.Path,
                TikTokShopRequestDescription.BuildQueryString(parameters));
        }

        return base.SendAsync(request, cancellationToken);
    }
}
