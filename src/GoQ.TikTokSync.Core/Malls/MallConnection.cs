using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.TikTokShop.Models;

namespace GoQ.TikTokSync.Core.Malls;

/// <summary>
/// One TikTok Shop connection (モール選択 row + モール詳細設定 page): its settings, its encrypted tokens and the chosen shop.
/// A seller may run several ("TikTok Shop 1号店", "2号店"), each authorized separately.
/// </summary>
public class MallConnection
{
    public int Id { get; set; }

    public MallKind Mall { get; set; } = MallKind.TikTokShop;

    /// <summary>利用</summary>
    public bool IsEnabled { get; set; } = true;

    /// <summary>管理用店舗名</summary>
    public string DisplayName { get; set; } = string.Empty;

    /// <summary>主に利用する配送業者</summary>
    public Carrier PrimaryCarrier { get; set; } = Carrier.Yamato;

    /// <summary>表示順</summary>
    public int DisplayOrder { get; set; }

    public AuthorizationState AuthorizationState { get; set; } = AuthorizationState.NotAuthorized;

    /// <summary>Access and refresh tokens, encrypted with ASP.NET Core Data Protection; never stored or logged in clear.</summary>
    public string? ProtectedAccessToken { get; set; }

    public string? ProtectedRefreshToken { get; set; }

    public DateTime? AccessTokenExpiresAtUtc { get; set; }

    /// <summary>End of the seller's authorization (the refresh token's expiry).</summary>
    public DateTime? AuthorizationExpiresAtUtc { get; set; }

    public DateTime? AuthorizedAtUtc { get; set; }

    public DateTime? LastTokenRefreshAtUtc { get; set; }

    /// <summary>Why the connection needs 再認証, in Japanese, when AuthorizationState says so.</summary>
    public string? ReauthorizationReason { get; set; }

    public string? SellerName { get; set; }

    public string? TikTokShopId { get; set; }

    public string? ShopCipher { get; set; }

    public string? ShopName { get; set; }

    public string? ShopRegion { get; set; }

    public string? ShopCode { get; set; }

    /// <summary>TikTok Shop 取得ステータス: the TikTok order status fetched (AWAITING_SHIPMENT by default).</summary>
    public TikTokOrderStatus FetchTikTokStatus { get; set; } = TikTokOrderStatus.AwaitingShipment;

    /// <summary>受注格納先ステータス</summary>
    public GoqOrderStatus TargetGoqStatus { get; set; } = GoqOrderStatus.NewOrder;

    /// <summary>受注を取得する日数</summary>
    public int FetchDays { get; set; } = MallSettingsRules.DefaultFetchDays;

    /// <summary>自動取得 (10分)</summary>
    public bool AutoFetchEnabled { get; set; }

    /// <summary>自動書き出し</summary>
    public bool AutoExportEnabled { get; set; }

    /// <summary>発送情報更新後の受注ステータス: where an order moves once all its packages reached TikTok; null leaves it.</summary>
    public GoqOrderStatus? StatusAfterPush { get; set; }

    /// <summary>Incremental import cursor: every order updated before this instant has been stored.</summary>
    public DateTime? ImportCursorUtc { get; set; }

    /// <summary>When the last full-window reconciliation ran (once a day, and on every configured-days fetch).</summary>
    public DateTime? LastReconciliationAtUtc { get; set; }

    public DateTime? LastSuccessfulFetchAtUtc { get; set; }

    /// <summary>Failed automatic fetches in a row; reset by a successful one. Shown on the ホーム sync-health card.</summary>
    public int ConsecutiveFetchFailures { get; set; }

    /// <summary>
    /// A per-connection lease so that fetches of one connection never overlap, across threads and app nodes.
    /// Taken and released with single conditional UPDATEs; an expired lease (a crashed node) can be taken over.
    /// </summary>
    public string? FetchLeaseOwner { get; set; }

    public DateTime? FetchLeaseUntilUtc { get; set; }

    /// <summary>When the last correctly signed webhook for this shop arrived (shown on the connection page).</summary>
    public DateTime? LastWebhookAtUtc { get; set; }

    /// <summary>
    /// Set while a webhook order sync is queued for this connection, so a burst of notifications queues one job that
    /// takes them all. Cleared by that job before it reads the notifications.
    /// </summary>
    public DateTime? WebhookSyncQueuedAtUtc { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    /// <summary>Optimistic concurrency: token refreshes on two nodes must not overwrite each other.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    /// <summary>
    /// Why nothing can be fetched from or pushed to TikTok for this connection, in the Japanese the operator reads; null
    /// when it can sync. The one rule every fetch, push and page asks.
    /// </summary>
    public string? SyncBlockReason => this switch
    {
        { IsEnabled: false } => MallConnectionDisabledException.JapaneseReason,
        { AuthorizationState: AuthorizationState.ReauthorizationRequired } => "再認証が必要です",
        { AuthorizationState: not AuthorizationState.Authorized } => "未認証",
        { ShopCipher: null or "" } => "ショップ未選択",
        _ => null,
    };

    public bool CanSync => SyncBlockReason is null;

    /// <summary>Why the 10-minute 自動取得 does not run for this connection (自動取得オフ, or any reason it cannot sync); null when it runs.</summary>
    public string? AutoFetchBlockReason => IsEnabled && !AutoFetchEnabled ? "自動取得オフ" : SyncBlockReason;

    /// <summary>Marks the connection changed, so a token refresh or a settings form that read it before cannot overwrite this.</summary>
    public void Touch(DateTime nowUtc)
    {
        UpdatedAtUtc = nowUtc;
        Version = Guid.NewGuid();
    }
}

public enum MallKind
{
    TikTokShop,
}

public enum AuthorizationState
{
    NotAuthorized,
    Authorized,
    ReauthorizationRequired,
}
