namespace GoQ.TikTokSync.TikTokShop;

/// <summary>
/// Where the client gets access tokens for one seller authorization. The application implements it over its token
/// store; the client never sees the store or the refresh token.
/// </summary>
public interface ITikTokShopAccessTokenSource
{
    /// <summary>The current access token.</summary>
    ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Called once when TikTok reported <paramref name="expiredAccessToken"/> as expired (105002). Refresh (or
    /// pick up a token another worker already refreshed), persist, and return the new access token.
    /// </summary>
    ValueTask<string> RefreshAccessTokenAsync(string expiredAccessToken, CancellationToken cancellationToken);
}

/// <summary>The shop a call is for: its cipher and the tokens of the authorization that covers it.</summary>
public sealed record TikTokShopContext
{
    public TikTokShopContext(string shopCipher, ITikTokShopAccessTokenSource tokens)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(shopCipher);
        ArgumentNullException.ThrowIfNull(tokens);
        ShopCipher = shopCipher;
        Tokens = tokens;
    }

    /// <summary>From Get Authorized Shops; sent as <c>shop_cipher</c>.</summary>
    public string ShopCipher { get; }

    public ITikTokShopAccessTokenSource Tokens { get; }
}
