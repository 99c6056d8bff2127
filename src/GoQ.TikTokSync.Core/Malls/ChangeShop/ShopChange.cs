using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Malls.Authorize;
using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Core.OperationHistory.Recording;
using GoQ.TikTokSync.TikTokShop.Models;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Core.Malls.ChangeShop;

public enum ShopChangeOutcome
{
    Changed,
    NotFound,

    /// <summary>The shop is not among those the authorization covers: nothing changed.</summary>
    NotCovered,
}

/// <summary>
/// ショップ変更: the shops TikTok says the authorization covers, and choosing one (stored by
/// <see cref="ShopAuthorization.SelectShopAsync"/>) with its 操作履歴 row.
/// TikTok's refusals (<see cref="ReauthorizationRequiredException"/>, <see cref="MallConnectionDisabledException"/>,
/// TikTok API errors) reach the caller.
/// </summary>
public sealed class ShopChange(TikTokSyncDbContext db, ShopAuthorization authorization, OperationHistoryRecorder history)
{
    public sealed record Current(string DisplayName, string? TikTokShopId);

    public Task<Current?> CurrentAsync(int connectionId, CancellationToken cancellationToken) =>
        db.MallConnections.AsNoTracking().Where(c => c.Id == connectionId).Select(c => new Current(c.DisplayName, c.TikTokShopId)).SingleOrDefaultAsync(cancellationToken);

    public Task<IReadOnlyList<TikTokAuthorizedShop>> ShopsAsync(int connectionId, CancellationToken cancellationToken) =>
        authorization.GetShopsAsync(connectionId, cancellationToken);

    public async Task<ShopChangeOutcome> ChangeAsync(int connectionId, string shopId, CancellationToken cancellationToken)
    {
        var before = await db.MallConnections.AsNoTracking().Where(c => c.Id == connectionId).Select(c => new { c.ShopName, c.TikTokShopId }).SingleOrDefaultAsync(cancellationToken);
        if (before is null)
        {
            return ShopChangeOutcome.NotFound;
        }

        // Not one transaction: choosing asks TikTok for the shops (and may refresh the token in its own save), which must
        // not wait behind a write lock held here. The row is saved right after the choice, as before.
        if (!await authorization.SelectShopAsync(connectionId, shopId, cancellationToken))
        {
            return ShopChangeOutcome.NotCovered;
        }

        var after = await db.MallConnections.AsNoTracking().Where(c => c.Id == connectionId).Select(c => new { c.DisplayName, c.ShopName, c.TikTokShopId }).SingleAsync(cancellationToken);
        var changed = !string.Equals(before.TikTokShopId, after.TikTokShopId, StringComparison.Ordinal);
        var details = new List<string>
        {
            "モール: " + after.DisplayName,
            changed ? $"ショップ: {Shop(before.ShopName, before.TikTokShopId)} → {Shop(after.ShopName, after.TikTokShopId)}" : $"ショップ: {Shop(after.ShopName, after.TikTokShopId)}（変更なし）",
        };
        if (changed && before.TikTokShopId is not null)
        {
            details.Add("別のショップになったため、配送業者の対応付けを消去しました");
        }

        await history.RecordAsync(
            new OperationRecord(OperationKind.ShopChanged, $"「{after.DisplayName}」のショップを「{after.ShopName}」に変更", string.Join('\n', details), MallSettingsPages.DetailUrl(connectionId)),
            cancellationToken);
        return ShopChangeOutcome.Changed;
    }

    private static string Shop(string? name, string? id) => id is null ? "（未選択）" : $"{name}（ID {id}）";
}
