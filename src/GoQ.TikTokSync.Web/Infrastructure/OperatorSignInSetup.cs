using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GoQ.TikTokSync.Web.Infrastructure;

public static class OperatorSignInSetup
{
    public const string AdminPolicy = "AdminOnly";

    /// <summary>How long a live session may go on with a role, state or password that has since changed.</summary>
    public static readonly TimeSpan SessionValidationInterval = TimeSpan.FromMinutes(1);

    public static IServiceCollection AddOperatorSignIn(this IServiceCollection services)
    {
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

        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/Account/Login";
            options.LogoutPath = "/Account/Logout";
            options.AccessDeniedPath = "/Account/AccessDenied";
            options.Cookie.Name = "goq-tiktoksync";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.SlidingExpiration = true;
            options.ExpireTimeSpan = TimeSpan.FromHours(10);

            // Pages send people to the login form; anything else (dashboards, webhooks, health) answers with a status code.
            options.Events.OnRedirectToLogin = context => RedirectPagesOnly(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => RedirectPagesOnly(context, StatusCodes.Status403Forbidden);
        });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(AdminPolicy, policy => policy.RequireRole(AppRoles.Admin));
        services.Replace(ServiceDescriptor.Singleton<IAuthorizationMiddlewareResultHandler, PasswordChangeGate>());

        services.AddUserAdministration();
        services.AddSingleton<FirstRunState>();
        return services;
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
