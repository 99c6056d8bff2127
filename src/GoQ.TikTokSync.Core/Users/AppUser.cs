using Microsoft.AspNetCore.Identity;

namespace GoQ.TikTokSync.Core.Users;

public class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = string.Empty;

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? LastSignInAtUtc { get; set; }
}

public static class AppRoles
{
    public const string Admin = "Admin";
    public const string Operator = "Operator";

    public static IReadOnlyList<string> All { get; } = [Admin, Operator];
}
