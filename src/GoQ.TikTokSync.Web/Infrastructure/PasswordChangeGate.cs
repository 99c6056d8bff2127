using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GoQ.TikTokSync.Web.Infrastructure;

/// <summary>
/// While a signed-in user still has a one-time password, every endpoint that needs a signed-in user leads to
/// パスワード変更: pages redirect there, anything else (the job dashboard) answers 403. Only パスワード変更 and ログアウト
/// stay reachable; pages open to anyone (ログイン, アクセス権限なし, エラー) are never gated.
/// </summary>
/// <remarks>
/// Hooked into the authorization middleware's result step rather than added as a middleware of its own: that step runs
/// for exactly the endpoints that require a signed-in user, after authentication (including the security-stamp check
/// that refreshes the claim) and endpoint selection, and needs no line in Program.cs that could be put in the wrong place.
/// </remarks>
public sealed class PasswordChangeGate : IAuthorizationMiddlewareResultHandler
{
    public const string ChangePasswordPage = "/Account/ChangePassword";

    private static readonly string[] ReachablePages = [ChangePasswordPage, "/Account/Logout"];

    private readonly AuthorizationMiddlewareResultHandler _standard = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (authorizeResult.Challenged
            || context.User.Identity?.IsAuthenticated != true
            || !UserSessionClaimsFactory.MustChangePassword(context.User))
        {
            return _standard.HandleAsync(next, context, policy, authorizeResult);
        }

        var page = context.GetEndpoint()?.Metadata.GetMetadata<PageActionDescriptor>();
        if (page is not null && ReachablePages.Contains(page.ViewEnginePath, StringComparer.OrdinalIgnoreCase))
        {
            return _standard.HandleAsync(next, context, policy, authorizeResult);
        }

        if (page is not null)
        {
            context.Response.Redirect(ChangePasswordPage);
        }
        else
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
        }

        return Task.CompletedTask;
    }
}
