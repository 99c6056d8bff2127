namespace GoQ.TikTokSync.TikTokShop.Emulator;

/// <summary>
/// The in-process control surface for tests and the demo: things TikTok's buyers, carriers and back office do, plus
/// fault injection and read-back. Also served as JSON under <c>/_emulator/…</c>, never mixed with API paths.
/// </summary>
public interface IEmulatorControl
{
    /// <summary>The emulator's clock (the injected <see cref="TimeProvider"/>).</summary>
    DateTimeOffset Now { get; }

    IReadOnlyList<EmulatorShop> Shops { get; }

    /// <summary>Generates <paramref name="count"/> orders whose create times fall in [<paramref name="createdFrom"/>, <paramref name="createdUntil"/>);
    /// the part of their life cycle already in the past is applied at once, the rest as the clock advances.</summary>
    IReadOnlyList<string> SeedOrders(string shopId, int count, DateTimeOffset createdFrom, DateTimeOffset createdUntil);

    /// <summary>Creates one order now and announces it by webhook; returns its id.</summary>
    string CreateOrder(string shopId, NewOrderRequest? request = null);

    /// <summary>Cancels as the buyer, seller or system; after the hold a buyer only requests (auto-approved after 24 h).
    /// Returns the order's status afterwards.</summary>
    string CancelOrder(string orderId, CancelInitiator initiator, string? reason = null);

    /// <summary>Cancels one line of an order that goes on with the others (the first open line when <paramref name="lineItemId"/>
    /// is null); sends CANCELLATION_STATUS_CHANGE, leaves update_time alone. Returns the cancelled line's id.</summary>
    string CancelLineItem(string orderId, string? lineItemId = null, CancelInitiator initiator = CancelInitiator.Seller);

    /// <summary>The buyer changes the delivery address of an unshipped order: has_updated_recipient_address turns true and
    /// RECIPIENT_ADDRESS_UPDATE (type 3) is sent; update_time stays (no status change).</summary>
    void ChangeRecipientAddress(string orderId);

    /// <summary>Moves the order one documented step (pay, end of hold, carrier scan, delivery, completion); returns the new status.</summary>
    string AdvanceOrder(string orderId);

    /// <summary>TikTok splits the order's unshipped lines into <paramref name="packages"/> packages before shipping and sends
    /// PACKAGE_UPDATE (sc_type SPLIT); returns the package ids.</summary>
    IReadOnlyList<string> SplitPackages(string orderId, int packages = 2);

    /// <summary>TikTok combines orders of one shop into one package (auto_combine_group_id, COMBINED) and sends
    /// PACKAGE_UPDATE (sc_type COMBINE); shipping the package for one order ships them all. Returns the package id.</summary>
    string CombineOrders(IReadOnlyList<string> orderIds);

    IReadOnlyList<EmulatorOrderSummary> ListOrders(string? shopId = null, string? status = null);

    EmulatorOrderSummary? GetOrder(string orderId);

    /// <summary>What the seller pushed for the order (packages, tracking, call counts), or null for an unknown order.</summary>
    ShippedOrder? GetShipping(string orderId);

    /// <summary>Every order that received a fulfilment call.</summary>
    IReadOnlyList<ShippedOrder> ListShipping(string? shopId = null);

    /// <summary>Every Mark Package As Shipped call received, per order and per package, with totals: applied, refused as
    /// already shipped, refused otherwise, faulted, answer lost.</summary>
    ShipCallRecord GetShipCalls(string? shopId = null);

    /// <summary>An auth code as if the seller had approved on the consent page (valid 30 minutes, single use).</summary>
    string CreateAuthorizationCode(string sellerLoginId, AuthorizationPeriod period = AuthorizationPeriod.Unlimited);

    /// <summary>Code + exchange in one step, for tests that do not exercise OAuth.</summary>
    TokenGrant IssueTokens(string sellerLoginId, AuthorizationPeriod period = AuthorizationPeriod.Unlimited);

    /// <summary>Access tokens expire now (the API then answers 105002). Null: every seller. Returns how many.</summary>
    int ExpireAccessTokens(string? sellerLoginId = null);

    /// <summary>The authorization period ends now: refresh answers 36004001. Returns how many authorizations.</summary>
    int ExpireRefreshTokens(string? sellerLoginId = null);

    /// <summary>The seller deauthorizes: all tokens stop working, SELLER_DEAUTHORIZATION is sent per shop.</summary>
    int RevokeAuthorization(string? sellerLoginId = null);

    FaultSettings GetFaults();

    /// <summary>Replaces all fault settings at once (<see cref="FaultSettings.None"/> turns every fault off); a rate outside
    /// 0–1 or a negative duration throws <see cref="ArgumentException"/>.</summary>
    void SetFaults(FaultSettings faults);

    /// <summary>From now on the shop's calls (of one endpoint, or all) are refused with 105005 or invalid credentials,
    /// after the token check, as if the app lacked the scope or TikTok kept refusing the token. Cleared by
    /// <see cref="ClearAccessRefusals"/> or <see cref="Reset"/>.</summary>
    void RefuseAccess(ShopAccessRefusal refusal);

    IReadOnlyList<ShopAccessRefusal> GetAccessRefusals();

    void ClearAccessRefusals();

    string? GetWebhookUrl();

    /// <summary>The app-level (Partner Center) webhook URL; null stops delivery except to per-shop subscriptions.</summary>
    void SetWebhookUrl(string? url);

    IReadOnlyList<WebhookDeliveryAttempt> GetWebhookDeliveries();

    /// <summary>Forgets orders, tokens, shipments and the ship-call record, subscriptions, faults and delivery history;
    /// optionally re-seeds as configured.</summary>
    void Reset(bool reseed = true);
}
