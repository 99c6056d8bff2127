namespace GoQ.TikTokSync.TikTokShop.Errors;

/// <summary>What a caller should do about a failed TikTok Shop call.</summary>
public enum TikTokShopErrorClassification
{
    /// <summary>Nothing the caller can fix; look at the code and message.</summary>
    Other = 0,

    /// <summary>Transient (rate limit, platform internal error, network); the same call may be repeated later.</summary>
    Retryable,

    /// <summary>
    /// A write whose result is unknown (timeout, 5xx or platform error after the request left): it may have taken
    /// effect. Read the order or package back before repeating it.
    /// </summary>
    OutcomeUnknown,

    /// <summary>The access token expired (105002); refresh it and repeat once.</summary>
    AccessTokenExpired,

    /// <summary>The seller must authorize the app again (invalid credentials, refresh token expired, bad auth code).</summary>
    ReauthorizationNeeded,

    /// <summary>The token lacks the scope for this API (105005): enable it in Partner Center, then re-authorize.</summary>
    MissingScope,

    /// <summary>The order or package is already shipped; confirm by reading it back.</summary>
    AlreadyShipped,

    /// <summary>The order is on hold (buyer remorse window) and must not be fulfilled yet.</summary>
    OnHold,

    /// <summary>The tracking number or provider was refused.</summary>
    InvalidTracking,

    /// <summary>The request signature was refused (106001): wrong secret or a signer defect.</summary>
    Signature,

    /// <summary>The timestamp was outside the accepted window: the clock is off.</summary>
    Timestamp,
}
