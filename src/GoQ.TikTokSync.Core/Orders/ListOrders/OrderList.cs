using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Orders.StatusTallies;
using GoQ.TikTokSync.TikTokShop.Models;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Core.Orders.ListOrders;

/// <summary>What the operator asked the 受注一覧 for: a tab (null is 全て), a page, a search, a shop, an order, a to-do view.</summary>
public sealed record OrderListQuery(GoqOrderStatus? Status, int PageNumber, string? Search, int? ConnectionId, bool OldestFirst, string? Deadline, string? Push);

/// <summary>
/// One page of the 受注一覧. <see cref="Status"/>, <see cref="Deadline"/> and <see cref="Push"/> are the query's as applied:
/// a search shows every status, an unknown view name is dropped. <see cref="Now"/> is the instant every row's 発送期限 is
/// judged against.
/// </summary>
public sealed record OrderListPage(
    OrderStatusCounts Counts,
    IReadOnlyList<(int Id, string Name)> Connections,
    IReadOnlyList<OrderRow> Rows,
    int TotalInView,
    int PageNumber,
    GoqOrderStatus? Status,
    string? Deadline,
    string? Push,
    DateTimeOffset Now)
{
    /// <summary>同梱: per order on this page that TikTok combined with others, those orders' numbers.</summary>
    public IReadOnlyDictionary<long, IReadOnlyList<string>> CombinedWith { get; init; } = new Dictionary<long, IReadOnlyList<string>>();
}

public sealed record OrderRow(
    long Id,
    string TikTokOrderId,
    DateTime OrderedAtUtc,
    string? RecipientName,
    decimal TotalAmount,
    TikTokOrderStatus TikTokStatus,
    GoqOrderStatus GoqStatus,
    string ConnectionName,
    bool CancelledOnTikTok,
    string? TrackingNumber,
    ShipmentPushState ShipmentPushState,
    DateTime? ShipByUtc,
    bool IsCancelledOnTikTok,
    bool PartlyCancelled = false,
    bool AddressChangeUnconfirmed = false,
    bool BuyerCancelRequested = false,
    bool ShippedByTikTok = false)
{
    public ShipDeadlineState Deadline(DateTimeOffset now) =>
        ShipDeadline.StateOf(ShipByUtc, ShipDeadline.IsAwaitingShipment(GoqStatus, TikTokStatus, ShipmentPushState, IsCancelledOnTikTok), now);
}

/// <summary>受注一覧: status tabs with live counts, newest orders first, <see cref="PageSize"/> a page.</summary>
public sealed class OrderList(TikTokSyncDbContext db, TimeProvider time)
{
    public const int PageSize = 50;

    private static readonly string CancelledLineStatus = TikTokOrderStatus.Cancelled.Value;

    public static int PageCount(int totalInView) => Math.Max(1, (totalInView + PageSize - 1) / PageSize);

    public async Task<OrderListPage> ListAsync(OrderListQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tallies = await OrderStatusTallyUpkeep.ReadAsync(db, cancellationToken);
        var counts = OrderStatusCounts.From(tallies);
        var connections = (await db.MallConnections.AsNoTracking().OrderBy(c => c.DisplayOrder).ThenBy(c => c.Id)
            .Select(c => new { c.Id, c.DisplayName }).ToListAsync(cancellationToken)).Select(c => (c.Id, c.DisplayName)).ToList();

        var query = db.Orders.AsNoTracking();
        var status = request.Status;
        var searching = !string.IsNullOrWhiteSpace(request.Search);
        if (searching)
        {
            // A search looks through every status (全て), whatever tab was open.
            status = null;
            query = OrderSearch.Apply(query, request.Search);
        }
        else if (status is { } selected)
        {
            query = query.Where(o => o.GoqStatus == selected);
        }

        if (request.ConnectionId is { } connectionId)
        {
            query = query.Where(o => o.MallConnectionId == connectionId);
        }

        var now = time.GetUtcNow();
        var deadlineView = ShipDeadline.IsFilter(request.Deadline);
        var deadline = deadlineView ? request.Deadline : null;
        query = ShipDeadline.Filter(query, deadline, now);
        var pushView = PushAttention.IsFilter(request.Push);
        var push = pushView ? request.Push : null;
        query = PushAttention.Filter(query, push);

        // A tab of one shop or of all is counted by the tallies; only searches and filters count rows.
        var inView = request.ConnectionId is null ? counts : OrderStatusCounts.From(tallies, request.ConnectionId);
        var totalInView = searching || deadlineView || pushView
            ? await query.CountAsync(cancellationToken)
            : status is { } tab ? inView.PerStatus.First(c => c.Status == tab).Count : inView.Total;
        var pageNumber = Math.Clamp(request.PageNumber, 1, PageCount(totalInView));

        // The deadline view is a to-do list: the most urgent order first.
        var ordered = deadlineView
            ? query.OrderBy(o => o.ShipByUtc).ThenBy(o => o.Id)
            : request.OldestFirst
            ? query.OrderBy(o => o.OrderedAtUtc).ThenBy(o => o.Id)
            : query.OrderByDescending(o => o.OrderedAtUtc).ThenByDescending(o => o.Id);
        var page = await ordered
            .Skip((pageNumber - 1) * PageSize)
            .Take(PageSize)
            .Select(o => new
            {
                o.MallConnectionId,
                Row = new OrderRow(
                    o.Id,
                    o.TikTokOrderId,
                    o.OrderedAtUtc,
                    o.RecipientName,
                    o.TotalAmount,
                    o.TikTokStatus,
                    o.GoqStatus,
                    string.Empty,
                    o.IsCancelledOnTikTok && !o.CancellationAcknowledged,
                    o.TrackingNumber,
                    o.ShipmentPushState,
                    o.ShipByUtc,
                    o.IsCancelledOnTikTok,
                    o.TikTokStatus != TikTokOrderStatus.Cancelled && o.Lines.Any(l => l.DisplayStatus == CancelledLineStatus),
                    o.AddressChangeUnconfirmed,
                    o.IsBuyerCancelRequested,
                    // Order.IsShippedByTikTok in a form every provider translates (UPPER in SQL: no culture applies there).
#pragma warning disable CA1304, CA1311, CA1862
                    o.ShippingType != null && o.ShippingType.ToUpper() == Order.TikTokShippingType),
#pragma warning restore CA1304, CA1311, CA1862
            })
            .ToListAsync(cancellationToken);

        // The shop names are in the list read above for the shop filter; no need to ask the store again per row.
        var names = connections.ToDictionary(c => c.Id, c => c.DisplayName);
        var rows = page.Select(o => o.Row with { ConnectionName = names[o.MallConnectionId] }).ToList();
        var combined = await CombinedShipments.OtherOrdersAsync(db, rows.Select(r => r.Id).ToList(), cancellationToken);
        return new OrderListPage(counts, connections, rows, totalInView, pageNumber, status, deadline, push, now) { CombinedWith = combined };
    }
}
