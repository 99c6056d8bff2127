using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Malls;

namespace GoQ.TikTokSync.Core.Tests;

/// <summary>Orders refer to their shop by id, so a test's shop is stored before its orders.</summary>
internal static class TestShops
{
    public static async Task<MallConnection> SavedAsync(TikTokSyncDbContext db, string displayName)
    {
        var shop = new MallConnection { DisplayName = displayName };
        db.MallConnections.Add(shop);
        await db.SaveChangesAsync();
        return shop;
    }
}
