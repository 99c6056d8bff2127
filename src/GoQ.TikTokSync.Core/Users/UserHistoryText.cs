namespace GoQ.TikTokSync.Core.Users;

/// <summary>操作履歴 wording for user management; never carries a password, only who was acted on and how.</summary>
public static class UserHistoryText
{
    public static string TargetUrl(string userId) => "/Users#user-" + userId;

    public static string Added(string email, string displayName, string role) =>
        $"ユーザー {email} ({displayName}) を追加 (権限: {AppRoleLabels.Label(role)})";

    public static string RoleChanged(string email, string? oldRole, string newRole) =>
        $"{email} の権限を変更: {AppRoleLabels.Label(oldRole)} → {AppRoleLabels.Label(newRole)}";

    public static string Disabled(string email) => $"ユーザー {email} を無効化";

    public static string Enabled(string email) => $"ユーザー {email} を有効化";

    public static string PasswordReset(string email) => $"ユーザー {email} のパスワードを再発行";

    public const string OneTimePasswordIssuedDetails = "初期パスワードを発行しました (次回ログイン時に変更が必要)。";

    public static string PasswordChanged(string email) => $"{email} のパスワードを変更";
}
