using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Malls.Authorize;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.TikTokShop.Models;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Core.Malls.MapCarriers;

/// <summary>
/// How a TikTok shipping provider's name is recognised as one of our carriers. UNCONFIRMED (docs/tiktok-shop-api.md#shipping-providers):
/// the exact names TikTok Shop Japan returns were not found in any source, so English and Japanese spellings are both
/// accepted, case-insensitively, and an administrator can correct any mapping on the connection page.
/// </summary>
public static class CarrierProviderNames
{
    public static IReadOnlyDictionary<Carrier, string[]> Aliases { get; } = new Dictionary<Carrier, string[]>
    {
        [Carrier.Yamato] = ["Yamato", "Yamato Transport", "ヤマト運輸", "ヤマト"],
        [Carrier.Sagawa] = ["Sagawa", "Sagawa Express", "佐川急便", "佐川"],
        [Carrier.JapanPost] = ["Japan Post", "JapanPost", "日本郵便", "ゆうパック"],
        // Seino Super Express must be tested before Seino Transportation: "Seino" alone would match both.
        [Carrier.SeinoSuperExpress] = ["Seino Super Express", "西濃スーパーエクスプレス"],
        [Carrier.SeinoTransportation] = ["Seino Transportation", "Seino", "西濃運輸"],
    };

    public static Carrier? Recognise(string providerName)
    {
        var name = providerName.Trim();
        foreach (var carrier in new[] { Carrier.SeinoSuperExpress, Carrier.Yamato, Carrier.Sagawa, Carrier.JapanPost, Carrier.SeinoTransportation })
        {
            if (Aliases[carrier].Any(alias => name.Equals(alias, StringComparison.OrdinalIgnoreCase)
                || name.StartsWith(alias + " ", StringComparison.OrdinalIgnoreCase)
                || name.Contains(alias, StringComparison.OrdinalIgnoreCase)))
            {
                return carrier;
            }
        }

        return null;
    }
}

/// <summary>The carrier → shipping_provider_id table of a connection, filled from Get Shipping Providers and cached.</summary>
public sealed class ShippingProviders(TikTokSyncDbContext db, TikTokShopConnections connections, GoQ.TikTokSync.TikTokShop.ITikTokShopApiClient api, TimeProvider time)
{
    public async Task<ShippingProviderMapping?> ResolveAsync(int mallConnectionId, string deliveryOptionId, Carrier carrier, CancellationToken cancellationToken)
    {
        var cached = await FindAsync(mallConnectionId, deliveryOptionId, carrier, cancellationToken);
        if (cached is not null)
        {
            return cached;
        }

        await LoadFromTikTokAsync(mallConnectionId, deliveryOptionId, cancellationToken);
        return await FindAsync(mallConnectionId, deliveryOptionId, carrier, cancellationToken);
    }

    /// <summary>Asks TikTok for the delivery option's providers; keeps rows an administrator set by hand.</summary>
    public async Task<IReadOnlyList<TikTokShippingProvider>> LoadFromTikTokAsync(int mallConnectionId, string deliveryOptionId, CancellationToken cancellationToken)
    {
        var shop = await connections.ContextForAsync(mallConnectionId, cancellationToken)
            ?? throw new InvalidOperationException("The connection is not authorized or has no shop.");
        var providers = await api.GetShippingProvidersAsync(shop, deliveryOptionId, cancellationToken);
        try
        {
            await MergeAsync(mallConnectionId, deliveryOptionId, providers, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another run (a manual push beside 自動書き出し) loaded the same delivery option at the same moment and saved
            // first, so our inserts hit the unique index. Its rows hold the same answer from TikTok: merge onto them once more.
            foreach (var added in db.ChangeTracker.Entries<ShippingProviderMapping>().Where(e => e.State == EntityState.Added).ToList())
            {
                added.State = EntityState.Detached;
            }

            await MergeAsync(mallConnectionId, deliveryOptionId, providers, cancellationToken);
        }

        return providers;
    }

    private async Task MergeAsync(int mallConnectionId, string deliveryOptionId, IReadOnlyList<TikTokShippingProvider> providers, CancellationToken cancellationToken)
    {
        var existing = await db.ShippingProviderMappings
            .Where(m => m.MallConnectionId == mallConnectionId && m.DeliveryOptionId == deliveryOptionId)
            .ToListAsync(cancellationToken);

        foreach (var provider in providers)
        {
            if (CarrierProviderNames.Recognise(provider.Name) is not { } carrier)
            {
                continue;
            }

            var row = existing.FirstOrDefault(m => m.Carrier == carrier);
            if (row is null)
            {
                row = new ShippingProviderMapping { MallConnectionId = mallConnectionId, DeliveryOptionId = deliveryOptionId, Carrier = carrier };
                db.ShippingProviderMappings.Add(row);
                existing.Add(row);
            }
            else if (row.SetByAdministrator)
            {
                continue;
            }

            row.ShippingProviderId = provider.Id;
            row.ShippingProviderName = provider.Name;
            row.UpdatedAtUtc = time.GetUtcNow().UtcDateTime;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task SetByAdministratorAsync(int mallConnectionId, string deliveryOptionId, Carrier carrier, TikTokShippingProvider provider, CancellationToken cancellationToken)
    {
        var row = await FindAsync(mallConnectionId, deliveryOptionId, carrier, cancellationToken, tracked: true);
        if (row is null)
        {
            row = new ShippingProviderMapping { MallConnectionId = mallConnectionId, DeliveryOptionId = deliveryOptionId, Carrier = carrier };
            db.ShippingProviderMappings.Add(row);
        }

        row.ShippingProviderId = provider.Id;
        row.ShippingProviderName = provider.Name;
        row.SetByAdministrator = true;
        row.UpdatedAtUtc = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
    }

    private Task<ShippingProviderMapping?> FindAsync(int mallConnectionId, string deliveryOptionId, Carrier carrier, CancellationToken cancellationToken, bool tracked = false)
    {
        var query = db.ShippingProviderMappings.Where(m => m.MallConnectionId == mallConnectionId && m.DeliveryOptionId == deliveryOptionId && m.Carrier == carrier);
        return (tracked ? query : query.AsNoTracking()).SingleOrDefaultAsync(cancellationToken);
    }
}
