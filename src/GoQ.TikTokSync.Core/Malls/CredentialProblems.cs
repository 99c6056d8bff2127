using System.Globalization;
using GoQ.TikTokSync.TikTokShop.Errors;

namespace GoQ.TikTokSync.Core.Malls;

/// <summary>
/// TikTok answers that no retry or token refresh can fix, only the operator (see docs/tiktok-shop-api.md, errors and
/// scopes): a missing API scope (105005), an access token TikTok still calls invalid after the client refreshed it, the
/// app key or secret refused. The connection is then held as 再認証が必要です with this reason, which pauses its fetches
/// and pushes (<see cref="MallConnection.SyncBlockReason"/>), shows the banner, and is cleared by re-authorizing. Held by
/// <c>Malls/Authorize/CredentialHold</c> wherever a fetch, push or job run meets such an answer.
/// </summary>
public static class CredentialProblems
{
    /// <summary>
    /// The Japanese reason to hold the connection for, or null when the failure is not a credential problem. Only a TikTok
    /// answer itself counts: a <see cref="ReauthorizationRequiredException"/> was already recorded with its own reason.
    /// </summary>
    public static string? HoldReason(Exception exception) =>
        exception is TikTokShopApiException api ? HoldReason(api) : null;

    public static string? HoldReason(TikTokShopApiException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var code = error.Code?.ToString(CultureInfo.InvariantCulture);
        return error switch
        {
            { Classification: TikTokShopErrorClassification.MissingScope } =>
                $"TikTok Shop がAPIの権限不足のため呼び出しを拒否しました（{code}: {error.Path}）。Partner Centerで必要なAPI権限を有効にしてから再認証してください。",
            { Classification: TikTokShopErrorClassification.Signature } =>
                $"TikTok Shop がリクエストの署名を拒否しました（{code}）。アプリの App Secret の設定を確認してから再認証してください。",
            { Classification: TikTokShopErrorClassification.ReauthorizationNeeded, Code: not null } when RefusesAppKey(error) =>
                $"TikTok Shop がアプリの App Key を受け付けませんでした（{code}）。App Key / App Secret の設定を確認してから再認証してください。",
            { Classification: TikTokShopErrorClassification.ReauthorizationNeeded, Code: not null } =>
                $"TikTok Shop がアクセストークンを受け付けませんでした（{code}）。トークンを更新しても解消しないため、再認証してください。",
            _ => null,
        };
    }

    private static bool RefusesAppKey(TikTokShopApiException error) =>
        error.ApiMessage?.Contains("app_key", StringComparison.OrdinalIgnoreCase) == true;
}
