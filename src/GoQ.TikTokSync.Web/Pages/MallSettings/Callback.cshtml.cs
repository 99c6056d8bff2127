using System.Security.Claims;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Malls.Authorize;
using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Core.OperationHistory.Recording;
using GoQ.TikTokSync.Core.Time;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Web.Pages.MallSettings;

/// <summary>
/// TikTok's redirect after the seller's consent (the redirect URL registered in Partner Center points here).
/// Success returns the operator to the connection's page; anything else explains itself and stores nothing.
/// </summary>
public class CallbackModel(ShopAuthorization authorization, TikTokSyncDbContext db, OperationHistoryRecorder history) : PageModel
{
    public AuthorizationResult? Result { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? code, string? state, string? error, CancellationToken cancellationToken)
    {
        Result = await authorization.CompleteAsync(state, code, error, User.FindFirstValue(ClaimTypes.NameIdentifier)!, cancellationToken);
        await RecordAsync(code, state, cancellationToken);
        if (Result.Outcome == AuthorizationOutcome.Authorized)
        {
            TempData["Notice"] = "TikTok Shop の認証が完了しました。[ショップ変更]から連携するショップを選択してください。";
            return Redirect($"/MallSettings/Details/{Result.MallConnectionId}");
        }

        Response.StatusCode = Result.Outcome == AuthorizationOutcome.Denied ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>
    /// One 操作履歴 row when the code was exchanged with TikTok, successfully or not. A callback refused before that (unknown,
    /// foreign, expired or replayed state, 拒否, no code) talked to nobody and changed nothing, so it is not an action on record.
    /// </summary>
    private async Task RecordAsync(string? code, string? state, CancellationToken cancellationToken)
    {
        if (Result is not { Outcome: AuthorizationOutcome.Authorized or AuthorizationOutcome.ExchangeFailed, MallConnectionId: { } connectionId })
        {
            return;
        }

        var connection = await db.MallConnections.AsNoTracking()
            .Where(c => c.Id == connectionId)
            .Select(c => new { c.DisplayName, c.SellerName, c.AuthorizationExpiresAtUtc })
            .SingleAsync(cancellationToken);
        string summary;
        var details = new List<string> { "モール: " + connection.DisplayName };
        if (Result.Outcome == AuthorizationOutcome.Authorized)
        {
            var verb = Result.Reauthorization ? "再認証" : "認証";
            summary = $"「{connection.DisplayName}」を{verb}";
            details.Add($"結果: {verb}しました");
            if (!string.IsNullOrEmpty(connection.SellerName))
            {
                details.Add("セラー: " + connection.SellerName);
            }

            details.Add("認証の有効期限: " + JapanTime.Format(connection.AuthorizationExpiresAtUtc));
        }
        else
        {
            summary = $"「{connection.DisplayName}」の認証に失敗";
            details.Add($"結果: 失敗（TikTok Shop でトークンを取得できませんでした: {WithoutSecrets(Result.Detail, code, state)}）");
        }

        await history.RecordAsync(
            new OperationRecord(OperationKind.Authorization, summary, string.Join('\n', details), Details.ConnectionModel.PageUrl(connectionId)),
            cancellationToken);
    }

    /// <summary>TikTok's error text is kept, but should it ever echo the code or state back, those are masked.</summary>
    private static string WithoutSecrets(string? text, params string?[] secrets)
    {
        var result = string.IsNullOrEmpty(text) ? "理由不明" : text;
        foreach (var secret in secrets)
        {
            if (!string.IsNullOrEmpty(secret))
            {
                result = result.Replace(secret, SettingsChanges.Masked, StringComparison.Ordinal);
            }
        }

        return result;
    }

    public string Message => Result?.Outcome switch
    {
        AuthorizationOutcome.Denied => "認証が拒否されました。TikTok Shop の画面で[承認]を押すと連携できます。",
        AuthorizationOutcome.ExpiredState => "認証の有効時間（10分）を過ぎました。もう一度[認証]からやり直してください。",
        AuthorizationOutcome.ReplayedState => "この認証結果はすでに使用されています。もう一度[認証]からやり直してください。",
        AuthorizationOutcome.ForeignState => "この認証は別のユーザーが開始したものです。ご自身で[認証]からやり直してください。",
        AuthorizationOutcome.UnknownState => "認証の要求が見つかりません。モール詳細設定の[認証]からやり直してください。",
        AuthorizationOutcome.MissingCode => "TikTok Shop から認証コードが返されませんでした。もう一度[認証]からやり直してください。",
        AuthorizationOutcome.ExchangeFailed => $"TikTok Shop でトークンを取得できませんでした（{Result.Detail}）。もう一度[認証]からやり直してください。",
        _ => string.Empty,
    };
}
