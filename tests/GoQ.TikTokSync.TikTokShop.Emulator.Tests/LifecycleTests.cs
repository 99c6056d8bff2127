using GoQ.TikTokSync.TikTokShop.Emulator.Tests.Support;

namespace GoQ.TikTokSync.TikTokShop.Emulator.Tests;

/// <summary>Order statuses move over (fake) time as docs/tiktok-shop-api.md#order-statuses describes; update_time moves with every status change and only then.</summary>
public sealed class LifecycleTests
{
    [Fact]
    public async Task UnpaidOrder_PaysThenLeavesTheHold_UpdateTimeFollowsEachChange()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = emulator.Control.CreateOrder(TestEmulator.ShopA1, new NewOrderRequest { Status = OrderStatuses.Unpaid, PaysAfter = TimeSpan.FromMinutes(5) });

        var unpaid = await emulator.GetOrderAsync(id);
        emulator.Time.Advance(TimeSpan.FromMinutes(5));
        var onHold = await emulator.GetOrderAsync(id);
        emulator.Time.Advance(TimeSpan.FromMinutes(30));
        var stillOnHold = await emulator.GetOrderAsync(id);
        emulator.Time.Advance(TimeSpan.FromMinutes(30));
        var released = await emulator.GetOrderAsync(id);

