using System.Text.Json;
using GoQ.TikTokSync.TikTokShop.Emulator.Fulfillment;
using GoQ.TikTokSync.TikTokShop.Emulator.Tests.Support;

namespace GoQ.TikTokSync.TikTokShop.Emulator.Tests;

/// <summary>Mark Package As Shipped, Update Shipping Info and Get Package Detail as JP sellers use them (docs/tiktok-shop-api.md#fulfilment).</summary>
public sealed class FulfillmentTests
{
    private static readonly JapaneseCarrier Yamato = JapaneseCarriers.Yamato;

    [Fact]
    public async Task ShipAll_MovesToAwaitingCollectionAndRecordsTrackingOnEveryLine()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = CreateOrder(emulator, skus: 2, units: 2);
        var tracking = Tracking(Yamato, 1);
        emulator.Time.Advance(TimeSpan.FromMinutes(3));

        var data = (await emulator.ShipAsync(id, tracking, Yamato.Id)).AssertSuccess().Data;
        var order = await emulator.GetOrderAsync(id);

        var packageId = data.GetProperty("package_id").GetString();
        Assert.Equal(id, data.GetProperty("order_id").GetString());
        Assert.Equal(4, data.GetProperty("order_line_item_ids").GetArrayLength());
        Assert.Equal(OrderStatuses.AwaitingCollection, order.GetProperty("status").GetString());
        Assert.Equal(emulator.Now, order.GetProperty("rts_time").GetInt64());
        Assert.Equal(emulator.Now, order.GetProperty("update_time").GetInt64());
        Assert.Equal(tracking, order.GetProperty("tracking_number").GetString());
        Assert.Equal(Yamato.Id, order.GetProperty("shipping_provider_id").GetString());
        Assert.Equal(packageId, Assert.Single(order.GetProperty("packages").EnumerateArray()).GetProperty("id").GetString());
        Assert.All(order.GetProperty("line_items").EnumerateArray(), line =>
        {
            Assert.Equal("AWAITING_COLLECTION", line.GetProperty("display_status").GetString());
            Assert.Equal(tracking, line.GetProperty("tracking_number").GetString());
            Assert.Equal(Yamato.Id, line.GetProperty("shipping_provider_id").GetString());
            Assert.Equal(packageId, line.GetProperty("package_id").GetString());
        });

