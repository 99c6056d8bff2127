using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Core.Orders;

/// <summary>
/// Orders whose 発送情報 did not reach TikTok and need an operator: 送信失敗 (TikTok refused or retries ran out) and
/// 結果確認中 (a call whose answer was lost and that a read-back has not settled yet). The home page counts them per shop
/// and 受注一覧 filters on them with the same rule, so the number and the list always agree. Orders cancelled on TikTok
/// are left out: nothing will be pushed for them whatever the operator does.
/// </summary>
public static class PushAttention
{
    public const string FilterFailed = "failed";
    public const string FilterUnknown = "unknown";

    public static bool IsFilter(string? filter) => filter is FilterFailed or FilterUnknown;

    public static string Label(string? filter) => filter switch
    {
        FilterFailed => "送信失敗",
        FilterUnknown => "結果確認中",
        _ => string.Empty,
    };

    public static IQueryable<Order> Filter(IQueryable<Order> orders, string? filter)
    {
        ArgumentNullException.ThrowIfNull(orders);
        return filter switch
        {
            FilterFailed => orders.Where(o => !o.IsCancelledOnTikTok && o.ShipmentPushState == ShipmentPushState.Failed),
            FilterUnknown => orders.Where(o => !o.IsCancelledOnTikTok && o.ShipmentPushState == ShipmentPushState.OutcomeUnknown),
            _ => orders,
        };
    }

    /// <summary>送信失敗 and 結果確認中 counts per connection, for the home page.</summary>
    public static async Task<IReadOnlyDictionary<int, (int Failed, int Unknown)>> CountPerConnectionAsync(
        IQueryable<Order> orders, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(orders);
        var counts = await orders
            .Where(o => !o.IsCancelledOnTikTok
                && (o.ShipmentPushState == ShipmentPushState.Failed || o.ShipmentPushState == ShipmentPushState.OutcomeUnknown))
            .GroupBy(o => o.MallConnectionId)
            .Select(g => new
            {
                ConnectionId = g.Key,
                Failed = g.Count(o => o.ShipmentPushState == ShipmentPushState.Failed),
                Unknown = g.Count(o => o.ShipmentPushState == ShipmentPushState.OutcomeUnknown),
            })
            .ToListAsync(cancellationToken);
        return counts.ToDictionary(c => c.ConnectionId, c => (c.Failed, c.Unknown));
    }
}
