using System.Security.Claims;
using GoQ.TikTokSync.Core.Malls.Authorization;
using GoQ.TikTokSync.Core.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GoQ.TikTokSync.Web.Pages.MallSettings;

/// <summary>
/// TikTok's redirect after the seller's consent (the redirect URL registered in Partner Center points here).
/// Success returns the operator to the connection's page; anything else explains itself and stores nothing.
/// </summary>
public class CallbackModel(ShopAuthorization authorization) : PageModel
{
    public AuthorizationResult? Result { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? code, string? state, string? error, CancellationToken cancellationToken)
    {
        if (!User.IsInRole(AppRoles.Admin))
        {
            return Forbid();
        }

        Result = await authorization.CompleteAsync(state, code, error, User.FindFirstValue(ClaimTypes.NameIdentifier)!, cancellationToken);
        if (Result.Outcome == AuthorizationOutcome.Authorized)
        {
            TempData["Notice"] = "TikTok Shop の認証が完了しました。[ショップ変更]から連携するショップを選択してください。";
            return Redirect($"/MallSettings/Details/{Result.MallConnectionId}");
        }

        Response.StatusCode = Result.Outcome == AuthorizationOutcome.Denied ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest;
        return Page();
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
