namespace GoQ.TikTokSync.Core.Users.Administer;

/// <summary>One row of ユーザー管理's table.</summary>
public sealed record UserListItem(
    string Id,
    string DisplayName,
    string Email,
    string? Role,
    DateTime? LastSignInAtUtc,
    bool IsDisabled,
    bool MustChangePassword,
    bool IsLockedOut,
    bool OneTimePasswordExpired = false);

/// <summary>What an admin typed into 「ユーザーを追加」.</summary>
public sealed record NewUser(string DisplayName, string Email, string Role);

/// <summary>
/// The outcome of a ユーザー管理 action: a message for the admin, the input it concerns when refused, and — only for
/// 追加 and パスワード再発行 — the one-time password, which exists nowhere else (only its hash is stored).
/// </summary>
public sealed record UserAdminResult(bool Succeeded, string Message, string? Field = null, string? OneTimePassword = null, string? UserId = null)
{
    public const string DisplayNameField = nameof(NewUser.DisplayName);
    public const string EmailField = nameof(NewUser.Email);
    public const string RoleField = nameof(NewUser.Role);

    public static UserAdminResult Refused(string message, string? field = null) => new(false, message, field);
}
