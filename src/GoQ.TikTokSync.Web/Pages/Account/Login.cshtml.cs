using System.ComponentModel.DataAnnotations;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GoQ.TikTokSync.Web.Pages.Account;

public class LoginModel(SignInManager<AppUser> signInManager, UserManager<AppUser> userManager, TimeProvider time) : PageModel
{
    public const string FailedMessage = "メールアドレスまたはパスワードが正しくありません。";
    public static readonly string LockedOutMessage =
        $"ログインに続けて失敗したため、アカウントを一時的にロックしました。{UsersSetup.LockoutDuration.TotalMinutes:0}分後にもう一度お試しください。";
    public const string DisabledMessage = "このユーザーは無効になっています。管理者にお問い合わせください。";

    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await userManager.FindByEmailAsync(Input.Email);
        var result = user is null
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signInManager.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: true);

        if (result.IsLockedOut)
        {
            ModelState.AddModelError(string.Empty, LockedOutMessage);
            return Page();
        }

        // Only with the right password (see UserSessionSignInManager), so it tells a guesser nothing.
        if (result.IsNotAllowed)
        {
            ModelState.AddModelError(string.Empty, DisabledMessage);
            return Page();
        }

        if (!result.Succeeded)
        {
            ModelState.AddModelError(string.Empty, FailedMessage);
            return Page();
        }

        user!.LastSignInAtUtc = time.GetUtcNow().UtcDateTime;
        await userManager.UpdateAsync(user);
        if (user.MustChangePassword)
        {
            return LocalRedirect(PasswordChangeGate.ChangePasswordPage);
        }

        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }

    public sealed class LoginInput
    {
        [Required(ErrorMessage = "メールアドレスを入力してください。")]
        [EmailAddress(ErrorMessage = "メールアドレスの形式が正しくありません。")]
        [Display(Name = "メールアドレス")]
        public string Email { get; set; } = string.Empty;

        [Required(ErrorMessage = "パスワードを入力してください。")]
        [DataType(DataType.Password)]
        [Display(Name = "パスワード")]
        public string Password { get; set; } = string.Empty;
    }
}
