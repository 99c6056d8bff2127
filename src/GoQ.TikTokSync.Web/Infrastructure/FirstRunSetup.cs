using GoQ.TikTokSync.Core.Data;
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

    /// <summary>Until the first admin exists, every page leads to the one-time setup page.</summary>
    public static IApplicationBuilder UseFirstRunSetupRedirect(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            if (path.StartsWithSegments(SetupPath, StringComparison.OrdinalIgnoreCase)
                || path.StartsWithSegments(StoreHealthChecks.Path, StringComparison.OrdinalIgnoreCase)
                // TikTok must get its 200 or 401, never a redirect it would count as a failed delivery.
                || path.StartsWithSegments(TikTokShopWebhooks.Path, StringComparison.OrdinalIgnoreCase)
                || context.GetEndpoint() is null)
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
