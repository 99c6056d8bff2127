using GoQ.TikTokSync.Core.Users.Administer;
namespace GoQ.TikTokSync.Core.Users;

/// <summary>A user as ユーザー管理's rules see them: their single role and whether they may sign in.</summary>
public sealed record ManagedUser(string Id, string Email, string? Role, bool IsDisabled)
{
    /// <summary>An admin who can still sign in; the store must always keep at least one.</summary>
    public bool IsActiveAdmin => Role == AppRoles.Admin && !IsDisabled;
}

/// <summary>
/// When ユーザー管理 refuses an action. Each method answers the Japanese reason shown to the admin, or null when the
/// action may go ahead. The caller evaluates them inside the transaction that applies the change (see
/// <see cref="UserAdministration"/>), with the active-admin count read in that same transaction.
/// </summary>
public static class UserAdministrationRules
{
    public static string? RefuseRoleChange(string actorUserId, ManagedUser target, string newRole, int activeAdminCount)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!AppRoles.All.Contains(newRole, StringComparer.Ordinal))
        {
            return "権限の指定が正しくありません。";
        }

        if (string.Equals(target.Id, actorUserId, StringComparison.Ordinal))
        {
            return "自分自身の権限は変更できません。別の管理者に依頼してください。";
        }

        if (string.Equals(target.Role, newRole, StringComparison.Ordinal))
        {
            return $"{target.Email} の権限は既に{AppRoleLabels.Label(newRole)}です。";
        }

        if (target.IsActiveAdmin && activeAdminCount <= 1)
        {
            return $"{target.Email} は最後の有効な管理者のため、権限を変更できません。先に別のユーザーを管理者にしてください。";
        }

        return null;
    }

    public static string? RefuseDisable(string actorUserId, ManagedUser target, int activeAdminCount)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (string.Equals(target.Id, actorUserId, StringComparison.Ordinal))
        {
            return "自分自身を無効にすることはできません。";
        }

        if (target.IsDisabled)
        {
            return $"{target.Email} は既に無効です。";
        }

        if (target.IsActiveAdmin && activeAdminCount <= 1)
        {
            return $"{target.Email} は最後の有効な管理者のため、無効にできません。先に別のユーザーを管理者にしてください。";
        }

        return null;
    }

    public static string? RefuseEnable(ManagedUser target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.IsDisabled ? null : $"{target.Email} は既に有効です。";
    }

    /// <summary>
    /// An admin's own reset would end their session and hand them a password they then have to change anyway;
    /// パスワード変更 is the way to change one's own password (it asks for the current one).
    /// </summary>
    public static string? RefusePasswordReset(string actorUserId, ManagedUser target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return string.Equals(target.Id, actorUserId, StringComparison.Ordinal)
            ? "自分のパスワードは「パスワード変更」画面で変更してください。"
            : null;
    }

    /// <summary>Who may use ユーザー管理 at the moment of the change (a session may still carry a role removed seconds ago).</summary>
    public static string? RefuseActor(ManagedUser? actor) =>
        actor is { IsActiveAdmin: true } ? null : "この操作は有効な管理者のみ実行できます。";
}
