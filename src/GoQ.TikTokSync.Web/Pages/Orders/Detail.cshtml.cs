using System.Globalization;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Orders;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Web.Pages.Orders;

/// <summary>受注詳細: everything about one order as a Japanese operator reads it, with the shipping entry and 備考.</summary>
public class DetailModel(TikTokSyncDbContext db, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    public Order Order { get; private set; } = null!;

    public string ConnectionName { get; private set; } = string.Empty;

    public IReadOnlyList<SkuGroup> Skus { get; private set; } = [];

    [BindProperty]
    public ShippingInput Shipping { get; set; } = new();

    [BindProperty]
    public string? Note { get; set; }

    public string? ShippingWarning { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        Shipping = new ShippingInput
        {
            Carrier = Order.Carrier ?? (await db.MallConnections.Where(c => c.Id == Order.MallConnectionId).Select(c => (Carrier?)c.PrimaryCarrier).SingleAsync(cancellationToken)),
            TrackingNumber = Order.TrackingNumber,
            ShipDate = Order.ShipDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        Note = Order.OperatorNote;
        return Page();
    }

    public async Task<IActionResult> OnPostShippingAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (Shipping.Carrier is not { } carrier || !Enum.IsDefined(carrier))
        {
            ModelState.AddModelError("Shipping.Carrier", "配送業者を選択してください。");
            return Page();
        }

        var tracking = TrackingNumberRules.Validate(carrier, Shipping.TrackingNumber);
        if (tracking.Error is not null)
        {
            ModelState.AddModelError("Shipping.TrackingNumber", tracking.Error);
        }

        // 出荷日 defaults to today (JST) when a tracking number is entered without one.
        DateOnly? shipDate = string.IsNullOrWhiteSpace(Shipping.ShipDate) ? Core.Time.JapanTime.Today(time)
            : DateOnly.TryParseExact(Shipping.ShipDate.Trim(), ["yyyy-MM-dd", "yyyy/MM/dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) ? parsed : null;
        var dateError = shipDate is null ? "出荷日の形式が正しくありません（例: 2026/11/28）。" : TrackingNumberRules.ValidateShipDate(shipDate, Order.OrderedAtUtc, time);
        if (dateError is not null)
        {
            ModelState.AddModelError("Shipping.ShipDate", dateError);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var order = await db.Orders.SingleAsync(o => o.Id == Id, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var before = $"{order.Carrier?.JapaneseName()} {order.TrackingNumber} {order.ShipDate?.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture)}".Trim();
        order.Carrier = carrier;
        order.TrackingNumber = tracking.Normalized;
        order.ShipDate = shipDate;
        order.UpdatedAtUtc = now;
        order.Version = Guid.NewGuid();
        order.History.Add(new OrderHistoryEntry
        {
            AtUtc = now,
            Kind = OrderHistoryKind.Edited,
            UserName = User.Identity!.Name,
            Detail = string.Create(CultureInfo.InvariantCulture, $"発送情報: {(before.Length == 0 ? "未入力" : before)} → {carrier.JapaneseName()} {tracking.Normalized} {shipDate:yyyy/MM/dd}"),
        });
        await db.SaveChangesAsync(cancellationToken);
        Notice = tracking.Warning is null ? "発送情報を保存しました。" : "発送情報を保存しました。注意: " + tracking.Warning;
        return Redirect($"/Orders/{Id}");
    }

    public async Task<IActionResult> OnPostNoteAsync(CancellationToken cancellationToken)
    {
        var order = await db.Orders.SingleOrDefaultAsync(o => o.Id == Id, cancellationToken);
        if (order is null)
        {
            return NotFound();
        }

        if (Note is { Length: > 4000 })
        {
            await LoadAsync(cancellationToken);
            ModelState.AddModelError(nameof(Note), "備考は4000文字以内で入力してください。");
            return Page();
        }

        var now = time.GetUtcNow().UtcDateTime;
        order.OperatorNote = string.IsNullOrWhiteSpace(Note) ? null : Note;
        order.UpdatedAtUtc = now;
        order.Version = Guid.NewGuid();
        order.History.Add(new OrderHistoryEntry { AtUtc = now, Kind = OrderHistoryKind.Edited, UserName = User.Identity!.Name, Detail = "備考を更新" });
        await db.SaveChangesAsync(cancellationToken);
        Notice = "備考を保存しました。";
        return Redirect($"/Orders/{Id}");
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var order = await db.Orders.AsNoTracking()
            .Include(o => o.Lines)
            .Include(o => o.History.OrderByDescending(h => h.AtUtc))
            .AsSplitQuery()
            .SingleOrDefaultAsync(o => o.Id == Id, cancellationToken);
        if (order is null)
        {
            return false;
        }

        Order = order;
        ConnectionName = await db.MallConnections.Where(c => c.Id == order.MallConnectionId).Select(c => c.DisplayName).SingleAsync(cancellationToken);
        Skus = order.Lines
            .GroupBy(l => l.SkuId, StringComparer.Ordinal)
            .Select(g => new SkuGroup(g.First().ProductName, g.First().SkuName, g.First().SellerSku, g.Key, g.First().SalePrice, g.Count(), g.Sum(l => l.SalePrice)))
            .ToList();
        return true;
    }

    public static string Yen(decimal amount) => amount.ToString("¥#,0", CultureInfo.InvariantCulture);

    public sealed record SkuGroup(string ProductName, string? SkuName, string? SellerSku, string SkuId, decimal UnitPrice, int Quantity, decimal Amount);

    public sealed class ShippingInput
    {
        public Carrier? Carrier { get; set; }

        public string? TrackingNumber { get; set; }

        /// <summary>yyyy-MM-dd from the date input (JST calendar date).</summary>
        public string? ShipDate { get; set; }
    }
}
