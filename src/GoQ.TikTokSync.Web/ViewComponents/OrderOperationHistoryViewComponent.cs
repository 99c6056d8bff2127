using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Core.OperationHistory.Search;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Web.ViewComponents;

/// <summary>受注詳細's 操作履歴: the latest entries that touched this order, with a link to all of them.</summary>
public class OrderOperationHistoryViewComponent(TikTokSyncDbContext db) : ViewComponent
{
    public const int MaxEntries = 50;

    public async Task<IViewComponentResult> InvokeAsync(long orderId) =>
        View(await LoadAsync(db, orderId, HttpContext?.RequestAborted ?? CancellationToken.None));

    public static async Task<OrderOperationHistoryEntries> LoadAsync(TikTokSyncDbContext db, long orderId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var entries = await OperationHistoryQuery.ForOrder(db, orderId).Take(MaxEntries + 1).ToListAsync(cancellationToken);
        var orderNumber = await db.Orders.AsNoTracking().Where(o => o.Id == orderId).Select(o => o.TikTokOrderId).FirstOrDefaultAsync(cancellationToken)
            ?? await db.OperationHistoryOrders.AsNoTracking().Where(o => o.OrderId == orderId).Select(o => o.OrderNumber).FirstOrDefaultAsync(cancellationToken);
        return new OrderOperationHistoryEntries(orderNumber, entries.Take(MaxEntries).ToList(), entries.Count > MaxEntries);
    }
}

/// <summary>What the component shows; <see cref="HasMore"/> says entries beyond the first <see cref="OrderOperationHistoryViewComponent.MaxEntries"/> exist.</summary>
public sealed record OrderOperationHistoryEntries(string? OrderNumber, IReadOnlyList<OperationHistoryEntry> Entries, bool HasMore)
{
    /// <summary>The 操作履歴 screen filtered to this order.</summary>
    public string? AllUrl => string.IsNullOrEmpty(OrderNumber)
        ? null
        : Pages.OperationHistory.IndexModel.Path + Microsoft.AspNetCore.Http.QueryString.Create("orderNumber", OrderNumber).ToUriComponent();
}
