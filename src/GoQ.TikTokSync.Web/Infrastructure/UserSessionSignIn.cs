using System.Security.Claims;
using GoQ.TikTokSync.Core.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace GoQ.TikTokSync.Web.Infrastructure;

/// <summary>
/// Sign-in with ユーザー管理's user states: a disabled user cannot sign in, and a live session of a user who has been
/// disabled is rejected at its next security-stamp validation (at most <see cref="OperatorSignInSetup.SessionValidationInterval"/>).
/// </summary>
public sealed class UserSessionSignInManager(
    UserManager<AppUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<AppUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation)
    : SignInManager<AppUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    /// <summary>The right one-time password, but past its expiry (a NotAllowed answer the login page can tell apart).</summary>
    public static readonly SignInResult OneTimePasswordExpired = new ExpiredOneTimePasswordResult();

    public override async Task<bool> CanSignInAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return !user.IsDisabled && await base.CanSignInAsync(user);
    }

    /// <summary>
    /// Identity answers NotAllowed for a disabled user before it looks at the password, which would tell anyone typing
    /// an e-mail address that the account exists and is disabled. Here a disabled user gets NotAllowed (and the login
    /// page its 「無効」 message) only with the right password; a wrong one counts towards the lockout like any other.
    /// </summary>
    public override async Task<SignInResult> CheckPasswordSignInAsync(AppUser user, string password, bool lockoutOnFailure)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.IsDisabled)
        {
            var result = await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure);
            var now = Context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
            return result.Succeeded && user.OneTimePasswordExpired(now) ? OneTimePasswordExpired : result;
        }

        if (await UserManager.IsLockedOutAsync(user))
        {
            return SignInResult.LockedOut;
        }

        if (await UserManager.CheckPasswordAsync(user, password))
        {
            return SignInResult.NotAllowed;
        }

        if (lockoutOnFailure && UserManager.SupportsUserLockout)
        {
            await UserManager.AccessFailedAsync(user);
            if (await UserManager.IsLockedOutAsync(user))
            {
                return SignInResult.LockedOut;
            }
        }

        return SignInResult.Failed;
    }

    /// <summary>The security-stamp check of a live session: a disabled user's session ends even if the stamp still matches.</summary>
    public override async Task<AppUser?> ValidateSecurityStampAsync(ClaimsPrincipal? principal)
    {
        var user = await base.ValidateSecurityStampAsync(principal);
        return user is { IsDisabled: false } ? user : null;
    }
}

internal sealed class ExpiredOneTimePasswordResult : SignInResult
{
    public ExpiredOneTimePasswordResult() => IsNotAllowed = true;
}

/// <summary>
/// Holds a password hash of no account, made once per process, which sign-in checks a password against when the
/// e-mail address is unknown: both paths then run the same (deliberately slow) hasher once.
/// </summary>
public sealed class UnknownAccountPasswordHash(IOptions<PasswordHasherOptions> options)
{
    public static readonly AppUser Probe = new() { Id = "unknown-account", UserName = "unknown-account" };

    // Made with the framework's hasher and options, so the request's hasher verifies it with the same iteration count.
    private readonly Lazy<string> _hash = new(() => new PasswordHasher<AppUser>(options).HashPassword(Probe, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24))));

    public string Value => _hash.Value;
}

/// <summary>
/// Adds <see cref="MustChangePasswordClaim"/> to the session while the user still has a one-time password, so the
/// パスワード変更 gate needs no database read per request. The principal is rebuilt at sign-in, at each security-stamp
/// validation and by RefreshSignInAsync after the change.
/// </summary>
public sealed class UserSessionClaimsFactory(UserManager<AppUser> userManager, RoleManager<IdentityRole> roleManager, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(userManager, roleManager, options)
{
    public const string MustChangePasswordClaim = "goq:must_change_password";

    public static bool MustChangePassword(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.HasClaim(MustChangePasswordClaim, "true");
    }

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user);
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(MustChangePasswordClaim, "true"));
        }

        return identity;
    }
}
