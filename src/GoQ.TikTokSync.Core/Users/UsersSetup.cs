using Microsoft.AspNetCore.Identity;

namespace GoQ.TikTokSync.Core.Users;

public static class UsersSetup
{
    /// <summary>
    /// The password and lockout rules, kept here beside <see cref="OneTimePasswords"/>, which has to satisfy them.
    /// </summary>
    public static void ConfigurePasswordRules(IdentityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Password.RequiredLength = 12;
        options.Password.RequireDigit = true;
        options.Password.RequireLowercase = true;
        options.Password.RequireUppercase = true;
        options.Password.RequireNonAlphanumeric = true;
        options.Password.RequiredUniqueChars = 4;
        options.User.RequireUniqueEmail = true;
        options.Lockout.AllowedForNewUsers = true;
        options.Lockout.MaxFailedAccessAttempts = MaxFailedSignInAttempts;
        options.Lockout.DefaultLockoutTimeSpan = LockoutDuration;
    }

    public const int MaxFailedSignInAttempts = 5;

    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);
}
