using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Orders;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Core.Shipping.OrderSummary;

/// <summary>Keeps the order row's shipping summary (<see cref="Order.SummarisePackages"/>) in line with packages changed in the store.</summary>
public static class ShippingSummary
{
    /// <summary>
    /// Re-reads the order with its packages and writes the summary, for package changes made with bulk UPDATEs or saved
    /// apart from the order row; <paramref name="alsoApply"/> makes further changes to the order in the same save. Retried
    /// (both steps) when someone else changes the order row at the same moment. Clears <paramref name="db"/>'s change tracker.
    /// </summary>
    public static async Task RefreshAsync(TikTokSyncDbContext db, long orderId, DateTime nowUtc, CancellationToken cancellationToken, Func<Order, CancellationToken, Task>? alsoApply = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var order = await db.Orders.Include(o => o.Packages).SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken);
            if (order is null)
            {
                return;
            }

            order.SummarisePackages();
            if (alsoApply is not null)
            {
                await alsoApply(order, cancellationToken);
            }

            order.Touch(nowUtc);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 5)
            {
                // Someone else changed the order meanwhile; read it again and reapply.
            }
        }
    }
}
