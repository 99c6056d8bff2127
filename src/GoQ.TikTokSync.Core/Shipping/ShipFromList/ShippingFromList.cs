using System.Globalization;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.OperationHistory.Recording;
using GoQ.TikTokSync.Core.Shipping.EnterTracking;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Core.Shipping.ShipFromList;

/// <summary>出荷日 set on the selected orders: how many, and the orders refused with why.</summary>
public sealed record ShipDateOutcome(int Saved, IReadOnlyList<(string TikTokOrderId, string Message)> Refused);

/// <summary>伝票番号 typed on the list: how many saved, or the numbers that were wrong (then nothing is saved).</summary>
public sealed record TrackingOutcome(int Saved, IReadOnlyList<string> Problems);

/// <summary>
/// 受注一覧's bulk shipping entry: 配送業者 and 出荷日, or 伝票番号 per row, through <see cref="ShippingEntry"/> (whose
/// rules they are), each recorded in 操作履歴. <see cref="ShippingEntry"/> saves on its own, so the row follows its save.
/// A null result means the save lost a race with an import or a push and nothing was saved.
/// </summary>
public sealed class ShippingFromList(TikTokSyncDbContext db, ShippingEntry shippingEntry, OperationHistoryRecorder history, TimeProvider time)
{
    public async Task<ShipDateOutcome?> SetShipDateAsync(IReadOnlyList<long> orderIds, Carrier carrier, string? shipDate, string userName, CancellationToken cancellationToken)
    {
        int saved;
        IReadOnlyList<(string TikTokOrderId, string Message)> refused;
        try
        {
            (saved, refused) = await shippingEntry.SetShipDateAsync(orderIds, carrier, shipDate, userName, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return null;
        }

        if (saved > 0)
        {
            var refusedNumbers = refused.Select(r => r.TikTokOrderId).ToHashSet(StringComparer.Ordinal);
            var orders = (await db.Orders.AsNoTracking().Where(o => orderIds.Contains(o.Id)).Select(o => new { o.Id, o.TikTokOrderId }).ToListAsync(cancellationToken))
                .Where(o => !refusedNumbers.Contains(o.TikTokOrderId))
                .Select(o => (o.Id, o.TikTokOrderId))
                .ToList();
            var details = new List<string>
            {
                "配送業者: " + carrier.JapaneseName(),
                "出荷日: " + ShipDateText(shipDate),
                "受注番号: " + OrderOperationText.Numbers(orders.Select(o => o.TikTokOrderId)),
            };
            if (refused.Count > 0)
            {
                details.Add($"設定できなかった受注: {OrderOperationText.CountText(refused.Count)}（{string.Join(" ／ ", refused.Take(OrderOperationText.ListedNumbers).Select(r => $"{r.TikTokOrderId}: {r.Message}"))}）");
            }

            await history.RecordAsync(
                new OperationRecord(
                    OperationKind.ShippingEdited,
                    $"受注 {OrderOperationText.CountText(saved)}に配送業者・出荷日を設定（受注一覧）",
                    string.Join('\n', details),
                    OrderOperationText.TargetUrl(orders, "/Orders"),
                    orders),
                cancellationToken);
        }

        return new ShipDateOutcome(saved, refused);
    }

    /// <summary>
    /// Every number is checked first; if any is wrong nothing is saved and <see cref="TrackingOutcome.Problems"/> says which
    /// order and why. Rows are saved all or none.
    /// </summary>
    public async Task<TrackingOutcome?> SaveTrackingAsync(IReadOnlyList<long> rows, IReadOnlyDictionary<long, string> numbers, Carrier carrier, string? shipDate, string userName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(numbers);
        var orderNumbers = await db.Orders.Where(o => rows.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.TikTokOrderId, cancellationToken);
        var problems = rows
            .Select(id => (Id: id, Check: TrackingNumberRules.Validate(carrier, numbers[id])))
            .Where(r => r.Check.Error is not null)
            .Select(r => $"{orderNumbers.GetValueOrDefault(r.Id)}（{r.Check.Error}）")
            .ToList();
        int saved;
        try
        {
            saved = problems.Count == 0
                ? await shippingEntry.SaveManyAsync(rows.Select(id => (id, new PackageInput(carrier, numbers[id], shipDate))).ToList(), "受注一覧", userName, cancellationToken)
                : 0;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return null;
        }

        if (saved > 0)
        {
            // SaveManyAsync saves every row or none, so every selected row with a number was saved.
            var orders = rows.Select(id => (id, orderNumbers.GetValueOrDefault(id) ?? string.Empty)).ToList();
            var details = new List<string> { "配送業者: " + carrier.JapaneseName(), "出荷日: " + ShipDateText(shipDate) };
            details.AddRange(OrderOperationText.CappedLines(rows.Select(id =>
                $"{orderNumbers.GetValueOrDefault(id)}: 伝票番号 {TrackingNumberRules.Validate(carrier, numbers[id]).Normalized ?? numbers[id].Trim()}").ToList()));

            await history.RecordAsync(
                new OperationRecord(
                    OperationKind.ShippingEdited,
                    $"受注 {OrderOperationText.CountText(saved)}に伝票番号を保存（受注一覧）",
                    string.Join('\n', details),
                    OrderOperationText.TargetUrl(orders, "/Orders"),
                    orders),
                cancellationToken);
        }

        return new TrackingOutcome(saved, problems);
    }

    /// <summary>出荷日 as the bulk forms apply it: empty means today in Japan.</summary>
    private string ShipDateText(string? input) =>
        ShippingEntry.TryParseShipDate(input, time, out var date) && date is { } day
            ? day.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture) + (string.IsNullOrWhiteSpace(input) ? "（当日）" : string.Empty)
            : input ?? string.Empty;
}
