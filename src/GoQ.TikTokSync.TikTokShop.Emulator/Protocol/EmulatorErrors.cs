namespace GoQ.TikTokSync.TikTokShop.Emulator.Protocol;

/// <summary>One error the emulator answers with: the body code, its message text and the HTTP status it travels with.</summary>
public sealed record EmulatorError(int Code, string Message, int HttpStatus = 200)
{
    public EmulatorError WithMessage(string message) => this with { Message = message };
}

/// <summary>
/// Every error code and message text the emulator sends, in one place so that a wrong guess is cheap to correct.
/// Citations point at sections of docs/tiktok-shop-api.md; texts quoted from Partner Center pages are marked "docv2".
/// Errors travel with HTTP 200 and a non-zero code unless noted (docs/tiktok-shop-api.md#envelope); only rate limiting uses HTTP 429 (docs/tiktok-shop-api.md#rate-limits).
/// </summary>
public static class EmulatorErrors
{
    // --- Gateway: credentials, signature, timestamp (docs/tiktok-shop-api.md#common-parameters, docs/tiktok-shop-api.md#error-codes; docv2 common-errors) ---

    public static readonly EmulatorError MissingSignature =
        new(36009004, "Missing credentials. The request does not include a required signature in the query.");

    public static readonly EmulatorError InvalidSignature =
        new(106001, "Invalid credentials. The `sign` query parameter is invalid.");

    public static readonly EmulatorError InvalidAppKey =
        new(36009004, "Invalid credentials. Invalid `app_key` query parameter.");

    public static readonly EmulatorError NegativeTimestamp =
        new(36009004, "Invalid timestamp. The value of the `timestamp` query parameter must not be lesser than 0.");

    public static readonly EmulatorError StaleTimestamp =
        new(36009004, "Invalid timestamp. The value of the `timestamp` query parameter must not be earlier than 5 minutes before the current time.");

    public static readonly EmulatorError FutureTimestamp =
        new(36009004, "Invalid timestamp. The value of the `timestamp` query parameter must not exceed the current time by more than 30 seconds.");

    /// <summary>Missing, unknown or revoked <c>x-tts-access-token</c> (docs/tiktok-shop-api.md#token-errors).</summary>
    public static readonly EmulatorError InvalidAccessToken =
        new(36009004, "Invalid credentials. The `x-tts-access-token` header is invalid.");

    /// <summary>docs/tiktok-shop-api.md#token-errors: 105002, docv2 text.</summary>
    public static readonly EmulatorError ExpiredAccessToken =
        new(105002, "Expired credentials. The `access_token` or `x-tts-access-token` header has expired.");

    /// <summary>docs/tiktok-shop-api.md#common-parameters: shop-scoped endpoint called without <c>shop_cipher</c>.</summary>
    public static readonly EmulatorError MissingShopCipher =
        new(106013, "Missing identifier. The `shop_cipher` query parameter is required to identify the target shop.");

    /// <summary>docs/tiktok-shop-api.md#common-parameters, docs/tiktok-shop-api.md#pitfalls: <c>shop_cipher</c> sent to /authorization/*.</summary>
    public static readonly EmulatorError UnexpectedShopCipher =
        new(36009004, "Unexpected identifier. The `shop_cipher` query parameter is not required for this request.");

    /// <summary>docs/tiktok-shop-api.md#token-errors: a token not linked to the <c>shop_cipher</c> shop.</summary>
    public static readonly EmulatorError TokenShopMismatch =
        new(101000, "Invalid query or header. The `category_asset_cipher` query parameter or `x-tts-access-token` header is invalid.");

    public static readonly EmulatorError MissingScope =
        new(105005, "Access denied. The app is not authorized to access the endpoint because the access scopes granted for the app or the access token do not contain the required access scope for the endpoint.");

    // --- Gateway: transport (docs/tiktok-shop-api.md#error-codes, docs/tiktok-shop-api.md#rate-limits) ---

