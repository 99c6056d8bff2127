using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Core.OperationHistory.Recording;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Core.Orders.ConfirmAddressChange;

public enum AddressConfirmOutcome
{
    Confirmed,
    NotFound,

    /// <summary>No 住所変更 waits for a confirmation (already confirmed by someone else).</summary>
    NothingToConfirm,

    /// <summary>An import or a push changed the order meanwhile: nothing saved.</summary>
    Conflict,
}

/// <summary>
/// 受注詳細's 住所変更を確認: the operator has checked the package against the address TikTok changed after the tracking
/// number was entered, so 自動書き出し may send it again. The order, its history line and the 操作履歴 row in one save.
/// </summary>
public sealed class AddressChangeConfirmation(TikTokSyncDbContext db, OperationHistoryRecorder history, TimeProvider time)
{
    public async Task<AddressConfirmOutcome> ConfirmAsync(long orderId, string userName, CancellationToken cancellationToken)
    {
        var order = await db.Orders.SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken);
        if (order is null)
        {
            return AddressConfirmOutcome.NotFound;
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (!order.ConfirmAddressChange(now, userName))
        {
            return AddressConfirmOutcome.NothingToConfirm;
        }

        history.Add(new OperationRecord(
            OperationKind.AddressChangeConfirmed,
            $"受注 {order.TikTokOrderId} の住所変更を確認",
            $"お届け先: {JapaneseAddress.FormatPostalCode(order.PostalCode)} {order.FullAddress}",
            OrderOperationText.OrderUrl(order.Id),
            [(order.Id, order.TikTokOrderId)]));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return AddressConfirmOutcome.Conflict;
        }

        return AddressConfirmOutcome.Confirmed;
    }
}
