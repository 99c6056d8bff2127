namespace GoQ.TikTokSync.TikTokShop.Models;

/// <summary>
/// Tokens from the token exchange or refresh. Both expiries are absolute instants: TikTok's
/// <c>*_expire_in</c> fields are Unix timestamps despite their names.
/// </summary>
public sealed record TikTokShopToken
{
    public required string AccessToken { get; init; }

    public required DateTimeOffset AccessTokenExpiresAt { get; init; }

    /// <summary>A refresh returns a new one; persist both tokens together before anything else.</summary>
    public required string RefreshToken { get; init; }

    /// <summary>End of the seller's authorization.</summary>
    public required DateTimeOffset RefreshTokenExpiresAt { get; init; }

    public string? OpenId { get; init; }

    public string? SellerName { get; init; }

    public string? SellerBaseRegion { get; init; }

    /// <summary>0 seller, 1 creator, 3 partner; an order app expects 0.</summary>
    public int? UserType { get; init; }

    public IReadOnlyList<string> GrantedScopes { get; init; } = [];

    // The generated record ToString would print both tokens into any log that formats this object.
    public override string ToString() =>
        $"TikTokShopToken {{ OpenId = {OpenId}, SellerName = {SellerName}, SellerBaseRegion = {SellerBaseRegion}, UserType = {UserType}, AccessTokenExpiresAt = {AccessTokenExpiresAt:O}, RefreshTokenExpiresAt = {RefreshTokenExpiresAt:O} }}";
}
