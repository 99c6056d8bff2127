namespace GoQ.TikTokSync.TikTokShop;

/// <summary>
/// The real TikTok Shop hosts (docs/tiktok-shop-api.md#hosts). They are defaults only: every one of them can be pointed
/// elsewhere (the emulator, a development proxy) through <see cref="TikTokShopOptions"/>.
/// </summary>
/// <remarks>
/// Kept in one place on purpose: no live call confirmed them from this project, so if TikTok moves a host the
/// correction is a one-line change here.
/// </remarks>
public static class TikTokShopHosts
{
    /// <summary>Open API host for every business call, all markets including JP (OAS <c>servers</c>).</summary>
    public const string ApiBaseUrl = "https://open-api.tiktokglobalshop.com";

    /// <summary>Host of the token exchange and refresh endpoints (<c>/api/v2/token/get</c>, <c>/api/v2/token/refresh</c>).</summary>
    public const string AuthBaseUrl = "https://auth.tiktok-shops.com";

    /// <summary>Seller-facing consent page for Rest-of-World markets, which includes Japan.</summary>
    public const string AuthorizeUrl = "https://services.tiktokshop.com/open/authorize";
}
