using System.Data;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Core.OperationHistory.Recording;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GoQ.TikTokSync.Core.Users.Administer;

/// <summary>
/// ユーザー管理: add users with a one-time password, change roles, disable/enable, reissue passwords. Every change is
/// checked against <see cref="UserAdministrationRules"/> and applied, with its one 操作履歴 row, in one transaction.
/// </summary>
/// <remarks>
/// Concurrency: "never zero active admins" is a rule over several rows (two admins demoting each other at the same
/// moment each see the other still active). The check and the change therefore run in one SERIALIZABLE transaction.
/// On SQLite, Microsoft.Data.Sqlite starts it with BEGIN IMMEDIATE, so writers queue and the second one reads the
/// first one's committed result. On SQL Server the count takes key-range locks that the other transaction's update
/// conflicts with; one of the two becomes a deadlock victim, which the execution strategy retries from the start
/// (fresh change tracker, fresh reads), and the retry is refused. A "check after save" under READ COMMITTED would not
/// be enough: with READ_COMMITTED_SNAPSHOT both transactions can read the other's old row and both commit.
/// </remarks>
public sealed class UserAdministration(
    TikTokSyncDbContext db,
    UserManager<AppUser> userManager,
    RoleManager<IdentityRole> roleManager,
    OperationHistoryRecorder history,
    TimeProvider time,
    IOptions<OneTimePasswordOptions> oneTimePasswords)
{
    public const int DisplayNameMaxLength = 50;

    public async Task<IReadOnlyList<UserListItem>> ListAsync(CancellationToken cancellationToken)
    {
        var roles = await RolesByUserAsync(userId: null, cancellationToken);
        var users = await db.Users.AsNoTracking().ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        return users
            .OrderBy(u => u.CreatedAtUtc)
            .ThenBy(u => u.Email, StringComparer.OrdinalIgnoreCase)
            .Select(u => new UserListItem(
                u.Id,
                u.DisplayName,
                u.Email ?? u.UserName ?? string.Empty,
                roles.GetValueOrDefault(u.Id),
                u.LastSignInAtUtc,
                u.IsDisabled,
                u.MustChangePassword,
                u.LockoutEnd is { } end && end > now,
                u.OneTimePasswordExpired(now)))
            .ToList();
    }

    public async Task<UserAdminResult> AddAsync(string actorUserId, NewUser input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var displayName = input.DisplayName?.Trim() ?? string.Empty;
        var email = input.Email?.Trim() ?? string.Empty;
        if (displayName.Length == 0)
        {
            return UserAdminResult.Refused("表示名を入力してください。", UserAdminResult.DisplayNameField);
        }

        if (displayName.Length > DisplayNameMaxLength)
        {
            return UserAdminResult.Refused($"表示名は{DisplayNameMaxLength}文字以内で入力してください。", UserAdminResult.DisplayNameField);
        }

        if (email.Length == 0)
        {
            return UserAdminResult.Refused("メールアドレスを入力してください。", UserAdminResult.EmailField);
        }

        if (!AppRoles.All.Contains(input.Role, StringComparer.Ordinal))
        {
            return UserAdminResult.Refused("権限を選択してください。", UserAdminResult.RoleField);
        }

        return await InTransactionAsync(async ct =>
        {
            if (await RefuseActorAsync(actorUserId, ct) is { } refusal)
            {
                return UserAdminResult.Refused(refusal);
            }

            if (await userManager.FindByEmailAsync(email) is not null)
            {
                return UserAdminResult.Refused($"メールアドレス {email} は既に登録されています。", UserAdminResult.EmailField);
            }

            await AppRoles.EnsureCreatedAsync(roleManager);
            var oneTimePassword = OneTimePasswords.Generate();
            var user = new AppUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = displayName,
                CreatedAtUtc = time.GetUtcNow().UtcDateTime,
                MustChangePassword = true,
                OneTimePasswordExpiresAtUtc = OneTimePasswordExpiry(),
            };
            var created = await userManager.CreateAsync(user, oneTimePassword);
            if (!created.Succeeded)
            {
                return UserAdminResult.Refused(Describe(created), UserAdminResult.EmailField);
            }

            var added = await userManager.AddToRoleAsync(user, input.Role);
            if (!added.Succeeded)
            {
                return UserAdminResult.Refused(Describe(added));
            }

            await history.RecordAsync(
                new OperationRecord(OperationKind.UserAdded, UserHistoryText.Added(email, displayName, input.Role), UserHistoryText.OneTimePasswordIssuedDetails, UserHistoryText.TargetUrl(user.Id)),
                ct);
            return new UserAdminResult(true, $"{email} を{AppRoleLabels.Label(input.Role)}として追加しました。", OneTimePassword: oneTimePassword, UserId: user.Id);
        }, cancellationToken);
    }

    public Task<UserAdminResult> ChangeRoleAsync(string actorUserId, string userId, string newRole, CancellationToken cancellationToken) =>
        ChangeUserAsync(actorUserId, userId, async (user, target, activeAdmins, ct) =>
        {
            if (UserAdministrationRules.RefuseRoleChange(actorUserId, target, newRole, activeAdmins) is { } refusal)
            {
                return UserAdminResult.Refused(refusal);
            }

            await AppRoles.EnsureCreatedAsync(roleManager);
            var removed = await userManager.RemoveFromRolesAsync(user, await userManager.GetRolesAsync(user));
            var added = removed.Succeeded ? await userManager.AddToRoleAsync(user, newRole) : removed;
            if (!added.Succeeded)
            {
                return UserAdminResult.Refused(Describe(added));
            }

            // No security-stamp change here on purpose: the stamp validator rebuilds a live session's principal from the
            // store every interval, so the new role reaches it within a minute; a new stamp would sign the user out instead.
            await history.RecordAsync(
                new OperationRecord(OperationKind.UserRoleChanged, UserHistoryText.RoleChanged(target.Email, target.Role, newRole), TargetUrl: UserHistoryText.TargetUrl(user.Id)),
                ct);
            return new UserAdminResult(true, $"{target.Email} の権限を{AppRoleLabels.Label(newRole)}に変更しました。", UserId: user.Id);
        }, cancellationToken);

    public Task<UserAdminResult> DisableAsync(string actorUserId, string userId, CancellationToken cancellationToken) =>
        SetDisabledAsync(actorUserId, userId, disable: true, cancellationToken);

    public Task<UserAdminResult> EnableAsync(string actorUserId, string userId, CancellationToken cancellationToken) =>
        SetDisabledAsync(actorUserId, userId, disable: false, cancellationToken);

    private Task<UserAdminResult> SetDisabledAsync(string actorUserId, string userId, bool disable, CancellationToken cancellationToken) =>
        ChangeUserAsync(actorUserId, userId, async (user, target, activeAdmins, ct) =>
        {
            var refusal = disable ? UserAdministrationRules.RefuseDisable(actorUserId, target, activeAdmins) : UserAdministrationRules.RefuseEnable(target);
            if (refusal is not null)
            {
                return UserAdminResult.Refused(refusal);
            }

            user.DisabledAtUtc = disable ? time.GetUtcNow().UtcDateTime : null;

            // The new stamp ends a disabled user's live sessions at their next validation (the sign-in manager also rejects
            // disabled users there, so this holds even for a cookie that somehow carries the new stamp).
            var updated = await userManager.UpdateSecurityStampAsync(user);
            if (!updated.Succeeded)
            {
                return UserAdminResult.Refused(Describe(updated));
            }

            var record = disable
                ? new OperationRecord(OperationKind.UserDisabled, UserHistoryText.Disabled(target.Email), TargetUrl: UserHistoryText.TargetUrl(user.Id))
                : new OperationRecord(OperationKind.UserEnabled, UserHistoryText.Enabled(target.Email), TargetUrl: UserHistoryText.TargetUrl(user.Id));
            await history.RecordAsync(record, ct);
            var message = disable ? $"{target.Email} を無効にしました。1分以内にログイン中の画面も使えなくなります。" : $"{target.Email} を有効にしました。";
            return new UserAdminResult(true, message, UserId: user.Id);
        }, cancellationToken);

    public Task<UserAdminResult> ResetPasswordAsync(string actorUserId, string userId, CancellationToken cancellationToken) =>
        ChangeUserAsync(actorUserId, userId, async (user, target, _, ct) =>
        {
            if (UserAdministrationRules.RefusePasswordReset(actorUserId, target) is { } refusal)
            {
                return UserAdminResult.Refused(refusal);
            }

            // A user who locked themself out is exactly who asks for a new password: clear the lockout with it.
            user.MustChangePassword = true;
            user.OneTimePasswordExpiresAtUtc = OneTimePasswordExpiry();
            user.LockoutEnd = null;
            user.AccessFailedCount = 0;
            var oneTimePassword = OneTimePasswords.Generate();

            // Both calls renew the security stamp, so sessions signed in with the old password end within a minute.
            var removed = await userManager.RemovePasswordAsync(user);
            var added = removed.Succeeded ? await userManager.AddPasswordAsync(user, oneTimePassword) : removed;
            if (!added.Succeeded)
            {
                return UserAdminResult.Refused(Describe(added));
            }

            await history.RecordAsync(
                new OperationRecord(OperationKind.UserPasswordReset, UserHistoryText.PasswordReset(target.Email), UserHistoryText.OneTimePasswordIssuedDetails, UserHistoryText.TargetUrl(user.Id)),
                ct);
            return new UserAdminResult(true, $"{target.Email} のパスワードを再発行しました。", OneTimePassword: oneTimePassword, UserId: user.Id);
        }, cancellationToken);

    private Task<UserAdminResult> ChangeUserAsync(
        string actorUserId,
        string userId,
        Func<AppUser, ManagedUser, int, CancellationToken, Task<UserAdminResult>> change,
        CancellationToken cancellationToken) =>
        InTransactionAsync(async ct =>
        {
            if (await RefuseActorAsync(actorUserId, ct) is { } refusal)
            {
                return UserAdminResult.Refused(refusal);
            }

            var user = string.IsNullOrEmpty(userId) ? null : await userManager.FindByIdAsync(userId);
            if (user is null)
            {
                return UserAdminResult.Refused("ユーザーが見つかりません。画面を再読み込みしてください。");
            }

            var target = new ManagedUser(user.Id, user.Email ?? user.UserName ?? user.Id, (await RolesByUserAsync(user.Id, ct)).GetValueOrDefault(user.Id), user.IsDisabled);
            return await change(user, target, await CountActiveAdminsAsync(ct), ct);
        }, cancellationToken);

    private async Task<UserAdminResult> InTransactionAsync(Func<CancellationToken, Task<UserAdminResult>> action, CancellationToken cancellationToken)
    {
        var attempt = 0;
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct =>
        {
            if (attempt++ > 0)
            {
                // A retried attempt must not reuse entities read or modified by the attempt that failed.
                db.ChangeTracker.Clear();
            }

            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, ct);
            var result = await action(ct);
            if (result.Succeeded)
            {
                await transaction.CommitAsync(ct);
            }
            else
            {
                await transaction.RollbackAsync(ct);
                db.ChangeTracker.Clear();
            }

            return result;
        }, cancellationToken);
    }

    private async Task<string?> RefuseActorAsync(string actorUserId, CancellationToken cancellationToken)
    {
        var actor = await db.Users.AsNoTracking().Where(u => u.Id == actorUserId)
            .Select(u => new { u.Id, u.Email, u.DisabledAtUtc })
            .FirstOrDefaultAsync(cancellationToken);
        var managed = actor is null
            ? null
            : new ManagedUser(actor.Id, actor.Email ?? actor.Id, (await RolesByUserAsync(actor.Id, cancellationToken)).GetValueOrDefault(actor.Id), actor.DisabledAtUtc is not null);
        return UserAdministrationRules.RefuseActor(managed);
    }

    private async Task<int> CountActiveAdminsAsync(CancellationToken cancellationToken)
    {
        var adminRole = roleManager.NormalizeKey(AppRoles.Admin);
        return await (
                from userRole in db.UserRoles
                join role in db.Roles on userRole.RoleId equals role.Id
                join user in db.Users on userRole.UserId equals user.Id
                where role.NormalizedName == adminRole && user.DisabledAtUtc == null
                select user.Id)
            .Distinct()
            .CountAsync(cancellationToken);
    }

    /// <summary>Each user's one role (admin wins should a user ever carry both).</summary>
    private async Task<Dictionary<string, string>> RolesByUserAsync(string? userId, CancellationToken cancellationToken)
    {
        var query =
            from userRole in db.UserRoles
            join role in db.Roles on userRole.RoleId equals role.Id
            select new { userRole.UserId, role.Name };
        if (userId is not null)
        {
            query = query.Where(r => r.UserId == userId);
        }

        var rows = await query.ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.UserId, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => g.Any(r => r.Name == AppRoles.Admin) ? AppRoles.Admin : g.Select(r => r.Name).FirstOrDefault(n => n == AppRoles.Operator) ?? g.First().Name ?? string.Empty,
            StringComparer.Ordinal);
    }

    private DateTime OneTimePasswordExpiry() => time.GetUtcNow().UtcDateTime + oneTimePasswords.Value.OneTimePasswordLifetime;

    private static string Describe(IdentityResult result) =>
        string.Join(" ", result.Errors.Select(e => e.Description).Distinct(StringComparer.Ordinal));
}
