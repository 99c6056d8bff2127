using System.ComponentModel.DataAnnotations;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.Core.Users.Administer;
using GoQ.TikTokSync.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GoQ.TikTokSync.Web.Pages.Users;

/// <summary>
/// 各種設定 › ユーザー管理 (admins only, reads included). The rules live in <see cref="UserAdministration"/>; this page
/// only collects input and shows results. A one-time password is shown once, in the response to the POST that created
/// it, and kept nowhere (no TempData, no cookie, no log, no 操作履歴).
/// </summary>
[Authorize(Policy = OperatorSignInSetup.AdminPolicy)]
public class IndexModel(UserAdministration administration, UserManager<AppUser> userManager, Microsoft.Extensions.Options.IOptions<OneTimePasswordOptions> oneTimePasswords) : PageModel
{
    public IReadOnlyList<UserListItem> Users { get; private set; } = [];

    public NewUserInput NewUser { get; set; } = new();

    [TempData]
    public string? Notice { get; set; }

    public string? Refusal { get; private set; }

    /// <summary>A success shown in this response (added, password reissued) rather than after a redirect.</summary>
    public string? Success { get; private set; }

    /// <summary>The user a one-time password was just issued for, and the password itself (this response only).</summary>
    public (string Email, string Password)? IssuedPassword { get; private set; }

    /// <summary>How long an issued one-time password works, in whole hours (shown beside it).</summary>
    public int OneTimePasswordHours => (int)oneTimePasswords.Value.OneTimePasswordLifetime.TotalHours;

    public string? CurrentUserId => userManager.GetUserId(User);

    public static IReadOnlyList<string> Roles => AppRoles.All;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Users = await administration.ListAsync(cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        if (!await TryUpdateModelAsync(NewUser, nameof(NewUser)))
        {
            return await ShowAsync(cancellationToken);
        }

        var result = await administration.AddAsync(ActorId, new NewUser(NewUser.DisplayName, NewUser.Email, NewUser.Role), cancellationToken);
        if (!result.Succeeded)
        {
            if (result.Field is not null)
            {
                ModelState.AddModelError($"{nameof(NewUser)}.{result.Field}", result.Message);
            }
            else
            {
                Refusal = result.Message;
            }

            return await ShowAsync(cancellationToken);
        }

        NewUser = new NewUserInput();
        ModelState.Clear();
        return await ShowIssuedPasswordAsync(result, cancellationToken);
    }

    public async Task<IActionResult> OnPostRoleAsync(string? id, string? role, CancellationToken cancellationToken) =>
        await AfterChangeAsync(await administration.ChangeRoleAsync(ActorId, id ?? string.Empty, role ?? string.Empty, cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostDisableAsync(string? id, CancellationToken cancellationToken) =>
        await AfterChangeAsync(await administration.DisableAsync(ActorId, id ?? string.Empty, cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostEnableAsync(string? id, CancellationToken cancellationToken) =>
        await AfterChangeAsync(await administration.EnableAsync(ActorId, id ?? string.Empty, cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostResetPasswordAsync(string? id, CancellationToken cancellationToken)
    {
        var result = await administration.ResetPasswordAsync(ActorId, id ?? string.Empty, cancellationToken);
        if (!result.Succeeded)
        {
            Refusal = result.Message;
            return await ShowAsync(cancellationToken);
        }

        return await ShowIssuedPasswordAsync(result, cancellationToken);
    }

    private string ActorId => userManager.GetUserId(User) ?? string.Empty;

    private async Task<IActionResult> AfterChangeAsync(UserAdminResult result, CancellationToken cancellationToken)
    {
        if (!result.Succeeded)
        {
            Refusal = result.Message;
            return await ShowAsync(cancellationToken);
        }

        Notice = result.Message;
        return Redirect("/Users#user-" + result.UserId);
    }

    private async Task<IActionResult> ShowIssuedPasswordAsync(UserAdminResult result, CancellationToken cancellationToken)
    {
        // The page carries a password: no browser or proxy may keep a copy (the back button must not show it again).
        Response.Headers.CacheControl = "no-store";
        Response.Headers.Pragma = "no-cache";
        Users = await administration.ListAsync(cancellationToken);
        IssuedPassword = (Users.FirstOrDefault(u => u.Id == result.UserId)?.Email ?? string.Empty, result.OneTimePassword!);
        Success = result.Message;
        return Page();
    }

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        Users = await administration.ListAsync(cancellationToken);
        return Page();
    }

    public sealed class NewUserInput
    {
        [Required(ErrorMessage = "表示名を入力してください。")]
        [StringLength(UserAdministration.DisplayNameMaxLength, ErrorMessage = "表示名は50文字以内で入力してください。")]
        [Display(Name = "表示名")]
        public string DisplayName { get; set; } = string.Empty;

        [Required(ErrorMessage = "メールアドレスを入力してください。")]
        [EmailAddress(ErrorMessage = "メールアドレスの形式が正しくありません。")]
        [StringLength(256, ErrorMessage = "メールアドレスが長すぎます。")]
        [Display(Name = "メールアドレス (ログインID)")]
        public string Email { get; set; } = string.Empty;

        [Required(ErrorMessage = "権限を選択してください。")]
        [Display(Name = "権限")]
        public string Role { get; set; } = AppRoles.Operator;
    }
}
