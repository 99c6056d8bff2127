using Microsoft.AspNetCore.Identity;

namespace GoQ.TikTokSync.Core.Users;

public class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = string.Empty;

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? LastSignInAtUtc { get; set; }

    /// <summary>Set while the password is a one-time password an admin issued; sign-in then leads to パスワード変更 only.</summary>
    public bool MustChangePassword { get; set; }

    /// <summary>
    /// When the one-time password stops working (set with it). Null for a password the user chose, and for one-time
    /// passwords issued before expiry existed.
    /// </summary>
    public DateTime? OneTimePasswordExpiresAtUtc { get; set; }

    public bool OneTimePasswordExpired(DateTimeOffset now) =>
        MustChangePassword && OneTimePasswordExpiresAtUtc is { } expires && expires <= now.UtcDateTime;

    /// <summary>When an admin disabled the user; a disabled user cannot sign in and their sessions end.</summary>
    public DateTime? DisabledAtUtc { get; set; }

    public bool IsDisabled => DisabledAtUtc is not null;
}

public static class AppRoles
{
    public const string Admin = "Admin";
    public const string Operator = "Operator";

    public static IReadOnlyList<string> All { get; } = [Admin, Operator];

    /// <summary>Creates whichever roles do not exist yet; the migrations seed none, so this runs before a user is first put in a role.</summary>
    public static async Task EnsureCreatedAsync(RoleManager<IdentityRole> roleManager)
    {
        ArgumentNullException.ThrowIfNull(roleManager);
        foreach (var role in All)
        {
            if (!await roleManager.RoleExistsAsync(role))
            {
                await roleManager.CreateAsync(new IdentityRole(role));
            }
        }
    }
}
