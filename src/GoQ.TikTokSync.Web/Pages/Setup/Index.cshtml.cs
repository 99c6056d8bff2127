using System.ComponentModel.DataAnnotations;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GoQ.TikTokSync.Web.Pages.Setup;

/// <summary>
/// First run only: creates the first administrator. Once any user exists the page answers 404,
/// so it cannot be used to add accounts later.
/// </summary>
public class IndexModel(
    TikTokSyncDbContext db,
    FirstRunState firstRun,
    UserManager<AppUser> userManager,
    RoleManager<IdentityRole> roleManager,
    SignInManager<AppUser> signInManager,
    OperationHistoryRecorder history,
    TimeProvider time) : PageModel
{
    [BindProperty]
    public SetupInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await firstRun.HasUsersAsync(db, cancellationToken) ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await firstRun.SetupLock.WaitAsync(cancellationToken);
        try
        {
            if (await firstRun.HasUsersAsync(db, cancellationToken))
            {
                return NotFound();
            }

            if (!ModelState.IsValid)
            {
                return Page();
            }

            await AppRoles.EnsureCreatedAsync(roleManager);

            var admin = new AppUser
            {
                UserName = Input.Email,
                Email = Input.Email,
                EmailConfirmed = true,
                DisplayName = Input.DisplayName,
                CreatedAtUtc = time.GetUtcNow().UtcDateTime,
            };
            var created = await userManager.CreateAsync(admin, Input.Password);
            if (!created.Succeeded)
            {
                foreach (var error in created.Errors)
                {
                    ModelState.AddModelError($"{nameof(Input)}.{nameof(SetupInput.Password)}", error.Description);
                }

                return Page();
            }

            await userManager.AddToRoleAsync(admin, AppRoles.Admin);

            // Nobody is signed in yet: the new admin is the one acting.
            await history.RecordAsync(
                new OperationRecord(OperationKind.UserAdded, UserHistoryText.Added(admin.Email, admin.DisplayName, AppRoles.Admin), "初期設定で最初の管理者を登録しました。", UserHistoryText.TargetUrl(admin.Id)),
                new OperationActor(admin.Id, admin.Email, HttpContext.Connection.RemoteIpAddress?.ToString()),
                cancellationToken);
            firstRun.MarkUserCreated();
            await signInManager.SignInAsync(admin, isPersistent: false);
            return LocalRedirect("/");
        }
        finally
        {
            firstRun.SetupLock.Release();
        }
    }

    public sealed class SetupInput
    {
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
