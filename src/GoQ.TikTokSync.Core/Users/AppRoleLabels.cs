namespace GoQ.TikTokSync.Core.Users;

/// <summary>How roles are shown to operators.</summary>
public static class AppRoleLabels
{
    public static string Label(string? role) => role switch
    {
        AppRoles.Admin => "管理者",
        AppRoles.Operator => "オペレーター",
        _ => "なし",
    };
}
