using GoQ.TikTokSync.Core.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GoQ.TikTokSync.Web.Infrastructure;

/// <summary>
/// Who may do what, in one table. Operators import, edit orders and push; only admins change mall settings, users and
/// 保存期間. Enforced on the server for every page and handler by folder conventions, so a new page or handler in an
/// admin area is protected without anyone remembering an attribute (hidden buttons are not protection).
/// </summary>
public static class AccessRules
{
    /// <summary>Admin-only areas: every request to a page under these folders, reads included.</summary>
    public static IReadOnlyList<string> AdminOnlyFolders { get; } = ["/Users", "/Settings"];

    /// <summary>Areas operators may read but not change: any non-GET handler under these folders is admin-only.</summary>
    public static IReadOnlyList<string> AdminOnlyChangeFolders { get; } = ["/MallSettings"];

    /// <summary>
    /// Pages that exist only to change settings (ショップ変更 and the carrier mapping, whose GETs already ask TikTok), and the
    /// OAuth callback, a GET that completes 認証.
    /// </summary>
    public static IReadOnlyList<string> AdminOnlyPages { get; } = ["/MallSettings/Details/Shops", "/MallSettings/Details/Carriers", TikTokShopSetup.CallbackPath];

    public static void Apply(PageConventionCollection conventions)
    {
        foreach (var folder in AdminOnlyFolders)
        {
            conventions.AuthorizeFolder(folder, OperatorSignInSetup.AdminPolicy);
        }

        foreach (var page in AdminOnlyPages)
        {
            conventions.AuthorizePage(page, OperatorSignInSetup.AdminPolicy);
        }

        foreach (var folder in AdminOnlyChangeFolders)
        {
            conventions.AddFolderApplicationModelConvention(folder, model => model.Filters.Add(new AdminOnlyChangesFilter()));
        }
    }

    /// <summary>
    /// An authorization filter, so it runs before model binding, antiforgery validation and the handler: an operator's
    /// POST is refused whatever it carries.
    /// </summary>
    private sealed class AdminOnlyChangesFilter : IAuthorizationFilter
    {
        public void OnAuthorization(AuthorizationFilterContext context)
        {
            var request = context.HttpContext.Request;
            if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            {
                return;
            }

            if (!context.HttpContext.User.IsInRole(AppRoles.Admin))
            {
                context.Result = new ForbidResult();
            }
        }
    }
}
