using GoQ.TikTokSync.Core.Orders.StatusTallies;
namespace GoQ.TikTokSync.Core.Orders;

/// <summary>
/// One signed contribution to the number of orders a connection has in a GoQ status. Every save that adds an order,
/// moves it to another status or deletes it appends rows here in the same transaction (the DbContext writes them, so no
/// feature can forget), and a status's count is the sum of its rows. Appending instead of updating one counter row
/// means two nodes saving at once never overwrite each other's count and no provider-specific upsert is needed;
/// <see cref="OrderStatusTallyUpkeep"/> folds the rows back into one per status every few minutes and repairs the
/// sums from the orders themselves once a day.
/// </summary>
public class OrderStatusTally
{
    /// <summary>Named here because the upkeep locks the table by name.</summary>
    public const string TableName = "OrderStatusTallies";

    public long Id { get; set; }

    public int MallConnectionId { get; set; }

    public GoqOrderStatus Status { get; set; }

    /// <summary>+1 / -1 as written by a save; after folding, the whole count.</summary>
    public int Change { get; set; }
}
