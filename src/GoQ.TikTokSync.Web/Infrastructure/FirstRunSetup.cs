using System.ComponentModel.DataAnnotations;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Users;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GoQ.TikTokSync.Web.Infrastructure;

/// <summary>"Setup" section: the one-time setup code that 初期設定 asks for before it creates the first administrator.</summary>
public sealed class FirstRunSetupOptions
{
    public const string SectionName = "Setup";

    /// <summary>
    /// A fixed code instead of a random one, for automated tests only: refused at start in Production. Leave it unset
    /// everywhere else; the app then prints a fresh random code on every start while no user exists.
    /// </summary>
    [MinLength(SetupCodes.Length, ErrorMessage = "Setup:Code must have at least 12 characters.")]
    public string? Code { get; set; }

    /// <summary>How long a printed code works; a node started after that prints a new one.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "7.00:00:00", ErrorMessage = "Setup:CodeLifetime must be between 5 minutes and 7 days.")]
    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromHours(24);
}

/// <summary>
/// Remembers once a user exists, so the "is this a first run?" question costs one query per process, not per request.
/// Only a cache: whether 初期設定 may still create an administrator is decided by the database (see <see cref="FirstAdminClaim"/>).
/// </summary>
public sealed class FirstRunState
{
    private volatile bool _hasUsers;

    public async ValueTask<bool> HasUsersAsync(TikTokSyncDbContext db, CancellationToken cancellationToken)
    {
        if (!_hasUsers)
        {
            _hasUsers = await db.Users.AnyAsync(cancellationToken);
        }

        return _hasUsers;
    }

    public void MarkUserCreated() => _hasUsers = true;
}

public static partial class FirstRunSetup
{
    public const string SetupPath = "/Setup";

    public static IServiceCollection AddFirstRunSetup(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FirstRunSetupOptions>()
            .Bind(configuration.GetSection(FirstRunSetupOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate<IHostEnvironment>(
                (options, environment) => options.Code is null || !environment.IsProduction(),
                "Setup:Code is for automated tests only and must not be set in Production: the app prints a random setup code on start.")
            .ValidateOnStart();
        services.AddSingleton<FirstRunState>();
        return services;
    }

    /// <summary>
    /// While no user exists, this node stores the hash of a fresh setup code and prints the code to its log (the console
    /// of <c>dotnet run</c>). Every node does so on its own start, so with several nodes on one database each log holds a
    /// code that works everywhere; none of them works once the first administrator exists (the codes are deleted then).
    /// </summary>
    public static async Task IssueFirstRunSetupCodeAsync(this WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TikTokSyncDbContext>();
        if (await db.Users.AnyAsync())
        {
            return;
        }

        var options = scope.ServiceProvider.GetRequiredService<IOptions<FirstRunSetupOptions>>().Value;
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var code = options.Code ?? SetupCodes.Generate();
        db.SetupCodes.Add(new SetupCode { CodeHash = SetupCodes.Hash(code), CreatedAtUtc = now, ExpiresAtUtc = now + options.CodeLifetime });
        await db.SetupCodes.Where(c => c.ExpiresAtUtc <= now).ExecuteDeleteAsync();
        await db.SaveChangesAsync();
        LogSetupCode(app.Logger, code, SetupPath, now + options.CodeLifetime);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No administrator exists yet. First-run setup code: {SetupCode:l} - open {SetupPath:l} in a browser and enter it (valid until {ExpiresAtUtc:u}; codes printed by other nodes on the same database work too)")]
    private static partial void LogSetupCode(ILogger logger, string setupCode, string setupPath, DateTime expiresAtUtc);

    /// <summary>
    /// Until the first admin exists, every page leads to the one-time setup page. Only pages: other endpoints (health,
    /// the job dashboard, TikTok's webhooks) answer with their own status codes, never a redirect a machine would
    /// take for a failed call.
    /// </summary>
    public static IApplicationBuilder UseFirstRunSetupRedirect(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(SetupPath, StringComparison.OrdinalIgnoreCase)
                || context.GetEndpoint()?.Metadata.GetMetadata<PageActionDescriptor>() is null)
            {
                await next(context);
                return;
            }

            var state = context.RequestServices.GetRequiredService<FirstRunState>();
            var db = context.RequestServices.GetRequiredService<TikTokSyncDbContext>();
            if (!await state.HasUsersAsync(db, context.RequestAborted))
            {
                context.Response.Redirect(SetupPath);
                return;
            }

            await next(context);
        });
}
