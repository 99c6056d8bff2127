using GoQ.TikTokSync.Core.Orders;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Core.Shipping.EnterTracking;

// Operator actions on a package as a whole: asking for 再送信 and removing it.
public sealed partial class ShippingEntry
{
    /// <summary>再送信: a failed package goes back to Pending as it is (the operator fixed something on TikTok's side).</summary>
    public async Task<bool> ResendAsync(long packageId, string userName, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        // One conditional UPDATE: only a package still 失敗 goes back in line, whatever a push is doing to it meanwhile.
        var changed = await db.ShippingPackages
            .Where(p => p.Id == packageId && p.PushState == ShipmentPushState.Failed)
            .ExecuteUpdateAsync(set => set.SetProperty(p => p.PushState, ShipmentPushState.Pending)
                .SetProperty(p => p.FailureReason, (string?)null)
                .SetProperty(p => p.UpdatedAtUtc, now)
                .SetProperty(p => p.Version, Guid.NewGuid()), cancellationToken);
        if (changed == 0)
        {
            return false;
        }

        var order = await db.Orders.Include(o => o.Packages).SingleAsync(o => o.Packages.Any(p => p.Id == packageId), cancellationToken);
        order.SummarisePackages();
        order.RecordHistory(OrderHistoryKind.Edited, "発送情報の再送信を指示", now, userName);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Only a package TikTok has never seen can be removed. Returns why not, or null once it is removed.</summary>
    public async Task<string?> DeleteAsync(long packageId, string userName, CancellationToken cancellationToken)
    {
        var order = await db.Orders.Include(o => o.Packages).SingleOrDefaultAsync(o => o.Packages.Any(p => p.Id == packageId), cancellationToken);
        var package = order?.Packages.Single(p => p.Id == packageId);
        if (order is null || package is null)
        {
            return "荷物が見つかりません。削除された可能性があります。";
        }

        if (LockedReason(package) is { } locked)
        {
            return locked;
        }

        if (package.PushedTrackingNumber is not null)
        {
            return "TikTok Shop へ送信済みの荷物は削除できません。";
        }

        var now = time.GetUtcNow().UtcDateTime;
        order.Packages.Remove(package);
        db.ShippingPackages.Remove(package);
        order.SummarisePackages();
        order.RecordHistory(OrderHistoryKind.Edited, "荷物を削除: " + Describe(package), now, userName);
        // False: a push claimed the package between our read and the delete.
        return await TrySaveAsync(cancellationToken) ? null : "送信処理と同時に更新されたため削除できませんでした。画面を開き直してください。";
    }
}
