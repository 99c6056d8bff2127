using System.ComponentModel.DataAnnotations;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.Core.Users.FirstRun;
using GoQ.TikTokSync.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GoQ.TikTokSync.Web.Pages.Setup;

/// <summary>
/// First run only: creates the first administrator, for whoever types the setup code the app printed to its console
/// (see <see cref="FirstRunSetup.IssueFirstRunSetupCodeAsync"/>). Once any user exists the page answers 404, so it
/// cannot be used to add accounts later.
/// </summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(RateLimitingSetup.SignInPolicy)]
public class IndexModel(
    TikTokSyncDbContext db,
    FirstRunState firstRun,
    FirstAdminCreation creation,
    SignInManager<AppUser> signInManager) : PageModel
{
    [BindProperty]
    public SetupInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await firstRun.HasUsersAsync(db, cancellationToken) ? NotFound() : Page();

    public const string WrongCodeMessage = "セットアップコードが正しくないか、有効期限が切れています。アプリの起動時にコンソール（ログ）へ表示されたコードを入力してください。";

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await firstRun.HasUsersAsync(db, cancellationToken))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await creation.CreateAsync(
            new FirstAdminInput(Input.SetupCode, Input.DisplayName, Input.Email, Input.Password),
            HttpContext.Connection.RemoteIpAddress?.ToString(),
            cancellationToken);
        switch (result.Outcome)
        {
            case FirstAdminOutcome.WrongCode:
                ModelState.AddModelError($"{nameof(Input)}.{nameof(SetupInput.SetupCode)}", WrongCodeMessage);
                return Page();
            case FirstAdminOutcome.AlreadyClaimed:
                return NotFound();
            case FirstAdminOutcome.PasswordRefused:
                foreach (var error in result.PasswordErrors ?? [])
                {
                    ModelState.AddModelError($"{nameof(Input)}.{nameof(SetupInput.Password)}", error);
                }

                return Page();
        }

        firstRun.MarkUserCreated();
        await signInManager.SignInAsync(result.Admin!, isPersistent: false);
        return LocalRedirect("/");
    }

    public sealed class SetupInput
    {
        [Required(ErrorMessage = "セットアップコードを入力してください。")]
        [Display(Name = "セットアップコード")]
        public string SetupCode { get; set; } = string.Empty;

        [Required(ErrorMessage = "表示名を入力してください。")]
        [StringLength(50, ErrorMessage = "表示名は50文字以内で入力してください。")]
        [Display(Name = "表示名")]
        public string DisplayName { get; set; } = string.Empty;

        [Required(ErrorMessage = "メールアドレスを入力してください。")]
        [EmailAddress(ErrorMessage = "メールアドレスの形式が正しくありません。")]
        [Display(Name = "メールアドレス (ログインID)")]
        public string Email { get; set; } = string.Empty;

        [Required(ErrorMessage = "パスワードを入力してください。")]
        [DataType(DataType.Password)]
        [Display(Name = "パスワード")]
        public string Password { get; set; } = string.Empty;

        [Required(ErrorMessage = "確認用パスワードを入力してください。")]
        [DataType(DataType.Password)]
        [Compare(nameof(Password), ErrorMessage = "パスワードと確認用パスワードが一致しません。")]
        [Display(Name = "パスワード (確認)")]
        public string ConfirmPassword { get; set; } = string.Empty;
    }
}
