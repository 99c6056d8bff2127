using System.ComponentModel.DataAnnotations;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace GoQ.TikTokSync.Web.Pages.Account;

[EnableRateLimiting(RateLimitingSetup.SignInPolicy)]
public class LoginModel(
    SignInManager<AppUser> signInManager,
    UserManager<AppUser> userManager,
    IPasswordHasher<AppUser> passwordHasher,
    UnknownAccountPasswordHash unknownAccountHash,
    SignInThrottle throttle,
    TimeProvider time) : PageModel
{
    public const string FailedMessage = "メールアドレスまたはパスワードが正しくありません。";
    public const string DisabledMessage = "このユーザーは無効になっています。管理者にお問い合わせください。";
    public const string OneTimePasswordExpiredMessage = "初期パスワードの有効期限が切れています。管理者にパスワードの再発行を依頼してください。";

    /// <summary>The same answer for a known and an unknown e-mail address, so it tells a guesser nothing about accounts.</summary>
    public string LockedOutMessage =>
        $"ログインに続けて失敗したため、アカウントを一時的にロックしました。{Math.Ceiling(throttle.Window.TotalMinutes):0}分後にもう一度お試しください。";

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

        var clientAddress = RateLimitingSetup.ClientAddress(HttpContext);
        if (throttle.IsBlocked(Input.Email, clientAddress))
        {
            ModelState.AddModelError(string.Empty, LockedOutMessage);
            return Page();
        }

        var user = await userManager.FindByEmailAsync(Input.Email);
        Microsoft.AspNetCore.Identity.SignInResult result;
        if (user is null)
        {
            // The same hashing work as for a real account, so the answer's timing does not reveal which addresses exist.
            passwordHasher.VerifyHashedPassword(UnknownAccountPasswordHash.Probe, unknownAccountHash.Value, Input.Password);
            result = Microsoft.AspNetCore.Identity.SignInResult.Failed;
        }
        else
        {
            // Identity's own per-account lockout is off: anyone could trip it for a known address again and again.
            // SignInThrottle counts per address and client instead.
            result = await signInManager.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: false);
        }

        if (result.IsLockedOut)
        {
            ModelState.AddModelError(string.Empty, LockedOutMessage);
            return Page();
        }

        // Only with the right password (see UserSessionSignInManager), so it tells a guesser nothing.
        if (result == UserSessionSignInManager.OneTimePasswordExpired)
        {
            ModelState.AddModelError(string.Empty, OneTimePasswordExpiredMessage);
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
            ModelState.AddModelError(string.Empty, throttle.RecordFailure(Input.Email, clientAddress) ? LockedOutMessage : FailedMessage);
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
