using System.ComponentModel.DataAnnotations;
using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Core.OperationHistory.Recording;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GoQ.TikTokSync.Web.Pages.Account;

/// <summary>
/// パスワード変更, for every signed-in user; the only page (with ログアウト) a user with a one-time password can reach.
/// A change renews the security stamp, so every other session of the user ends within a minute; this one is re-issued.
/// </summary>
public class ChangePasswordModel(UserManager<AppUser> userManager, SignInManager<AppUser> signInManager, OperationHistoryRecorder history) : PageModel
{
    public const string ChangedNotice = "パスワードを変更しました。";

    [BindProperty]
    public ChangePasswordInput Input { get; set; } = new();

    /// <summary>The user still has the one-time password an admin issued.</summary>
    public bool IsRequired => UserSessionClaimsFactory.MustChangePassword(User);

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await userManager.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (string.Equals(Input.CurrentPassword, Input.NewPassword, StringComparison.Ordinal))
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(ChangePasswordInput.NewPassword)}", "新しいパスワードには現在のパスワードと異なるものを入力してください。");
            return Page();
        }

        // Saved by ChangePasswordAsync together with the new hash and stamp, so the flag never clears without the change.
        var wasRequired = user.MustChangePassword;
        var wasExpiring = user.OneTimePasswordExpiresAtUtc;
        user.MustChangePassword = false;
        user.OneTimePasswordExpiresAtUtc = null;
        var changed = await userManager.ChangePasswordAsync(user, Input.CurrentPassword, Input.NewPassword);
        if (!changed.Succeeded)
        {
            user.MustChangePassword = wasRequired;
            user.OneTimePasswordExpiresAtUtc = wasExpiring;
            foreach (var error in changed.Errors)
            {
                var field = error.Code == nameof(IdentityErrorDescriber.PasswordMismatch)
                    ? nameof(ChangePasswordInput.CurrentPassword)
                    : nameof(ChangePasswordInput.NewPassword);
                ModelState.AddModelError($"{nameof(Input)}.{field}", error.Description);
            }

            return Page();
        }

        await signInManager.RefreshSignInAsync(user);
        await history.RecordAsync(new OperationRecord(OperationKind.PasswordChanged, UserHistoryText.PasswordChanged(user.Email ?? user.UserName ?? user.Id)), cancellationToken);
        TempData["Notice"] = ChangedNotice;
        return LocalRedirect("/");
    }

    public sealed class ChangePasswordInput
    {
        [Required(ErrorMessage = "現在のパスワードを入力してください。")]
        [DataType(DataType.Password)]
        [Display(Name = "現在のパスワード")]
        public string CurrentPassword { get; set; } = string.Empty;

        [Required(ErrorMessage = "新しいパスワードを入力してください。")]
        [DataType(DataType.Password)]
        [Display(Name = "新しいパスワード")]
        public string NewPassword { get; set; } = string.Empty;

        [Required(ErrorMessage = "確認用のパスワードを入力してください。")]
        [DataType(DataType.Password)]
        [Compare(nameof(NewPassword), ErrorMessage = "新しいパスワードと確認用のパスワードが一致しません。")]
        [Display(Name = "新しいパスワード（確認）")]
        public string ConfirmPassword { get; set; } = string.Empty;
    }
}
