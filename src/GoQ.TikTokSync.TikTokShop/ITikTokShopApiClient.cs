using GoQ.TikTokSync.TikTokShop.Models;

namespace GoQ.TikTokSync.TikTokShop;

/// <summary>
/// The signed Open API calls an order-management back office needs. Failures surface as
/// <see cref="Errors.TikTokShopApiException"/>; an expired access token is refreshed once and the call repeated.
/// </summary>
public interface ITikTokShopApiClient
{
    /// <summary>Shops the authorization covers (no shop cipher is sent to this endpoint).</summary>
    Task<IReadOnlyList<TikTokAuthorizedShop>> GetAuthorizedShopsAsync(
        ITikTokShopAccessTokenSource tokens,
        CancellationToken cancellationToken = default);

    /// <summary>One page of order search; pass the previous page's <c>NextPageToken</c> to continue.</summary>
    Task<TikTokOrderSearchPage> SearchOrdersPageAsync(
        TikTokShopContext shop,
        TikTokOrderSearchRequest request,
        string? pageToken = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Every page from <paramref name="startPageToken"/> (null: the first) to the end. Throws
    /// <see cref="Errors.TikTokShopPageTokenRepeatedException"/> if TikTok hands back a token it already gave.
    /// </summary>
    IAsyncEnumerable<TikTokOrderSearchPage> SearchOrderPagesAsync(
        TikTokShopContext shop,
        TikTokOrderSearchRequest request,
        string? startPageToken = null,
        CancellationToken cancellationToken = default);

    /// <summary>Every order the search matches, across all pages.</summary>
    IAsyncEnumerable<TikTokOrder> SearchOrdersAsync(
        TikTokShopContext shop,
        TikTokOrderSearchRequest request,
        CancellationToken cancellationToken = default);

    /// <summary>Order detail for any number of ids, fetched 50 per call; duplicates are asked for once.</summary>
    Task<IReadOnlyList<TikTokOrder>> GetOrderDetailsAsync(
        TikTokShopContext shop,
        IEnumerable<string> orderIds,
        CancellationToken cancellationToken = default);

    Task<IReadOnlyList<TikTokShippingProvider>> GetShippingProvidersAsync(
        TikTokShopContext shop,
        string deliveryOptionId,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Pushes self-shipment tracking. Not repeated after a timeout or 5xx: such failures come back as
    /// <see cref="Errors.TikTokShopErrorClassification.OutcomeUnknown"/>, and the caller reads the order back.
    /// </summary>
    Task<TikTokMarkPackageShippedResult> MarkPackageAsShippedAsync(
        TikTokShopContext shop,
        string orderId,
        TikTokMarkPackageShippedRequest request,
        CancellationToken cancellationToken = default);

    /// <summary>Corrects tracking on an order already shipped (once per order in Japan).</summary>
    Task UpdateShippingInfoAsync(
        TikTokShopContext shop,
        string orderId,
        TikTokUpdateShippingInfoRequest request,
        CancellationToken cancellationToken = default);

    /// <summary>Corrects tracking on one shipped package (the way for an order TikTok split or combined; one correction per
    /// package in Japan).</summary>
    Task UpdatePackageShippingInfoAsync(
        TikTokShopContext shop,
        string packageId,
        TikTokUpdateShippingInfoRequest request,
        CancellationToken cancellationToken = default);

    Task<TikTokPackageDetail> GetPackageDetailAsync(
        TikTokShopContext shop,
        string packageId,
        CancellationToken cancellationToken = default);
}

/// <summary>Seller authorization: the consent link and the unsigned token endpoints on the auth host.</summary>
public interface ITikTokShopAuthClient
{
    /// <summary>The consent page URL (<c>service_id</c> + <c>state</c>); TikTok echoes the state to the redirect URL.</summary>
    Uri BuildAuthorizationUrl(string? state);

    /// <summary>Exchanges a single-use auth code (valid 30 minutes). Never retried automatically.</summary>
    Task<TikTokShopToken> GetAccessTokenAsync(string authCode, CancellationToken cancellationToken = default);

    /// <summary>Returns new access and refresh tokens; persist both before anything else.</summary>
    Task<TikTokShopToken> RefreshAccessTokenAsync(string refreshToken, CancellationToken cancellationToken = default);
}