    public static readonly EmulatorError RateLimited =
        new(36009002, "Too many requests. You've made too many requests in a short period of time.", 429);

    public static readonly EmulatorError InternalError =
        new(36009003, "Internal error. Please try again. If the issue persists after multiple attempts, please contact platform support.");

    /// <summary>Injected HTTP 5xx. TikTok does not document a body for these; the emulator sends the 36009003 envelope (UNCONFIRMED).</summary>
    public static readonly EmulatorError ServiceUnavailable =
        new(36009003, "Internal error. Please try again. If the issue persists after multiple attempts, please contact platform support.", 503);

    public static readonly EmulatorError InvalidPath =
        new(36009009, "Invalid path. The specified path does not match any available endpoint.", 404);

    public static readonly EmulatorError InvalidMethod =
        new(36009010, "Invalid method. The HTTP method used is not supported by this endpoint.", 405);

    public static readonly EmulatorError InvalidRequestFormat =
        new(36009022, "Invalid request format. The request body format must be `application/json` for structured data or `multipart/form-data` for binary files.");

    /// <summary>
    /// docs/tiktok-shop-api.md#error-codes: "Parameter {name} is invalid. Reason … Expected …" (98001004). The exact wording after the parameter name is
    /// UNCONFIRMED; only the code and the opening are documented.
    /// </summary>
    public static EmulatorError InvalidParameter(string name, string reason, string expected) =>
        new(98001004, $"Parameter {name} is invalid. Reason: {reason}. Expected: {expected}.");

    public static readonly EmulatorError InvalidPageSize =
        InvalidParameter("page_size", "page_size is out of range", "1 <= page_size <= 100");

    /// <summary>docs/tiktok-shop-api.md#order-detail: at most 50 ids. The code for too many ids is not documented; 98001004 is the generic one (UNCONFIRMED).</summary>
    public static readonly EmulatorError TooManyOrderIds =
        InvalidParameter("ids", "too many order ids", "at most 50 order ids");

    public static readonly EmulatorError MissingOrderIds =
        InvalidParameter("ids", "no order id given", "1 to 50 comma-separated order ids");

    public static readonly EmulatorError InvalidPageToken =
        InvalidParameter("page_token", "the page token is not one this search returned", "the next_page_token of the previous page");

    public static readonly EmulatorError InvalidSearchBody =
        InvalidParameter("body", "the request body is not a valid search condition", "a JSON object with the documented fields");

    // --- Auth host (docs/tiktok-shop-api.md#oauth) ---

    /// <summary>docs/tiktok-shop-api.md#token-errors / docv2: used, expired or unknown auth code.</summary>
    public static readonly EmulatorError InvalidAuthCode = new(36004004, "Invalid auth code.");

    /// <summary>grant_type other than the literal <c>authorized_code</c> / <c>refresh_token</c>. The real code is UNCONFIRMED.</summary>
    public static readonly EmulatorError InvalidGrantType =
        InvalidParameter("grant_type", "unsupported grant type", "authorized_code for token/get, refresh_token for token/refresh");

    /// <summary>Wrong app_secret on the token endpoints; the real code and text are UNCONFIRMED.</summary>
    public static readonly EmulatorError InvalidAppSecret =
        new(36009004, "Invalid credentials. Invalid `app_secret` query parameter.");

    /// <summary>docs/tiktok-shop-api.md#token-errors: "rt has expired" (36004001), the seller's authorization period is over.</summary>
    public static readonly EmulatorError ExpiredRefreshToken = new(36004001, "rt has expired");

    /// <summary>Unknown, revoked or already rotated refresh token. TikTok documents no code for it (UNCONFIRMED).</summary>
    public static readonly EmulatorError InvalidRefreshToken = new(36004004, "Invalid refresh token.");

    // --- Orders (docs/tiktok-shop-api.md#order-detail) ---

    public static readonly EmulatorError OrderNotInShop =
        new(21008111, "The order or package does not belong to the current seller");

