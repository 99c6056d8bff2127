using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Core.OperationHistory.Recording;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.TikTokShop.Models;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Core.Malls.MapCarriers;

/// <summary>
/// 配送業者の対応付け by an administrator, for one connection and delivery option: what is mapped now, and changing
/// one carrier's TikTok provider with its 操作履歴 row in the same transaction.
/// </summary>
public sealed class ProviderChoice(TikTokSyncDbContext db, ShippingProviders shippingProviders, OperationHistoryRecorder history)
{
    /// <summary>Whether the connection is in use (利用), or null when there is no such connection.</summary>
    public Task<bool?> InUseAsync(int connectionId, CancellationToken cancellationToken) =>
        db.MallConnections.Where(c => c.Id == connectionId).Select(c => (bool?)c.IsEnabled).SingleOrDefaultAsync(cancellationToken);

    public Task<IReadOnlyList<TikTokShippingProvider>> ProvidersAsync(int connectionId, string deliveryOptionId, CancellationToken cancellationToken) =>
        shippingProviders.LoadFromTikTokAsync(connectionId, deliveryOptionId, cancellationToken);

    public async Task<IReadOnlyDictionary<Carrier, string>> CurrentAsync(int connectionId, string deliveryOptionId, CancellationToken cancellationToken) =>
        await db.ShippingProviderMappings.AsNoTracking()
            .Where(m => m.MallConnectionId == connectionId && m.DeliveryOptionId == deliveryOptionId)
            .ToDictionaryAsync(m => m.Carrier, m => m.ShippingProviderId, cancellationToken);

    public async Task ChooseAsync(int connectionId, string deliveryOptionId, Carrier carrier, TikTokShippingProvider provider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var before = await db.ShippingProviderMappings.AsNoTracking()
            .Where(m => m.MallConnectionId == connectionId && m.DeliveryOptionId == deliveryOptionId && m.Carrier == carrier)
            .Select(m => new { m.ShippingProviderId, m.ShippingProviderName })
            .SingleOrDefaultAsync(cancellationToken);
        await history.RecordWithAsync(
            async ct =>
            {
                await shippingProviders.SetByAdministratorAsync(connectionId, deliveryOptionId, carrier, provider, ct);
                var connectionName = await db.MallConnections.Where(c => c.Id == connectionId).Select(c => c.DisplayName).SingleAsync(ct);
                var changes = new SettingsChanges().Compare(
                    $"{carrier.JapaneseName()} の TikTok 配送業者",
                    before is null ? null : Provider(before.ShippingProviderName, before.ShippingProviderId),
                    Provider(provider.Name, provider.Id));
                return (true, (OperationRecord?)new OperationRecord(
                    OperationKind.CarrierMappingSaved,
                    $"「{connectionName}」の {carrier.JapaneseName()} を TikTok 配送業者「{provider.Name}」に対応付け",
                    string.Join('\n', "モール: " + connectionName, "配送オプション: " + deliveryOptionId, changes.Any ? changes.ToString() : "変更なし"),
                    MallSettingsPages.DetailUrl(connectionId)));
            },
            cancellationToken);
    }

    private static string Provider(string name, string id) => $"{name}（ID {id}）";
}
