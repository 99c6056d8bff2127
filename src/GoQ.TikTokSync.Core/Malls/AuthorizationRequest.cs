namespace GoQ.TikTokSync.Core.Malls;

/// <summary>
/// One 認証 click: the random OAuth state sent to TikTok, bound to the operator and the connection, single use and short-lived.
/// </summary>
public class AuthorizationRequest
{
    /// <summary>The state value itself (URL-safe random, 256 bits).</summary>
    public string State { get; set; } = string.Empty;

    public int MallConnectionId { get; set; }

    public string UserId { get; set; } = string.Empty;

    public DateTime CreatedAtUtc { get; set; }

    public DateTime ExpiresAtUtc { get; set; }

    public DateTime? ConsumedAtUtc { get; set; }
}
