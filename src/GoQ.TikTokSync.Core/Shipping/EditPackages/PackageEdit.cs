using System.Globalization;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.OperationHistory.Recording;
using GoQ.TikTokSync.Core.ProcessingLog;
using GoQ.TikTokSync.Core.Shipping.EnterTracking;
using GoQ.TikTokSync.Core.Shipping.Push;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Core.Shipping.EditPackages;

public enum ResendOutcome
{
    Started,
    NotFound,

    /// <summary>The shop is set to 利用しない.</summary>
    ConnectionDisabled,

    /// <summary>Being pushed or already pushed.</summary>
    NotResendable,
}

/// <summary>
/// 受注詳細's packages: add or change one, 再送信, delete, each recorded in 操作履歴. The rules and the saves are
/// <see cref="ShippingEntry"/>'s and <see cref="ShippingExport"/>'s, which save on their own, so each row follows its save.
/// </summary>
public sealed class PackageEdit(TikTokSyncDbContext db, ShippingEntry entry, ShippingExport export, OperationHistoryRecorder history)
{
    /// <summary>Adds a package (no <paramref name="packageId"/>) or changes one.</summary>
    public async Task<PackageSaveResult> SaveAsync(long orderId, long? packageId, PackageInput input, Guid? expectedVersion, string? userName, CancellationToken cancellationToken)
    {
        var before = packageId is { } id
            ? await db.ShippingPackages.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id && p.OrderId == orderId, cancellationToken)
            : null;
        var result = await entry.SaveAsync(orderId, packageId, input, expectedVersion, userName, cancellationToken);
        if (!result.Saved)
        {
            return result;
        }

        var after = await db.ShippingPackages.AsNoTracking().SingleAsync(p => p.Id == result.PackageId, cancellationToken);
        var orderNumber = await OrderNumberAsync(orderId, cancellationToken);
        var changes = new SettingsChanges()
            .Compare("配送業者", before?.Carrier, after.Carrier, carrier => carrier?.JapaneseName())
            .Compare("伝票番号", before?.TrackingNumber, after.TrackingNumber)
            .Compare("出荷日", before?.ShipDate, after.ShipDate, date => date?.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture))
            .Compare("商品", before?.LineItemIdList.Count, after.LineItemIdList.Count, count => count is null ? null : count.Value.ToString(CultureInfo.InvariantCulture) + "点");
        var details = new List<string> { before is null ? "荷物を追加" : "荷物を変更", changes.Any ? changes.ToString() : "変更なし" };
        if (before?.PushState == ShipmentPushState.Failed && after.PushState == ShipmentPushState.Pending)
        {
            details.Add("送信失敗の荷物を送信待ちに戻しました");
        }

        if (result.Warning is not null)
        {
            details.Add("注意: " + result.Warning);
        }

        await history.RecordAsync(
            new OperationRecord(
                OperationKind.ShippingEdited,
                $"受注 {orderNumber} の発送情報を保存（{ShippingEntry.Describe(after)}）",
                string.Join('\n', details),
                OrderOperationText.OrderUrl(orderId),
                [(orderId, orderNumber)]),
            cancellationToken);
        return result;
    }

    /// <summary>再送信: a failed package goes back in line and is pushed now. The run id when a push started.</summary>
    public async Task<(ResendOutcome Outcome, long? RunId)> ResendAsync(long orderId, long packageId, string userName, CancellationToken cancellationToken)
    {
        var connectionId = await db.Orders.Where(o => o.Id == orderId).Select(o => (int?)o.MallConnectionId).SingleOrDefaultAsync(cancellationToken);
        if (connectionId is null || !await db.ShippingPackages.AnyAsync(p => p.Id == packageId && p.OrderId == orderId, cancellationToken))
        {
            return (ResendOutcome.NotFound, null);
        }

        if (!await db.MallConnections.AnyAsync(c => c.Id == connectionId && c.IsEnabled, cancellationToken))
        {
            return (ResendOutcome.ConnectionDisabled, null);
        }

        if (await export.ResendAsync(connectionId.Value, [packageId], userName, entry, cancellationToken) is not { } runId)
        {
            return (ResendOutcome.NotResendable, null);
        }

        var package = await db.ShippingPackages.AsNoTracking().SingleAsync(p => p.Id == packageId, cancellationToken);
        var orderNumber = await OrderNumberAsync(orderId, cancellationToken);
        await history.RecordAsync(
            new OperationRecord(
                OperationKind.ShippingResent,
                $"受注 {orderNumber} の発送情報を再送信",
                $"荷物: {ShippingEntry.Describe(package)}\n実行: {ExportRunPages.Url(runId)}",
                ExportRunPages.Url(runId),
                [(orderId, orderNumber)]),
            cancellationToken);
        return (ResendOutcome.Started, runId);
    }

    /// <summary>Found is false when the order has no such package; Refused says why it was not deleted (null once it is).</summary>
    public async Task<(bool Found, string? Refused)> DeleteAsync(long orderId, long packageId, string userName, CancellationToken cancellationToken)
    {
        var package = await db.ShippingPackages.AsNoTracking().SingleOrDefaultAsync(p => p.Id == packageId && p.OrderId == orderId, cancellationToken);
        if (package is null)
        {
            return (false, null);
        }

        if (await entry.DeleteAsync(packageId, userName, cancellationToken) is { } refused)
        {
            return (true, refused);
        }

        var orderNumber = await OrderNumberAsync(orderId, cancellationToken);
        await history.RecordAsync(
            new OperationRecord(OperationKind.PackageDeleted, $"受注 {orderNumber} の荷物を削除", "削除した荷物: " + ShippingEntry.Describe(package), OrderOperationText.OrderUrl(orderId), [(orderId, orderNumber)]),
            cancellationToken);
        return (true, null);
    }

    private Task<string> OrderNumberAsync(long orderId, CancellationToken cancellationToken) =>
        db.Orders.Where(o => o.Id == orderId).Select(o => o.TikTokOrderId).SingleAsync(cancellationToken);
}
