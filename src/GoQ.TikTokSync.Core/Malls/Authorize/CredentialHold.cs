using GoQ.TikTokSync.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Core.Malls.Authorize;

/// <summary>
/// Holds a connection for 再認証 after a credential refusal (<see cref="CredentialProblems"/>), in one UPDATE apart from
/// whatever the caller is saving, and only while it is still authorized: a reason already recorded is not overwritten.
/// </summary>
public static class CredentialHold
{
    public static async Task<bool> HoldAsync(TikTokSyncDbContext db, int mallConnectionId, string reason, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.MallConnections
            .Where(c => c.Id == mallConnectionId && c.AuthorizationState == AuthorizationState.Authorized)
            .ExecuteUpdateAsync(
                set => set.SetProperty(c => c.AuthorizationState, AuthorizationState.ReauthorizationRequired)
                    .SetProperty(c => c.ReauthorizationReason, reason)
                    .SetProperty(c => c.UpdatedAtUtc, nowUtc)
                    .SetProperty(c => c.Version, Guid.NewGuid()),
                cancellationToken) > 0;
    }
}
