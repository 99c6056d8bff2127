using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.TikTokShop.Errors;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Core.Jobs;

/// <summary>The Japanese reasons a 自動処理ログ entry gets when a run ends early, for the operator reading the log.</summary>
public static class RunFailureReasons
{
    public const string AppStopping = "アプリの停止により中断しました";

    public const string LeaseLost = "同じ店舗の別の処理に実行権が移ったため中断しました";

    public const string NodeStopped = "処理していたサーバーが停止したため中断しました";

    public const string NeverStarted = "ジョブが開始されないまま時間が経過したため中断しました";

    /// <summary>What the operator is told about an exception that ended a run; unknown ones name their type for support.</summary>
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            ReauthorizationRequiredException => "再認証が必要です",
            CryptographicException => "保存されているトークンを復号できませんでした（データ保護キーが失われた可能性があります）。再認証してください。",
            TikTokShopPageTokenRepeatedException => "TikTok Shop が同じページを繰り返し返したため取得を中断しました。次回の取得で再度取得します。",
            TikTokShopApiException api => $"TikTok Shop との通信に失敗しました（{api.Code?.ToString(CultureInfo.InvariantCulture) ?? api.Classification.ToString()}）",
            TikTokShopClientRateLimitException => "TikTok Shop への呼び出しが混み合っているため中断しました",
            HttpRequestException => "TikTok Shop に接続できませんでした",
            DbUpdateConcurrencyException => "他の処理と同時に更新されたため中断しました",
            DbUpdateException or DbException => "データベースへの保存に失敗しました",
            TimeoutException or TaskCanceledException => "処理がタイムアウトしました",
            _ => $"予期しないエラーで中断しました（{exception.GetType().Name}）",
        };
    }
}
