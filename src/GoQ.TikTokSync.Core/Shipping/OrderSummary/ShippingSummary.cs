using System.Globalization;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Core.Shipping.OrderSummary;

/// <summary>Keeps the order row's shipping summary in line with its packages (list, search and matching read it).</summary>
public static class ShippingSummary
{
    public static void Apply(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var latest = order.Packages.OrderByDescending(p => p.UpdatedAtUtc).ThenByDescending(p => p.Id).FirstOrDefault();
        order.Carrier = latest?.Carrier;
        order.TrackingNumber = latest?.TrackingNumber;
        order.ShipDate = latest?.ShipDate;
        order.ShipmentPushState = order.Packages.Count == 0 ? ShipmentPushState.NotReady
            : order.Packages.Any(p => p.PushState == ShipmentPushState.Failed) ? ShipmentPushState.Failed
            : order.Packages.Any(p => p.PushState == ShipmentPushState.OutcomeUnknown) ? ShipmentPushState.OutcomeUnknown
            : order.Packages.Any(p => p.PushState == ShipmentPushState.Pushing) ? ShipmentPushState.Pushing
            : order.Packages.Any(p => p.PushState == ShipmentPushState.Pending) ? ShipmentPushState.Pending
            : ShipmentPushState.Pushed;
        var pushed = order.Packages.Where(p => p.PushedAtUtc is not null).OrderByDescending(p => p.PushedAtUtc).FirstOrDefault();
        order.PushedTrackingNumber = pushed?.PushedTrackingNumber;
        order.PushedAtUtc = pushed?.PushedAtUtc;
    }

    /// <summary>
    /// Re-reads the order with its packages and writes the summary, for package changes made with bulk UPDATEs. Retried
    /// when someone else changes the order row at the same moment. Clears <paramref name="db"/>'s change tracker.
    /// </summary>
    public static async Task RefreshAsync(TikTokSyncDbContext db, long orderId, DateTime nowUtc, CancellationToken cancellationToken)
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

            Apply(order);
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
