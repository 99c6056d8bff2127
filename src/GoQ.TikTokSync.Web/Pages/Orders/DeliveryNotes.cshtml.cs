using System.Globalization;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.Time;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Web.Pages.Orders;

/// <summary>
/// 納品書: one A4 page per selected order, printed by the browser (no PDF service). Read-only, so it is a GET with the
/// order ids in the query and is not written to 操作履歴 (which records changes and calls to TikTok only).
/// </summary>
public class DeliveryNotesModel(TikTokSyncDbContext db) : PageModel
{
    /// <summary>More than this is one print job nobody checks sheet by sheet, and an unbounded id list makes a huge query.</summary>
    public const int MaxOrders = 200;

    [BindProperty(SupportsGet = true, Name = "ids")]
    public List<long> Ids { get; set; } = [];

    /// <summary>The 受注一覧's 店舗 filter when it was set: orders of other connections are then left out.</summary>
    [BindProperty(SupportsGet = true, Name = "connection")]
    public int? ConnectionId { get; set; }

    /// <summary>Why nothing is printed (no selection, too many), in Japanese; null when notes are shown.</summary>
    public string? Message { get; private set; }

    public IReadOnlyList<Note> Notes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var ids = Ids.Distinct().ToList();
        if (ids.Count == 0)
        {
            Message = "納品書を印刷する受注を受注一覧で選択してください。";
            return;
        }

        if (ids.Count > MaxOrders)
        {
            Message = $"一度に印刷できる納品書は{MaxOrders.ToString(CultureInfo.InvariantCulture)}件までです（{ids.Count.ToString(CultureInfo.InvariantCulture)}件選択されています）。選択を減らしてください。";
            return;
        }

        var query = db.Orders.AsNoTracking().Include(o => o.Lines).Where(o => ids.Contains(o.Id));
        if (ConnectionId is { } connectionId)
        {
            query = query.Where(o => o.MallConnectionId == connectionId);
        }

        var orders = await query.AsSplitQuery().ToListAsync(cancellationToken);
        var byId = orders.ToDictionary(o => o.Id);
        var connectionIds = orders.Select(o => o.MallConnectionId).Distinct().ToList();
        var connections = await db.MallConnections.AsNoTracking().Where(c => connectionIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);

        // Printed in the order the operator selected them (the list's order), so the stack matches the screen.
        Notes = ids.Where(byId.ContainsKey).Select(id => ToNote(byId[id], connections[byId[id].MallConnectionId])).ToList();
        if (Notes.Count == 0)
        {
            Message = "選択した受注が見つかりませんでした。";
        }
    }

    private static Note ToNote(Order order, MallConnection connection)
    {
        // Identical units of a SKU at the same price become one row with a quantity (TikTok sends one line per unit); a unit
        // sold at another price (a promotion on one of them) keeps its own row so that 単価 × 数量 = 小計 on every row.
        var lines = order.Lines
            .OrderBy(l => l.Id)
            .GroupBy(l => (l.SkuId, l.SalePrice))
            .Select(g =>
            {
                var first = g.First();
                return new NoteLine(
                    string.IsNullOrWhiteSpace(first.SellerSku) ? first.SkuId : first.SellerSku,
                    string.IsNullOrWhiteSpace(first.SkuName) ? first.ProductName : $"{first.ProductName}（{first.SkuName}）",
                    g.Count(),
                    g.Key.SalePrice,
                    g.Sum(l => l.SalePrice));
            })
            .ToList();
        var address = JapaneseAddress.ForDisplay(order.Prefecture, order.City, order.Town, order.AddressLine);
        return new Note(
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

    public static string Yen(decimal amount) => amount.ToString("¥#,0", CultureInfo.InvariantCulture);

    public sealed record Note(
        long OrderId,
        string ShopName,
        string TikTokOrderId,
        string OrderDate,
        string? RecipientName,
        string? PostalCode,
        string? Address,
        string? Building,
        string? Phone,
        IReadOnlyList<NoteLine> Lines,
        decimal SubTotal,
        decimal ShippingFee,
        decimal Discount,
        decimal Total,
        string? BuyerMessage);

    public sealed record NoteLine(string Sku, string Name, int Quantity, decimal UnitPrice, decimal Amount);
}
