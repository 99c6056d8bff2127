namespace GoQ.TikTokSync.TikTokShop.Emulator;

/// <summary>
/// Configuration of one emulated TikTok Shop Partner Center app and the sellers that can authorize it.
/// Bindable from the configuration section "Emulator" when the emulator runs on its own.
/// </summary>
public sealed class EmulatorOptions
{
    public const string SectionName = "Emulator";

    public string AppKey { get; set; } = DemoDefaults.AppKey;

    public string AppSecret { get; set; } = DemoDefaults.AppSecret;

    /// <summary>The OAuth client id used only in the seller authorization link; it is not the app key (docs/tiktok-shop-api.md#hosts, docs/tiktok-shop-api.md#pitfalls).</summary>
    public string ServiceId { get; set; } = DemoDefaults.ServiceId;

    /// <summary>Shown to the seller on the consent page.</summary>
    public string AppName { get; set; } = DemoDefaults.AppName;

    /// <summary>The redirect URL "registered in Partner Center"; the consent page always returns there (docs/tiktok-shop-api.md#authorization-link).</summary>
#pragma warning disable CA1056 // The brief fixes this as a string; it is bound from configuration as text.
    public string RedirectUrl { get; set; } = DemoDefaults.RedirectUrl;
#pragma warning restore CA1056

#pragma warning disable CA2227, CA1002 // Settable lists so that configuration binding and object initializers both work.
    public List<EmulatorSellerAccount> Sellers { get; set; } = DemoDefaults.CreateSellers();

    /// <summary>Scope keys returned in <c>granted_scopes</c> of the token responses.</summary>
    public List<string> GrantedScopes { get; set; } = DemoDefaults.CreateGrantedScopes();

    /// <summary>Retry schedule after a non-200 webhook answer; TikTok documents +2 min, +30 min, +3 h, +12 h, then drop (docs/tiktok-shop-api.md#webhook-delivery).</summary>
    public List<TimeSpan> WebhookRetryDelays { get; set; } =
        [TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(30), TimeSpan.FromHours(3), TimeSpan.FromHours(12)];
#pragma warning restore CA2227, CA1002

    /// <summary>Calls allowed per second per app + shop + endpoint before HTTP 429 (docs/tiktok-shop-api.md#rate-limits).</summary>
    public int RateLimitPerSecond { get; set; } = 50;

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromDays(7);

    public TimeSpan AuthCodeLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Orders generated for every shop when the emulator is built.</summary>
    public int SeedOrdersPerShop { get; set; }

    /// <summary>The seeded orders' create times are spread over this span, ending now.</summary>
    public TimeSpan SeedOrdersSpan { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Share (0–1) of generated orders with several lines that TikTok has already cut into two packages before
    /// shipping (docs/tiktok-shop-api.md#order-object, split_or_combine_tag SPLIT); a call without order_line_item_ids then answers 21011048. Off by
    /// default; the demo uses <see cref="DemoDefaults.PreShippingSplitShare"/>.</summary>
    public double PreShippingSplitShare { get; set; }

    /// <summary>Share (0–1) of seeded orders that TikTok combined with the order created just before into one package
    /// (auto_combine_group_id, COMBINED). Off by default; the demo uses <see cref="DemoDefaults.CombinedOrderShare"/>.</summary>
    public double CombinedOrderShare { get; set; }

    /// <summary>Seed of every random choice: the same options give the same orders.</summary>
    public int RandomSeed { get; set; } = 1;

    /// <summary>The app-level webhook URL (Partner Center). Per-shop subscriptions made with the Event API take precedence.</summary>
#pragma warning disable CA1056
    public string? WebhookUrl { get; set; }
#pragma warning restore CA1056

    /// <summary>
    /// How many webhooks are in flight at once. TikTok does not document it (docs/tiktok-shop-api.md#unconfirmed); a sender
    /// that waited for each answer before the next would cap a campaign burst at one receiver round trip per event.
    /// Deliveries are not ordered either way, as TikTok promises no order.
    /// </summary>
    public int WebhookDeliveryConcurrency { get; set; } = 4;

    /// <summary>How long the emulator waits for a webhook receiver before treating the attempt as failed (TikTok allows 3 s, docs/tiktok-shop-api.md#webhook-delivery).</summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(3);
}

/// <summary>A seller who can log in on the consent page; one authorization covers all of the seller's shops.</summary>
public sealed class EmulatorSellerAccount
{
    public string LoginId { get; set; } = "";

    public string Password { get; set; } = "";

    /// <summary>Returned as <c>seller_name</c> by the token endpoints.</summary>
    public string SellerName { get; set; } = "";

    /// <summary>Returned as <c>open_id</c>; generated from the login id when empty.</summary>
    public string? OpenId { get; set; }

#pragma warning disable CA2227, CA1002
    public List<EmulatorShop> Shops { get; set; } = [];
#pragma warning restore CA2227, CA1002
}

/// <summary>A shop as Get Authorized Shops returns it (docs/tiktok-shop-api.md#shops).</summary>
public sealed class EmulatorShop
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public string Region { get; set; } = "JP";

    public string SellerType { get; set; } = "LOCAL";

    public string Cipher { get; set; } = "";

    public string Code { get; set; } = "";

    /// <summary>The seller's shipping warehouse; copied into every order's <c>warehouse_id</c>.</summary>
    public string WarehouseId { get; set; } = "";
}
