using System.Linq.Expressions;
using GoQ.TikTokSync.TikTokShop.Models;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Core.Orders;

/// <summary>How close an order still waiting to ship is to TikTok's 発送期限 (rts_sla_time).</summary>
public enum ShipDeadlineState
{
    /// <summary>No deadline to watch: none known, more than <see cref="ShipDeadline.NearHours"/> hours left, or already shipped/cancelled.</summary>
    None,

    /// <summary>Under <see cref="ShipDeadline.NearHours"/> hours left.</summary>
    Near,

    /// <summary>The deadline has passed (at the deadline itself no time is left, so it counts as past).</summary>
    Past,
}

/// <summary>
/// The 発送期限 rule, in one place for 受注一覧's column and 期限が近い filter and the home page counts. An order is watched
/// while nobody has shipped it yet: its GoQ status is one before shipping (処理済, キャンセル and 発送後入金待ち are not),
/// not every package has been pushed to TikTok, and TikTok itself neither cancelled it nor sees it on its way.
/// </summary>
public static class ShipDeadline
{
    /// <summary>An order with less than this many hours left is 期限が近い.</summary>
    public const int NearHours = 24;

    public static TimeSpan NearThreshold { get; } = TimeSpan.FromHours(NearHours);

    /// <summary>Filter values of 受注一覧's deadline view (<c>/Orders?deadline=…</c>).</summary>
    public const string FilterSoon = "soon";
    public const string FilterNear = "near";
    public const string FilterPast = "past";

    /// <summary>In-memory form of <see cref="AwaitingShipment"/> (a test keeps the two in step).</summary>
    public static bool IsAwaitingShipment(GoqOrderStatus goqStatus, TikTokOrderStatus tikTokStatus, ShipmentPushState pushState, bool cancelledOnTikTok) =>
        goqStatus is GoqOrderStatus.NewOrder or GoqOrderStatus.AwaitingPaymentBeforeShipment or GoqOrderStatus.AwaitingShipment or GoqOrderStatus.OnHold
        && pushState != ShipmentPushState.Pushed
        && !cancelledOnTikTok
        && tikTokStatus != TikTokOrderStatus.AwaitingCollection && tikTokStatus != TikTokOrderStatus.InTransit
        && tikTokStatus != TikTokOrderStatus.Delivered && tikTokStatus != TikTokOrderStatus.Completed
        && tikTokStatus != TikTokOrderStatus.Cancelled;

    /// <summary>
    /// The same rule as a store query. The open GoQ statuses are listed rather than the closed ones excluded so that the
    /// (GoqStatus, OrderedAtUtc) index narrows the scan to the few orders still being worked on; 処理済 is where orders pile up.
    /// </summary>
    public static Expression<Func<Order, bool>> AwaitingShipment { get; } = o =>
        (o.GoqStatus == GoqOrderStatus.NewOrder || o.GoqStatus == GoqOrderStatus.AwaitingPaymentBeforeShipment
            || o.GoqStatus == GoqOrderStatus.AwaitingShipment || o.GoqStatus == GoqOrderStatus.OnHold)
        && o.ShipmentPushState != ShipmentPushState.Pushed
        && !o.IsCancelledOnTikTok
        && o.TikTokStatus != TikTokOrderStatus.AwaitingCollection && o.TikTokStatus != TikTokOrderStatus.InTransit
        && o.TikTokStatus != TikTokOrderStatus.Delivered && o.TikTokStatus != TikTokOrderStatus.Completed
        && o.TikTokStatus != TikTokOrderStatus.Cancelled;

    public static ShipDeadlineState StateOf(DateTime? shipByUtc, bool awaitingShipment, DateTimeOffset now)
    {
        if (!awaitingShipment || shipByUtc is not { } deadline)
        {
            return ShipDeadlineState.None;
        }

        var left = DateTime.SpecifyKind(deadline, DateTimeKind.Utc) - now.UtcDateTime;
        return left <= TimeSpan.Zero ? ShipDeadlineState.Past
            : left < NearThreshold ? ShipDeadlineState.Near
            : ShipDeadlineState.None;
    }

    public static ShipDeadlineState StateOf(Order order, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(order);
        return StateOf(order.ShipByUtc, IsAwaitingShipment(order.GoqStatus, order.TikTokStatus, order.ShipmentPushState, order.IsCancelledOnTikTok), now);
    }

    /// <summary>
    /// Orders still waiting to ship whose deadline falls in <paramref name="filter"/>: <see cref="FilterSoon"/> (past or
    /// near), <see cref="FilterPast"/> or <see cref="FilterNear"/>; any other value leaves the query as it is.
    /// </summary>
    public static IQueryable<Order> Filter(IQueryable<Order> orders, string? filter, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(orders);
        var nowUtc = now.UtcDateTime;
        var nearUntil = nowUtc + NearThreshold;
        return filter switch
        {
            FilterSoon => orders.Where(AwaitingShipment).Where(o => o.ShipByUtc != null && o.ShipByUtc < nearUntil),
            FilterPast => orders.Where(AwaitingShipment).Where(o => o.ShipByUtc != null && o.ShipByUtc <= nowUtc),
            FilterNear => orders.Where(AwaitingShipment).Where(o => o.ShipByUtc != null && o.ShipByUtc > nowUtc && o.ShipByUtc < nearUntil),
            _ => orders,
        };
    }

    public static bool IsFilter(string? filter) => filter is FilterSoon or FilterNear or FilterPast;

    /// <summary>Past and near counts per connection, for the home page.</summary>
    public static async Task<IReadOnlyDictionary<int, (int Past, int Near)>> CountPerConnectionAsync(
        IQueryable<Order> orders, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(orders);
        var nowUtc = now.UtcDateTime;
        var counts = await Filter(orders, FilterSoon, now)
            .GroupBy(o => o.MallConnectionId)
            .Select(g => new { ConnectionId = g.Key, Past = g.Count(o => o.ShipByUtc <= nowUtc), Near = g.Count(o => o.ShipByUtc > nowUtc) })
            .ToListAsync(cancellationToken);
        return counts.ToDictionary(c => c.ConnectionId, c => (c.Past, c.Near));
    }
}
