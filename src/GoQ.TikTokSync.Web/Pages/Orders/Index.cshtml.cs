using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Orders;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Web.Pages.Orders;

/// <summary>受注一覧: status tabs with live counts, newest orders first, 50 a page.</summary>
public class IndexModel(TikTokSyncDbContext db) : PageModel
{
    public const int PageSize = 50;

    /// <summary>Null means the 全て view.</summary>
    [BindProperty(SupportsGet = true)]
    public GoqOrderStatus? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public OrderStatusCounts Counts { get; private set; } = new([], 0);

    public IReadOnlyList<OrderRow> Rows { get; private set; } = [];

    public int TotalInView { get; private set; }

    public int PageCount => Math.Max(1, (TotalInView + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Counts = await OrderStatusCounts.LoadAsync(db, cancellationToken);
        TotalInView = Status is { } status ? Counts.PerStatus.First(c => c.Status == status).Count : Counts.Total;
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);

        var query = db.Orders.AsNoTracking();
        if (Status is { } selected)
        {
            query = query.Where(o => o.GoqStatus == selected);
        }

        Rows = await query
            .OrderByDescending(o => o.OrderedAtUtc)
            .ThenByDescending(o => o.Id)
            .Skip((PageNumber - 1) * PageSize)
            .Take(PageSize)
            .Select(o => new OrderRow(
                o.Id,
                o.TikTokOrderId,
                o.OrderedAtUtc,
                o.RecipientName,
                o.TotalAmount,
                o.TikTokStatus,
                o.GoqStatus,
                o.MallConnection!.DisplayName,
                o.IsCancelledOnTikTok && !o.CancellationAcknowledged))
            .ToListAsync(cancellationToken);
    }

    public sealed record OrderRow(
        long Id,
        string TikTokOrderId,
        DateTime OrderedAtUtc,
        string? RecipientName,
        decimal TotalAmount,
        string TikTokStatus,
        GoqOrderStatus GoqStatus,
        string ConnectionName,
        bool CancelledOnTikTok);
}