        var shipped = emulator.Control.GetShipping(id)!;
        Assert.Equal(1, shipped.ShipCallCount);
        Assert.Equal(tracking, shipped.TrackingNumber);
        Assert.Equal(packageId, Assert.Single(shipped.Packages).PackageId);
        Assert.Equal(4, shipped.Packages[0].LineItemIds.Count);
    }

    [Fact]
    public async Task SplitShipping_GoesThroughPartiallyShippingToAwaitingCollection()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = CreateOrder(emulator, skus: 2, units: 1);
        var lines = (await emulator.GetOrderAsync(id)).GetProperty("line_items").EnumerateArray().Select(l => l.GetProperty("id").GetString()!).ToList();

        (await emulator.ShipAsync(id, Tracking(Yamato, 11), Yamato.Id, [lines[0]])).AssertSuccess();
        var partial = await emulator.GetOrderAsync(id);
        var again = await emulator.ShipAsync(id, Tracking(Yamato, 12), Yamato.Id, [lines[0]]);
        (await emulator.ShipAsync(id, Tracking(JapaneseCarriers.Sagawa, 13), JapaneseCarriers.Sagawa.Id)).AssertSuccess();
        var complete = await emulator.GetOrderAsync(id);

        Assert.Equal(OrderStatuses.PartiallyShipping, partial.GetProperty("status").GetString());
        var partialLines = partial.GetProperty("line_items").EnumerateArray().ToList();
        Assert.Equal("AWAITING_COLLECTION", partialLines.Single(l => l.GetProperty("id").GetString() == lines[0]).GetProperty("display_status").GetString());
        Assert.Equal("AWAITING_SHIPMENT", partialLines.Single(l => l.GetProperty("id").GetString() == lines[1]).GetProperty("display_status").GetString());
        again.AssertError(21008099);
        Assert.Equal(OrderStatuses.AwaitingCollection, complete.GetProperty("status").GetString());
        Assert.Equal(2, complete.GetProperty("packages").GetArrayLength());
        Assert.Equal("SPLIT", complete.GetProperty("split_or_combine_tag").GetString());
        Assert.Equal(2, emulator.Control.GetShipping(id)!.Packages.Count);
    }

    [Fact]
    public async Task OnHoldOrder_IsRefusedWith21011044()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = emulator.Control.CreateOrder(TestEmulator.ShopA1, new NewOrderRequest { Status = OrderStatuses.OnHold });

        (await emulator.ShipAsync(id, Tracking(Yamato, 2), Yamato.Id)).AssertError(21011044);
        Assert.Equal(1, emulator.Control.GetShipping(id)!.ShipAttemptCount);
        Assert.Equal(0, emulator.Control.GetShipping(id)!.ShipCallCount);
    }

    [Fact]
    public async Task UnpaidOrder_IsRefusedAsNotAwaitingShipment()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = emulator.Control.CreateOrder(TestEmulator.ShopA1, new NewOrderRequest { Status = OrderStatuses.Unpaid });

        (await emulator.ShipAsync(id, Tracking(Yamato, 3), Yamato.Id)).AssertError(21042057);
    }

    [Fact]
    public async Task AlreadyShippedOrder_IsRefusedWith21011006()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = CreateOrder(emulator);
        (await emulator.ShipAsync(id, Tracking(Yamato, 4), Yamato.Id)).AssertSuccess();

        (await emulator.ShipAsync(id, Tracking(Yamato, 4), Yamato.Id)).AssertError(21011006);
        Assert.Equal(1, emulator.Control.GetShipping(id)!.ShipCallCount);
        Assert.Equal(2, emulator.Control.GetShipping(id)!.ShipAttemptCount);
    }

    [Fact]
    public async Task CancelledOrder_IsRefusedWith21011041()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = CreateOrder(emulator);
        emulator.Control.CancelOrder(id, CancelInitiator.System);

        (await emulator.ShipAsync(id, Tracking(Yamato, 5), Yamato.Id)).AssertError(21011041);
    }

    [Fact]
    public async Task PendingBuyerCancelRequest_BlocksShipping()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = CreateOrder(emulator);
        emulator.Control.CancelOrder(id, CancelInitiator.Buyer);

        (await emulator.ShipAsync(id, Tracking(Yamato, 6), Yamato.Id)).AssertError(21011007);
    }

    [Fact]
    public async Task TrackingNumberOfAnotherOrder_IsADuplicate()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var first = CreateOrder(emulator);
        var second = CreateOrder(emulator);
        var tracking = Tracking(Yamato, 7);
        (await emulator.ShipAsync(first, tracking, Yamato.Id)).AssertSuccess();

        (await emulator.ShipAsync(second, tracking, Yamato.Id)).AssertError(21011025, "Duplicate tracking number.");
    }

    [Theory]
    [InlineData("7208502187360830210", "123456789010")]
    [InlineData("7208502187360830211", "12345678901")]
    [InlineData("7208502187360830212", "1234567890123")]
    [InlineData("7208502187360830213", "123456789012")]
    [InlineData("7208502187360830210", "AB1234567890")]
    public async Task TrackingNumberThatDoesNotFitTheCarrier_IsAMismatch(string providerId, string tracking)
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = CreateOrder(emulator);

        (await emulator.ShipAsync(id, tracking, providerId)).AssertError(21004015, "Tracking number mismatch provider.");
    }

    [Fact]
    public async Task TrackingNumberWithHyphens_HasSpecialCharacters()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = CreateOrder(emulator);

        (await emulator.ShipAsync(id, "4055-4842-4886", JapaneseCarriers.JapanPost.Id)).AssertError(21004012);
    }

    [Fact]
    public async Task ProviderNotOfferedForTheDeliveryOption_IsRefusedWith21011022()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = emulator.Control.CreateOrder(TestEmulator.ShopA1, new NewOrderRequest { DeliveryOptionId = JapaneseCarriers.LargeItemDelivery.Id });

        var japanPost = await emulator.ShipAsync(id, Tracking(JapaneseCarriers.JapanPost, 8), JapaneseCarriers.JapanPost.Id);
        var unknown = await emulator.ShipAsync(id, Tracking(Yamato, 8), "7117858858072016686");
        var seino = await emulator.ShipAsync(id, Tracking(JapaneseCarriers.SeinoTransportation, 8), JapaneseCarriers.SeinoTransportation.Id);

        japanPost.AssertError(21011022);
        unknown.AssertError(21011022);
        seino.AssertSuccess();
    }

    [Fact]
    public async Task UnknownLineItemId_IsRefusedAsInvalidParameters()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = CreateOrder(emulator);

        (await emulator.ShipAsync(id, Tracking(Yamato, 9), Yamato.Id, ["1"])).AssertError(21001001);
    }

    [Fact]
    public async Task MissingTrackingNumber_IsRefusedAsInvalidParameters()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = CreateOrder(emulator);

        var response = await emulator.CallAsync("POST", $"/fulfillment/202309/orders/{id}/packages", body: JsonSerializer.Serialize(new { shipping_provider_id = Yamato.Id }));

        response.AssertError(21001001);
    }

    [Fact]
    public async Task UpdateShippingInfo_OnceIsAllowed_TheSecondTimeIsRefused()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = CreateOrder(emulator);
        (await emulator.ShipAsync(id, Tracking(Yamato, 20), Yamato.Id)).AssertSuccess();
        emulator.Time.Advance(TimeSpan.FromMinutes(10));

        var first = await emulator.UpdateShippingInfoAsync(id, Tracking(JapaneseCarriers.Sagawa, 21), JapaneseCarriers.Sagawa.Id);
        var order = await emulator.GetOrderAsync(id);
        var second = await emulator.UpdateShippingInfoAsync(id, Tracking(Yamato, 22), Yamato.Id);

        first.AssertSuccess();
        Assert.Equal(Tracking(JapaneseCarriers.Sagawa, 21), order.GetProperty("tracking_number").GetString());
        Assert.Equal(JapaneseCarriers.Sagawa.Id, order.GetProperty("line_items")[0].GetProperty("shipping_provider_id").GetString());

        // A tracking correction is no status change: update_time stays at the shipment (OAS).
        Assert.Equal(emulator.Now - 600, order.GetProperty("update_time").GetInt64());
        second.AssertError(21011051, "The tracking number can only be updated once.");
        var shipping = emulator.Control.GetShipping(id)!;
        Assert.Equal(1, shipping.UpdateShippingInfoCallCount);
        Assert.Equal(2, shipping.UpdateShippingInfoAttemptCount);
        Assert.Equal(Tracking(JapaneseCarriers.Sagawa, 21), shipping.TrackingNumber);
    }

    [Fact]
    public async Task UpdateShippingInfo_BeforeShipping_IsRefusedWith21011043()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = CreateOrder(emulator);

        (await emulator.UpdateShippingInfoAsync(id, Tracking(Yamato, 23), Yamato.Id)).AssertError(21011043);
    }

    [Fact]
    public async Task UpdateShippingInfo_ReleasesTheOldNumberForOtherOrders()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var first = CreateOrder(emulator);
        var second = CreateOrder(emulator);
        (await emulator.ShipAsync(first, Tracking(Yamato, 30), Yamato.Id)).AssertSuccess();
        (await emulator.UpdateShippingInfoAsync(first, Tracking(Yamato, 31), Yamato.Id)).AssertSuccess();

        (await emulator.ShipAsync(second, Tracking(Yamato, 30), Yamato.Id)).AssertSuccess();
    }

    [Fact]
    public async Task GetPackageDetail_ReturnsTrackingLinesAndStatus()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = CreateOrder(emulator, skus: 2, units: 1);
        var packageId = (await emulator.ShipAsync(id, Tracking(Yamato, 40), Yamato.Id)).AssertSuccess().Data.GetProperty("package_id").GetString();

        var data = (await emulator.CallAsync("GET", $"/fulfillment/202309/packages/{packageId}")).AssertSuccess().Data;
        emulator.Control.AdvanceOrder(id);
        var inTransit = (await emulator.CallAsync("GET", $"/fulfillment/202309/packages/{packageId}")).AssertSuccess().Data;

        Assert.Equal(packageId, data.GetProperty("package_id").GetString());
        Assert.Equal("PROCESSING", data.GetProperty("package_status").GetString());
        Assert.Equal(Tracking(Yamato, 40), data.GetProperty("tracking_number").GetString());
        Assert.Equal(Yamato.Id, data.GetProperty("shipping_provider_id").GetString());
        Assert.Equal(2, data.GetProperty("order_line_item_ids").GetArrayLength());
        Assert.Equal(id, data.GetProperty("orders")[0].GetProperty("id").GetString());
        Assert.Equal("FULFILLING", inTransit.GetProperty("package_status").GetString());
    }

    [Fact]
    public async Task GetPackageDetail_UnknownPackage_IsRefused()
    {
        await using var emulator = await TestEmulator.StartAsync();

        (await emulator.CallAsync("GET", "/fulfillment/202309/packages/1153132168123859123")).AssertError(21011028);
    }

    [Fact]
    public async Task ShippingProviders_ListTheJapaneseCarriersPerDeliveryOption()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var standard = await emulator.CallAsync("GET", $"/logistics/202309/delivery_options/{JapaneseCarriers.StandardDelivery.Id}/shipping_providers");
        var large = await emulator.CallAsync("GET", $"/logistics/202309/delivery_options/{JapaneseCarriers.LargeItemDelivery.Id}/shipping_providers");
        var unknown = await emulator.CallAsync("GET", "/logistics/202309/delivery_options/1/shipping_providers");

        var names = standard.AssertSuccess().Data.GetProperty("shipping_providers").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Equal(["Yamato", "Sagawa Express", "Japan Post", "Seino Transportation", "Seino Super Express"], names);
        Assert.Equal(3, large.AssertSuccess().Data.GetProperty("shipping_providers").GetArrayLength());
        unknown.AssertError(21008116);
    }

    [Fact]
    public void ModSevenRule_AcceptsOnlyTheRightCheckDigit()
    {
        var valid = JapaneseCarriers.MakeTrackingNumber(Yamato, 405548424886);

        Assert.True(JapaneseCarriers.HasModSevenCheckDigit(valid));
        Assert.True(JapaneseCarriers.HasModSevenCheckDigit("405548424886"[..11] + (40554842488L % 7).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.False(JapaneseCarriers.HasModSevenCheckDigit(valid[..11] + (((valid[11] - '0') + 1) % 10).ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static string CreateOrder(TestEmulator emulator, int skus = 1, int units = 1) =>
        emulator.Control.CreateOrder(TestEmulator.ShopA1, new NewOrderRequest
        {
            DistinctSkus = skus,
            UnitsPerSku = units,
            DeliveryOptionId = JapaneseCarriers.StandardDelivery.Id,
        });

    private static string Tracking(JapaneseCarrier carrier, long serial) => JapaneseCarriers.MakeTrackingNumber(carrier, 4055_4842_000 + serial);
}
