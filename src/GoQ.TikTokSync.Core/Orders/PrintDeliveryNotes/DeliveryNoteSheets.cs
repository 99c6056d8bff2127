using System.Globalization;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Core.Orders.PrintDeliveryNotes;

public sealed record DeliveryNote(
    long OrderId,
    string ShopName,
    string TikTokOrderId,
    string OrderDate,
    string? RecipientName,
    string? PostalCode,
    string? Address,
    string? Building,
    string? Phone,
    IReadOnlyList<DeliveryNoteLine> Lines,
    decimal SubTotal,
    decimal ShippingFee,
    decimal Discount,
    decimal Total,
    string? BuyerMessage);

public sealed record DeliveryNoteLine(string Sku, string Name, int Quantity, decimal UnitPrice, decimal Amount);

public enum DeliveryNotesRefusal
{
    None,
    NothingSelected,
    TooMany,
    NoneFound,
}

/// <summary>
/// 納品書: one sheet per selected order, in the order the operator selected them. Read-only (nothing goes to 操作履歴,
/// which records changes and calls to TikTok only).
/// </summary>
public sealed class DeliveryNoteSheets(TikTokSyncDbContext db)
{
    /// <summary>More than this is one print job nobody checks sheet by sheet, and an unbounded id list makes a huge query.</summary>
    public const int MaxOrders = 200;

    /// <summary>The sheets, or why none are printed. <paramref name="connectionId"/> (the 受注一覧's 店舗 filter) leaves other shops' orders out.</summary>
    public async Task<(DeliveryNotesRefusal Refusal, IReadOnlyList<DeliveryNote> Notes)> LoadAsync(IReadOnlyList<long> orderIds, int? connectionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(orderIds);
        var ids = orderIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return (DeliveryNotesRefusal.NothingSelected, []);
        }

        if (ids.Count > MaxOrders)
        {
            return (DeliveryNotesRefusal.TooMany, []);
        }

        var query = db.Orders.AsNoTracking().Include(o => o.Lines).Where(o => ids.Contains(o.Id));
        if (connectionId is { } shop)
        {
            query = query.Where(o => o.MallConnectionId == shop);
        }

        var orders = await query.AsSplitQuery().ToListAsync(cancellationToken);
        var byId = orders.ToDictionary(o => o.Id);
        var connectionIds = orders.Select(o => o.MallConnectionId).Distinct().ToList();
        var connections = await db.MallConnections.AsNoTracking().Where(c => connectionIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);

        // Printed in the order the operator selected them (the list's order), so the stack matches the screen.
        var notes = ids.Where(byId.ContainsKey).Select(id => ToNote(byId[id], connections[byId[id].MallConnectionId])).ToList();
        return (notes.Count == 0 ? DeliveryNotesRefusal.NoneFound : DeliveryNotesRefusal.None, notes);
    }

    private static DeliveryNote ToNote(Order order, MallConnection connection)
    {
        // Identical units of a SKU at the same price become one row with a quantity (TikTok sends one line per unit); a unit
        // sold at another price (a promotion on one of them) keeps its own row so that 単価 × 数量 = 小計 on every row.
        var lines = order.Lines
            .OrderBy(l => l.Id)
            .GroupBy(l => (l.SkuId, l.SalePrice))
            .Select(g =>
            {
                var first = g.First();
                return new DeliveryNoteLine(
                    string.IsNullOrWhiteSpace(first.SellerSku) ? first.SkuId : first.SellerSku,
                    string.IsNullOrWhiteSpace(first.SkuName) ? first.ProductName : $"{first.ProductName}（{first.SkuName}）",
                    g.Count(),
                    g.Key.SalePrice,
                    g.Sum(l => l.SalePrice));
            })
            .ToList();
        var address = JapaneseAddress.ForDisplay(order.Prefecture, order.City, order.Town, order.AddressLine);
        return new DeliveryNote(
            order.Id,
            // The customer knows the shop by its TikTok name; 管理用店舗名 is the back office's own label and only a fallback.
            string.IsNullOrWhiteSpace(connection.ShopName) ? connection.DisplayName : connection.ShopName,
            order.TikTokOrderId,
            JapanTime.ToJst(order.OrderedAtUtc).ToString("yyyy/MM/dd", CultureInfo.InvariantCulture),
            order.RecipientName,
            string.IsNullOrWhiteSpace(order.PostalCode) ? null : JapaneseAddress.FormatPostalCode(order.PostalCode),
            // TikTok may send only the full address string; the split fields are preferred because they are what 受注詳細 shows.
            address.Length > 0 ? address : order.FullAddress,
            string.IsNullOrWhiteSpace(order.Building) ? null : order.Building,
            string.IsNullOrWhiteSpace(order.PhoneNumber) ? null : JapaneseAddress.FormatPhone(order.PhoneNumber),
            lines,
            order.SubTotal,
            order.ShippingFee,
            order.SellerDiscount + order.PlatformDiscount,
            order.TotalAmount,
            string.IsNullOrWhiteSpace(order.BuyerMessage) ? null : order.BuyerMessage);
    }
}
