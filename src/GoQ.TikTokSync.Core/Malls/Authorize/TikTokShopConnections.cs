using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Import.FetchOrders;
using GoQ.TikTokSync.TikTokShop;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Core.Malls.Authorize;

/// <summary>Turns a stored connection into what the TikTok client needs for shop-scoped calls.</summary>
public sealed class TikTokShopConnections(TikTokSyncDbContext db, ConnectionTokens tokens)
{
    /// <summary>
    /// Null when the connection is set to 利用しない, has no authorization or no chosen shop yet: nothing can be fetched or
    /// pushed, and the caller ends its run with <see cref="OrderImport.SkipReason"/>.
    /// </summary>
    public async Task<TikTokShopContext?> ContextForAsync(int mallConnectionId, CancellationToken cancellationToken)
    {
        var connection = await db.MallConnections.AsNoTracking().SingleAsync(c => c.Id == mallConnectionId, cancellationToken);
        return connection.IsEnabled && connection.AuthorizationState == AuthorizationState.Authorized && connection.ShopCipher is { Length: > 0 } cipher
            ? new TikTokShopContext(cipher, tokens.SourceFor(mallConnectionId))
            : null;
    }
}
