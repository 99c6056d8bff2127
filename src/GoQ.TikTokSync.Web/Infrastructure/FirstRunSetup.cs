using GoQ.TikTokSync.Core.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Web.Infrastructure;

/// <summary>
/// Remembers once a user exists, so the "is this a first run?" question costs one query per process, not per request.
/// The setup itself is serialised so that two browsers racing on a fresh install cannot both create an admin.
/// </summary>
public sealed class FirstRunState
{
    private volatile bool _hasUsers;

    public SemaphoreSlim SetupLock { get; } = new(1, 1);

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

public static class FirstRunSetup
{
    public const string SetupPath = "/Setup";

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
