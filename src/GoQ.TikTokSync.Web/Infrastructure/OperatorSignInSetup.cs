using System.ComponentModel.DataAnnotations;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.Core.Users.Administer;
using GoQ.TikTokSync.Core.Users.FirstRun;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GoQ.TikTokSync.Web.Infrastructure;

/// <summary>"Sessions" section: how long a sign-in lasts.</summary>
public sealed class SessionOptions
{
    public const string SectionName = "Sessions";

    /// <summary>A session unused this long ends (sliding: each request within it extends it).</summary>
    [Range(typeof(TimeSpan), "00:05:00", "1.00:00:00", ErrorMessage = "Sessions:IdleTimeout must be between 5 minutes and 1 day.")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromHours(10);

    /// <summary>A session ends this long after the sign-in however busy it is; then the user signs in again.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "7.00:00:00", ErrorMessage = "Sessions:AbsoluteLifetime must be between 5 minutes and 7 days.")]
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(12);
}

public static class OperatorSignInSetup
{
    /// <summary>The ticket property holding the sign-in time; refreshes of the same session carry it over.</summary>
    public const string SignedInAtProperty = "goq.signed_in_at";

    public const string AdminPolicy = "AdminOnly";

    /// <summary>How long a live session may go on with a role, state or password that has since changed.</summary>
    public static readonly TimeSpan SessionValidationInterval = TimeSpan.FromMinutes(1);

    public static IServiceCollection AddOperatorSignIn(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SessionOptions>()
            .Bind(configuration.GetSection(SessionOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<OneTimePasswordOptions>()
            .Bind(configuration.GetSection(OneTimePasswordOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddIdentity<AppUser, IdentityRole>(UsersSetup.ConfigurePasswordRules)
            .AddEntityFrameworkStores<TikTokSyncDbContext>()
            .AddErrorDescriber<JapaneseIdentityErrorDescriber>()
            .AddSignInManager<UserSessionSignInManager>()
            .AddClaimsPrincipalFactory<UserSessionClaimsFactory>()
            .AddDefaultTokenProviders();

        // Role changes, disabling and password changes reach live sessions at their next validation. The app's clock
        // decides when that is due, so tests move a fake clock instead of waiting.
        services.AddOptions<SecurityStampValidatorOptions>()
            .Configure<TimeProvider>((options, time) =>
            {
                options.ValidationInterval = SessionValidationInterval;
                options.TimeProvider = time;
            });

        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IOptions<SessionOptions>>((options, sessions) => options.ExpireTimeSpan = sessions.Value.IdleTimeout);
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/Account/Login";
            options.LogoutPath = "/Account/Logout";
            options.AccessDeniedPath = "/Account/AccessDenied";
            options.Cookie.Name = "goq-tiktoksync";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            // Secure whenever the request is HTTPS, also behind a proxy named in ReverseProxy (its X-Forwarded-Proto is
            // applied before authentication), while plain-HTTP installations on a LAN keep working.
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.SlidingExpiration = true;
            options.Events.OnSigningIn = context =>
            {
                // A refresh of the same session (role change, password change) keeps the first sign-in's time.
                if (!context.Properties.Items.ContainsKey(SignedInAtProperty))
                {
                    var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
                    context.Properties.Items[SignedInAtProperty] = now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                return Task.CompletedTask;
            };
            var standardValidation = options.Events.OnValidatePrincipal;
            options.Events.OnValidatePrincipal = async context =>
            {
                if (HasOutlivedAbsoluteLifetime(context))
                {
                    await EndSessionAsync(context);
                    return;
                }

                await standardValidation(context);
                if (context.Principal is not null && !await IsStillCurrentAsync(context))
                {
                    await EndSessionAsync(context);
                }
            };

            // Pages send people to the login form; anything else (dashboards, webhooks, health) answers with a status code.
            options.Events.OnRedirectToLogin = context => RedirectPagesOnly(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => RedirectPagesOnly(context, StatusCodes.Status403Forbidden);
        });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(AdminPolicy, policy => policy.RequireRole(AppRoles.Admin));
        services.Replace(ServiceDescriptor.Singleton<IAuthorizationMiddlewareResultHandler, PasswordChangeGate>());

        // The antiforgery cookie follows the request's scheme like the session cookie (its default would never be Secure).
        services.AddAntiforgery(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);

        services.AddUserAdministration();
        services.AddFirstAdminCreation();
        services.AddSingleton<UnknownAccountPasswordHash>();
        services.AddFirstRunSetup(configuration);
        return services;
    }

    /// <summary>HSTS in Production: browsers that once reached the app over HTTPS refuse plain HTTP to it afterwards.</summary>
    public static WebApplication UseTransportSecurity(this WebApplication app)
    {
        if (app.Environment.IsProduction())
        {
            // Sent on HTTPS responses only (the middleware's rule), so a plain-HTTP LAN installation is unaffected.
            app.UseHsts();
        }

        return app;
    }

    private static bool HasOutlivedAbsoluteLifetime(CookieValidatePrincipalContext context)
    {
        if (!context.Properties.Items.TryGetValue(SignedInAtProperty, out var stored)
            || !long.TryParse(stored, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
        {
            // A cookie from before the absolute lifetime existed: it has no sign-in time, so it is treated as expired.
            return true;
        }

        var services = context.HttpContext.RequestServices;
        var lifetime = services.GetRequiredService<IOptions<SessionOptions>>().Value.AbsoluteLifetime;
        return services.GetRequiredService<TimeProvider>().GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds) >= lifetime;
    }

    /// <summary>
    /// The per-request part of the session check: the cookie's security stamp must still be the user's. Logging out,
    /// disabling and password changes renew the stamp, so a copied cookie stops working on its next request, not only
    /// at the interval's full validation (which also rebuilds roles and claims). One indexed single-row read.
    /// </summary>
    private static async Task<bool> IsStillCurrentAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var claimTypes = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var userId = context.Principal!.FindFirst(claimTypes.UserIdClaimType)?.Value;
        var stamp = context.Principal.FindFirst(claimTypes.SecurityStampClaimType)?.Value;
        if (userId is null || stamp is null)
        {
            return false;
        }

        var db = services.GetRequiredService<TikTokSyncDbContext>();
        var stored = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new { u.SecurityStamp, u.DisabledAtUtc })
            .SingleOrDefaultAsync(context.HttpContext.RequestAborted);
        return stored is { DisabledAtUtc: null } && string.Equals(stored.SecurityStamp, stamp, StringComparison.Ordinal);
    }

    private static async Task EndSessionAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }

    private static Task RedirectPagesOnly(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int statusCode)
    {
        if (context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<PageActionDescriptor>() is not null)
        {
            context.Response.Redirect(context.RedirectUri);
        }
        else
        {
            context.Response.StatusCode = statusCode;
        }

        return Task.CompletedTask;
    }
}