    // --- Logistics (docs/tiktok-shop-api.md#shipping-providers) ---

    public static readonly EmulatorError UnknownDeliveryOption =
        new(21008116, "No Subscription without specified delivery option");

    // --- Fulfilment (docs/tiktok-shop-api.md#mark-package-as-shipped, docs/tiktok-shop-api.md#correcting-tracking; docv2 mark-package-as-shipped and update-shipping-info error tables) ---

    public static readonly EmulatorError InvalidFulfillmentParameters =
        new(21001001, "Invalid parameters. Please ensure you are passing the correct request parameter(s).");

    /// <summary>docs/tiktok-shop-api.md#order-statuses, docs/tiktok-shop-api.md#pitfalls. Only "Order status is on hold" is documented; the rest of the text is UNCONFIRMED.</summary>
    public static readonly EmulatorError OrderOnHold =
        new(21011044, "Order status is on hold. Please wait until the order status changes to AWAITING_SHIPMENT.");

    public static readonly EmulatorError OrderAlreadyShipped = new(21011006, "These orders are already shipped.");

    public static readonly EmulatorError PackageAlreadyShipped =
        new(21008099, "Package has been shipped. Please not ship the package again.");

    public static readonly EmulatorError NotAwaitingShipment =
        new(21042057, "These orders are not in the Awaiting shipment status. Couldn't create labels for them.");

    /// <summary>Cancelled order on a fulfilment call; docs/tiktok-shop-api.md#ship-package, docs/tiktok-shop-api.md#correcting-tracking list 21011041 for this (chosen for Mark Package As Shipped too, UNCONFIRMED).</summary>
    public static readonly EmulatorError OrderCancelled =
        new(21011041, "Cannot complete the operation when order is cancelled.");

    /// <summary>A buyer's cancel request is pending; the seller has to answer it before shipping.</summary>
    public static readonly EmulatorError AfterSaleRequestPending =
        new(21011007, "Package item has after-sale request, please process the after-sale request first.");

    public static readonly EmulatorError TrackingSpecialCharacters =
        new(21004012, "Tracking number has special characters, verify failed.");

    public static readonly EmulatorError TrackingProviderMismatch = new(21004015, "Tracking number mismatch provider.");

    public static readonly EmulatorError InvalidTrackingOrProvider =
        new(21011022, "Invalid tracking number or provider ID. Please double check and try again.");

    public static readonly EmulatorError DuplicateTrackingNumber = new(21011025, "Duplicate tracking number.");

    /// <summary>docs/tiktok-shop-api.md#jp-fulfilment-flow: in-shipping consolidation allows at most 20 orders per tracking number.</summary>
    public static readonly EmulatorError TrackingUsedTooManyTimes =
        new(21011026, "fulfillment tracking no used times over limit");

    public static readonly EmulatorError MultiplePackagesSpecifyLines =
        new(21011048, "There are multiple packages that can be shipped, please specify the order line that needs to be shipped.");

    public static readonly EmulatorError NotShippedYet = new(21011043, "The package has not been shipped yet.");

    /// <summary>docs/tiktok-shop-api.md#correcting-tracking: JP allows one update per order.</summary>
    public static readonly EmulatorError TrackingUpdatedOnce = new(21011051, "The tracking number can only be updated once.");

    public static readonly EmulatorError AlreadyDelivered =
        new(21011030, "Package has already been delivered. If you would still like to update the tracking number, please contact the platform for assistance.");

    public static readonly EmulatorError PackageNotInShop = new(21011028, "The package does not belong to the current shop.");

    // --- Event API (docs/tiktok-shop-api.md#webhook-subscriptions) ---

    public static readonly EmulatorError InvalidWebhookAddress =
        InvalidParameter("address", "the address is empty or longer than 255 characters", "an https URL of at most 255 characters");

    public static readonly EmulatorError InvalidEventType =
        InvalidParameter("event_type", "unknown event type", "one of the documented event types");
}
