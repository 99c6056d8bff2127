using System.ComponentModel.DataAnnotations;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Core.OperationHistory.Recording;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

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

        var now = time.GetUtcNow().UtcDateTime;
        var validHashes = await db.SetupCodes.AsNoTracking().Where(c => c.ExpiresAtUtc > now).Select(c => c.CodeHash).ToListAsync(cancellationToken);
        if (!validHashes.Any(hash => SetupCodes.Matches(Input.SetupCode, hash)))
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(SetupInput.SetupCode)}", WrongCodeMessage);
            return Page();
        }

        var strategy = db.Database.CreateExecutionStrategy();
        var admin = await strategy.ExecuteAsync(ct => CreateFirstAdminAsync(now, ct), cancellationToken);
        if (admin is null)
        {
            // Another browser or node created the first administrator a moment earlier.
            return ModelState.IsValid ? NotFound() : Page();
        }

        firstRun.MarkUserCreated();
        await signInManager.SignInAsync(admin, isPersistent: false);
        return LocalRedirect("/");
    }

    /// <summary>
    /// Claims the single first-admin row, creates the admin, records it and deletes the setup codes, in one transaction.
    /// The claim's fixed key is the guard: a second claim, from any process, fails on the primary key and rolls back.
    /// </summary>
    private async Task<AppUser?> CreateFirstAdminAsync(DateTime now, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var admin = new AppUser
        {
            UserName = Input.Email,
            Email = Input.Email,
            EmailConfirmed = true,
            DisplayName = Input.DisplayName,
            CreatedAtUtc = now,
        };
        try
        {
            db.FirstAdminClaims.Add(new FirstAdminClaim { ClaimedAtUtc = now, AdminUserId = admin.Id });
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return null;
        }

        await AppRoles.EnsureCreatedAsync(roleManager);
        var created = await userManager.CreateAsync(admin, Input.Password);
        if (!created.Succeeded)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            foreach (var error in created.Errors)
            {
                ModelState.AddModelError($"{nameof(Input)}.{nameof(SetupInput.Password)}", error.Description);
            }

            return null;
        }

        await userManager.AddToRoleAsync(admin, AppRoles.Admin);

        // Nobody is signed in yet: the new admin is the one acting.
        await history.RecordAsync(
            new OperationRecord(OperationKind.UserAdded, UserHistoryText.Added(admin.Email, admin.DisplayName, AppRoles.Admin), "初期設定で最初の管理者を登録しました。", UserHistoryText.TargetUrl(admin.Id)),
            new OperationActor(admin.Id, admin.Email, HttpContext.Connection.RemoteIpAddress?.ToString()),
            cancellationToken);
        await db.SetupCodes.ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return admin;
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
