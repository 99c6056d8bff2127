using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Testing.Stores;
using GoQ.TikTokSync.TikTokShop.Models;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Core.Tests.Orders;

/// <summary>The 発送期限 rule behind 受注一覧's column and 期限が近い filter and the home page counts.</summary>
public sealed class ShipDeadlineTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 0, 0, 0, TimeSpan.Zero);

    private static Order Open(DateTime? shipByUtc) => new()
    {
        TikTokOrderId = "576000000000000001",
        TikTokStatus = TikTokOrderStatus.AwaitingShipment,
        GoqStatus = GoqOrderStatus.NewOrder,
        ShipByUtc = shipByUtc,
    };

    [Fact]
    public void StateOf_ExactlyTwentyFourHoursLeft_IsNotYetNear()
    {
        Assert.Equal(ShipDeadlineState.None, ShipDeadline.StateOf(Open(Now.UtcDateTime.AddHours(ShipDeadline.NearHours)), Now));
    }

    [Fact]
    public void StateOf_OneSecondUnderTwentyFourHoursLeft_IsNear()
    {
        Assert.Equal(ShipDeadlineState.Near, ShipDeadline.StateOf(Open(Now.UtcDateTime.AddHours(ShipDeadline.NearHours).AddSeconds(-1)), Now));
    }

    [Fact]
    public void StateOf_AtTheDeadlineItself_IsPast()
    {
        Assert.Equal(ShipDeadlineState.Past, ShipDeadline.StateOf(Open(Now.UtcDateTime), Now));
    }

    [Fact]
    public void StateOf_DeadlineGone_IsPast()
    {
        Assert.Equal(ShipDeadlineState.Past, ShipDeadline.StateOf(Open(Now.UtcDateTime.AddDays(-2)), Now));
    }

    [Fact]
    public void StateOf_NoDeadlineFromTikTok_IsNone()
    {
        Assert.Equal(ShipDeadlineState.None, ShipDeadline.StateOf(Open(null), Now));
    }

    [Theory]
    [InlineData(GoqOrderStatus.Processed)]
    [InlineData(GoqOrderStatus.Cancelled)]
    [InlineData(GoqOrderStatus.AwaitingPaymentAfterShipment)]
    public void StateOf_ShippedOrCancelledGoqStatus_IsNoneEvenPastTheDeadline(GoqOrderStatus status)
    {
        var order = Open(Now.UtcDateTime.AddHours(-1));
        order.GoqStatus = status;

        Assert.Equal(ShipDeadlineState.None, ShipDeadline.StateOf(order, Now));
    }

    [Fact]
    public void StateOf_EveryPackagePushed_IsNone()
    {
        var order = Open(Now.UtcDateTime.AddHours(-1));
        order.ShipmentPushState = ShipmentPushState.Pushed;

        Assert.Equal(ShipDeadlineState.None, ShipDeadline.StateOf(order, Now));
    }

    [Fact]
    public void StateOf_PushFailed_StillCounts()
    {
        var order = Open(Now.UtcDateTime.AddHours(-1));
        order.ShipmentPushState = ShipmentPushState.Failed;

        Assert.Equal(ShipDeadlineState.Past, ShipDeadline.StateOf(order, Now));
    }

    // Rows carry TikTok's string so that each stays a test case of its own (xunit enumerates serializable data only).
    public static TheoryData<string> ShippedOrCancelled { get; } = new()
    {
        TikTokOrderStatus.Cancelled.Value,
        TikTokOrderStatus.AwaitingCollection.Value,
        TikTokOrderStatus.InTransit.Value,
        TikTokOrderStatus.Delivered.Value,
        TikTokOrderStatus.Completed.Value,
    };

    [Theory]
    [MemberData(nameof(ShippedOrCancelled))]
    public void StateOf_TikTokSaysShippedOrCancelled_IsNone(string tikTokStatus)
    {
        var order = Open(Now.UtcDateTime.AddHours(2));
        order.TikTokStatus = new TikTokOrderStatus(tikTokStatus);

        Assert.Equal(ShipDeadlineState.None, ShipDeadline.StateOf(order, Now));
    }

    [Fact]
    public void StateOf_CancelledOnTikTokNotYetAcknowledged_IsNone()
    {
        var order = Open(Now.UtcDateTime.AddHours(2));
        order.IsCancelledOnTikTok = true;

        Assert.Equal(ShipDeadlineState.None, ShipDeadline.StateOf(order, Now));
    }

    /// <summary>The store query and the in-memory rule must pick the same orders, or the filter and the column disagree.</summary>
    [Fact]
    public async Task Filter_InTheStore_PicksExactlyTheOrdersTheInMemoryRuleMarks()
    {
        await using var store = await TestStore.CreateMigratedAsync();
        var orders = new List<Order>();
        var number = 0;
        foreach (var goq in GoqOrderStatuses.All)
        {
            foreach (var tikTok in TikTokStatusLabels.Fetchable.Select(s => s.Value))
            {
                foreach (var push in Enum.GetValues<ShipmentPushState>())
                {
                    foreach (var hours in new double?[] { null, -30, 0, 5, 24, 30 })
                    {
                        foreach (var cancelled in new[] { false, true })
                        {
                            number++;
                            orders.Add(new Order
                            {
                                TikTokOrderId = number.ToString("D18", System.Globalization.CultureInfo.InvariantCulture),
                                GoqStatus = goq,
                                TikTokStatus = tikTok,
                                ShipmentPushState = push,
                                IsCancelledOnTikTok = cancelled,
                                ShipByUtc = hours is { } h ? Now.UtcDateTime.AddHours(h) : null,
                            });
                        }
                    }
                }
            }
        }

        await using (var db = store.CreateContext())
        {
            var connection = new MallConnection { DisplayName = "店舗" };
            db.MallConnections.Add(connection);
            await db.SaveChangesAsync();
            orders.ForEach(o => o.MallConnectionId = connection.Id);
            db.Orders.AddRange(orders);
            await db.SaveChangesAsync();
        }

        await using var read = store.CreateContext();
        var states = orders.ToDictionary(o => o.TikTokOrderId, o => ShipDeadline.StateOf(o, Now));
        async Task<string[]> Query(string filter) =>
            [.. (await ShipDeadline.Filter(read.Orders, filter, Now).Select(o => o.TikTokOrderId).ToListAsync()).Order(StringComparer.Ordinal)];
        string[] Expected(params ShipDeadlineState[] wanted) =>
            [.. states.Where(s => wanted.Contains(s.Value)).Select(s => s.Key).Order(StringComparer.Ordinal)];

        Assert.NotEmpty(Expected(ShipDeadlineState.Past));
        Assert.NotEmpty(Expected(ShipDeadlineState.Near));
        Assert.Equal(Expected(ShipDeadlineState.Past, ShipDeadlineState.Near), await Query(ShipDeadline.FilterSoon));
        Assert.Equal(Expected(ShipDeadlineState.Past), await Query(ShipDeadline.FilterPast));
        Assert.Equal(Expected(ShipDeadlineState.Near), await Query(ShipDeadline.FilterNear));

        var counts = await ShipDeadline.CountPerConnectionAsync(read.Orders, Now, CancellationToken.None);
        var single = Assert.Single(counts);
        Assert.Equal((Expected(ShipDeadlineState.Past).Length, Expected(ShipDeadlineState.Near).Length), single.Value);
    }
}
