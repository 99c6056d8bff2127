using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.TikTokShop;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Core.Malls.Authorize;

/// <summary>Turns a stored connection into what the TikTok client needs for shop-scoped calls.</summary>
public sealed class TikTokShopConnections(TikTokSyncDbContext db, ConnectionTokens tokens)
{
    /// <summary>
    /// Null when the connection cannot sync (<see cref="MallConnection.CanSync"/>): nothing can be fetched or pushed, and
    /// the caller ends its run with <see cref="MallConnection.SyncBlockReason"/>.
    /// </summary>
    public async Task<TikTokShopContext?> ContextForAsync(int mallConnectionId, CancellationToken cancellationToken)
    {
        var connection = await db.MallConnections.AsNoTracking().SingleAsync(c => c.Id == mallConnectionId, cancellationToken);
        return connection.CanSync ? ContextFor(connection) : null;
    }

    /// <summary>The context of a connection the caller has loaded and found able to sync (<see cref="MallConnection.CanSync"/>).</summary>
    public TikTokShopContext ContextFor(MallConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return new TikTokShopContext(connection.ShopCipher ?? throw new InvalidOperationException("The connection has no chosen shop."), tokens.SourceFor(connection.Id));
    }
}