        Assert.Equal(OrderStatuses.Unpaid, unpaid.GetProperty("status").GetString());
        Assert.Equal(OrderStatuses.OnHold, onHold.GetProperty("status").GetString());
        Assert.Equal(OrderStatuses.AwaitingShipment, released.GetProperty("status").GetString());
        var start = TestEmulator.Start.ToUnixTimeSeconds();
        Assert.Equal(start, unpaid.GetProperty("update_time").GetInt64());
        Assert.Equal(start + 300, onHold.GetProperty("update_time").GetInt64());
        Assert.Equal(start + 300, onHold.GetProperty("paid_time").GetInt64());
        Assert.Equal(onHold.GetProperty("update_time").GetInt64(), stillOnHold.GetProperty("update_time").GetInt64());
        Assert.Equal(start + 300 + 3600, released.GetProperty("update_time").GetInt64());
        Assert.Equal(start, released.GetProperty("create_time").GetInt64());
        Assert.True(released.GetProperty("rts_sla_time").GetInt64() > released.GetProperty("paid_time").GetInt64());
        Assert.True(released.GetProperty("is_on_hold_order").GetBoolean());
    }

    [Fact]
    public async Task NeverPaidOrder_IsCancelledByTheSystem()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = emulator.Control.CreateOrder(TestEmulator.ShopA1, new NewOrderRequest { Status = OrderStatuses.Unpaid });

        emulator.Time.Advance(TimeSpan.FromDays(4));
        var order = await emulator.GetOrderAsync(id);

        Assert.Equal(OrderStatuses.Cancelled, order.GetProperty("status").GetString());
        Assert.Equal("SYSTEM", order.GetProperty("cancellation_initiator").GetString());
        Assert.Equal(order.GetProperty("cancel_time").GetInt64(), order.GetProperty("update_time").GetInt64());
    }

    [Fact]
    public async Task BuyerCancel_DuringTheHold_CancelsAtOnce()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = emulator.Control.CreateOrder(TestEmulator.ShopA1, new NewOrderRequest { Status = OrderStatuses.OnHold });
        emulator.Time.Advance(TimeSpan.FromMinutes(10));

        var status = emulator.Control.CancelOrder(id, CancelInitiator.Buyer);
        var order = await emulator.GetOrderAsync(id);

        Assert.Equal(OrderStatuses.Cancelled, status);
        Assert.Equal("BUYER", order.GetProperty("cancellation_initiator").GetString());
        Assert.Equal(emulator.Now, order.GetProperty("update_time").GetInt64());
        Assert.All(order.GetProperty("line_items").EnumerateArray(), l =>
        {
            Assert.Equal("CANCELLED", l.GetProperty("display_status").GetString());
            Assert.Equal("BUYER", l.GetProperty("cancel_user").GetString());
        });
        Assert.False(order.TryGetProperty("recipient_address", out _));
    }

    [Fact]
    public async Task BuyerCancel_AfterTheHold_IsARequestThatAutoCompletesAfter24Hours()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = emulator.Control.CreateOrder(TestEmulator.ShopA1);
        var before = await emulator.GetOrderAsync(id);
        emulator.Time.Advance(TimeSpan.FromMinutes(1));

        emulator.Control.CancelOrder(id, CancelInitiator.Buyer);
        var requested = await emulator.GetOrderAsync(id);
        var found = (await emulator.SearchAsync("""{"is_buyer_request_cancel":true}""")).AssertSuccess().Data.GetProperty("orders");
        emulator.Time.Advance(TimeSpan.FromHours(24));
        var cancelled = await emulator.GetOrderAsync(id);

        Assert.Equal(OrderStatuses.AwaitingShipment, requested.GetProperty("status").GetString());
        Assert.True(requested.GetProperty("is_buyer_request_cancel").GetBoolean());
        // A request is not a status change: update_time stays (OAS: "the time of the last status change").
        Assert.Equal(before.GetProperty("update_time").GetInt64(), requested.GetProperty("update_time").GetInt64());
        Assert.Equal(id, Assert.Single(found.EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(OrderStatuses.Cancelled, cancelled.GetProperty("status").GetString());
    }

    [Fact]
    public async Task CancelLineItem_OneOfSeveral_TheLineIsCancelledTheOrderGoesOnAndUpdateTimeStays()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = emulator.Control.CreateOrder(TestEmulator.ShopA1, new NewOrderRequest { DistinctSkus = 2, UnitsPerSku = 1 });
        var before = await emulator.GetOrderAsync(id);
        emulator.Time.Advance(TimeSpan.FromMinutes(5));

        var lineId = emulator.Control.CancelLineItem(id);
        var after = await emulator.GetOrderAsync(id);

        Assert.Equal(OrderStatuses.AwaitingShipment, after.GetProperty("status").GetString());
        Assert.Equal(before.GetProperty("update_time").GetInt64(), after.GetProperty("update_time").GetInt64());
        var lines = after.GetProperty("line_items").EnumerateArray().ToList();
        var cancelled = Assert.Single(lines, l => l.GetProperty("display_status").GetString() == OrderStatuses.Cancelled);
        Assert.Equal(lineId, cancelled.GetProperty("id").GetString());
        Assert.Equal("SELLER", cancelled.GetProperty("cancel_user").GetString());
        Assert.Equal(OrderStatuses.AwaitingShipment, Assert.Single(lines, l => l.GetProperty("id").GetString() != lineId).GetProperty("display_status").GetString());
        Assert.Throws<InvalidOperationException>(() => emulator.Control.CancelLineItem(id));
    }

    [Fact]
    public async Task ChangeRecipientAddress_NewAddressAndFlag_UpdateTimeStays()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = emulator.Control.CreateOrder(TestEmulator.ShopA1);
        var before = await emulator.GetOrderAsync(id);
        emulator.Time.Advance(TimeSpan.FromMinutes(5));

        emulator.Control.ChangeRecipientAddress(id);
        var after = await emulator.GetOrderAsync(id);

        Assert.False(before.GetProperty("has_updated_recipient_address").GetBoolean());
        Assert.True(after.GetProperty("has_updated_recipient_address").GetBoolean());
        Assert.NotEqual(
            before.GetProperty("recipient_address").GetProperty("full_address").GetString(),
            after.GetProperty("recipient_address").GetProperty("full_address").GetString());
        Assert.Equal(before.GetProperty("update_time").GetInt64(), after.GetProperty("update_time").GetInt64());
    }

    [Fact]
    public async Task SystemCancel_OfAnAwaitingShipmentOrder_IsImmediate()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = emulator.Control.CreateOrder(TestEmulator.ShopA1);

        Assert.Equal(OrderStatuses.Cancelled, emulator.Control.CancelOrder(id, CancelInitiator.System, "発送期限超過"));
        Assert.Equal("発送期限超過", (await emulator.GetOrderAsync(id)).GetProperty("cancel_reason").GetString());
    }

    [Fact]
    public async Task ShippedOrder_AdvancesThroughTransitDeliveryAndCompletion()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = emulator.Control.CreateOrder(TestEmulator.ShopA1, new NewOrderRequest { DeliveryOptionId = Fulfillment.JapaneseCarriers.StandardDelivery.Id });
        (await emulator.ShipAsync(id, Fulfillment.JapaneseCarriers.MakeTrackingNumber(Fulfillment.JapaneseCarriers.Yamato, 1), Fulfillment.JapaneseCarriers.Yamato.Id)).AssertSuccess();

        var seen = new List<(string Status, long UpdateTime)>();
        foreach (var expected in new[] { OrderStatuses.InTransit, OrderStatuses.Delivered, OrderStatuses.Completed })
        {
            emulator.Time.Advance(TimeSpan.FromHours(5));
            Assert.Equal(expected, emulator.Control.AdvanceOrder(id));
            var order = await emulator.GetOrderAsync(id);
            seen.Add((order.GetProperty("status").GetString()!, order.GetProperty("update_time").GetInt64()));
        }

        Assert.Equal([OrderStatuses.InTransit, OrderStatuses.Delivered, OrderStatuses.Completed], seen.Select(s => s.Status));
        Assert.True(seen.Zip(seen.Skip(1)).All(p => p.Second.UpdateTime > p.First.UpdateTime));
        var final = await emulator.GetOrderAsync(id);
        Assert.True(final.GetProperty("collection_time").GetInt64() < final.GetProperty("delivery_time").GetInt64());
    }

    [Fact]
    public async Task AdvanceOrder_AwaitingShipment_RequiresShipping()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = emulator.Control.CreateOrder(TestEmulator.ShopA1);

        Assert.Throws<InvalidOperationException>(() => emulator.Control.AdvanceOrder(id));
    }

    [Fact]
    public async Task SeededFutureOrders_AppearWhenTheClockReachesThem()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var now = emulator.Control.Now;
        emulator.Control.SeedOrders(TestEmulator.ShopA1, 20, now.AddHours(1), now.AddHours(2));

        var before = (await emulator.SearchAsync()).AssertSuccess().Data.GetProperty("total_count").GetInt32();
        emulator.Time.Advance(TimeSpan.FromHours(2));
        var after = (await emulator.SearchAsync()).AssertSuccess().Data.GetProperty("total_count").GetInt32();

        Assert.Equal(0, before);
        Assert.Equal(20, after);
    }

    [Fact]
    public async Task SeededHistory_IsAppliedAsOfNow()
    {
        await using var emulator = await OrderGenerationTests.SeededAsync(300);

        var orders = emulator.Control.ListOrders(TestEmulator.ShopA1);

        Assert.All(
            orders.Where(o => o.CreateTime < emulator.Control.Now.AddDays(-4)),
            o => Assert.Contains(o.Status, new[] { OrderStatuses.AwaitingShipment, OrderStatuses.Cancelled }));
        Assert.All(orders, o => Assert.True(o.UpdateTime >= o.CreateTime && o.UpdateTime <= emulator.Control.Now));
    }
}
