using GoQ.TikTokSync.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GoQ.TikTokSync.Core.Malls.Alerts;

public enum ConnectionAlertLevel
{
    /// <summary>Red: 再認証が必要です. Import and export of the connection are paused.</summary>
    ReauthorizationRequired,

    /// <summary>Yellow: the seller's authorization ends soon.</summary>
    AuthorizationExpiringSoon,
}

public sealed record ConnectionAlert(int MallConnectionId, string ConnectionName, ConnectionAlertLevel Level, DateTime? AuthorizationExpiresAtUtc, string? Reason);

/// <summary>The banners shown on every page while a connection needs attention.</summary>
public static class ConnectionAlerts
{
    public static async Task<IReadOnlyList<ConnectionAlert>> LoadAsync(TikTokSyncDbContext db, TimeProvider time, MallSettingsOptions options, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var warnFrom = now + options.AuthorizationExpiryWarning;
        var connections = await db.MallConnections.AsNoTracking()
            .Where(c => c.IsEnabled && (c.AuthorizationState == AuthorizationState.ReauthorizationRequired
                || (c.AuthorizationState == AuthorizationState.Authorized && c.AuthorizationExpiresAtUtc < warnFrom)))
            .OrderBy(c => c.DisplayOrder).ThenBy(c => c.Id)
            .Select(c => new { c.Id, c.DisplayName, c.AuthorizationState, c.AuthorizationExpiresAtUtc, c.ReauthorizationReason })
            .ToListAsync(cancellationToken);

        return connections.Select(c => c.AuthorizationState == AuthorizationState.ReauthorizationRequired || c.AuthorizationExpiresAtUtc <= now
                ? new ConnectionAlert(c.Id, c.DisplayName, ConnectionAlertLevel.ReauthorizationRequired, c.AuthorizationExpiresAtUtc, c.ReauthorizationReason)
                : new ConnectionAlert(c.Id, c.DisplayName, ConnectionAlertLevel.AuthorizationExpiringSoon, c.AuthorizationExpiresAtUtc, null))
            .ToList();
    }
}
