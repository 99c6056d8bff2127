using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GoQ.TikTokSync.TikTokShop.Emulator.Fulfillment;
using GoQ.TikTokSync.TikTokShop.Emulator.Tests.Support;

namespace GoQ.TikTokSync.TikTokShop.Emulator.Tests;

/// <summary>
/// The emulator's own record of Mark Package As Shipped calls (<c>GET /_emulator/ship-calls</c>), with which a multi-node
/// run proves that every package was shipped exactly once.
/// </summary>
public sealed class ShipCallRecordTests
{
    private static readonly JapaneseCarrier Yamato = JapaneseCarriers.Yamato;

    [Fact]
    public async Task ShipCalls_OverHttp_GivesTotalsThenEveryOrderAndPackage()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var shipped = CreateOrder(emulator);
        var onHold = emulator.Control.CreateOrder(TestEmulator.ShopA1, new NewOrderRequest { Status = OrderStatuses.OnHold });
        var tracking = Tracking(Yamato, 1);
        var packageId = (await emulator.ShipAsync(shipped, tracking, Yamato.Id)).AssertSuccess().Data.GetProperty("package_id").GetString();
        (await emulator.ShipAsync(shipped, tracking, Yamato.Id)).AssertError(21011006);
        (await emulator.ShipAsync(onHold, Tracking(Yamato, 2), Yamato.Id)).AssertError(21011044);

        var record = await emulator.Http.GetFromJsonAsync<JsonElement>("/_emulator/ship-calls");

        Assert.Equal(3, record.GetProperty("calls").GetInt32());
        Assert.Equal(1, record.GetProperty("applied").GetInt32());
        Assert.Equal(1, record.GetProperty("rejectedAlreadyShipped").GetInt32());
        Assert.Equal(1, record.GetProperty("rejected").GetInt32());
        Assert.Equal(0, record.GetProperty("faulted").GetInt32());
        Assert.Equal(0, record.GetProperty("responseLost").GetInt32());
        Assert.Equal(1, record.GetProperty("packagesApplied").GetInt32());
        Assert.Equal(0, record.GetProperty("packagesAppliedMoreThanOnce").GetInt32());

        var orders = record.GetProperty("orders").EnumerateArray().ToDictionary(o => o.GetProperty("orderId").GetString()!);
        Assert.Equal(2, orders.Count);
        var shippedCalls = orders[shipped];
        Assert.Equal(TestEmulator.ShopA1, shippedCalls.GetProperty("shopId").GetString());
        Assert.Equal(2, shippedCalls.GetProperty("calls").GetInt32());
        Assert.Equal(1, shippedCalls.GetProperty("applied").GetInt32());
        Assert.Equal(1, shippedCalls.GetProperty("rejectedAlreadyShipped").GetInt32());
        Assert.Equal(0, shippedCalls.GetProperty("rejected").GetInt32());
        Assert.Equal(0, shippedCalls.GetProperty("faulted").GetInt32());
        Assert.Equal(0, shippedCalls.GetProperty("responseLost").GetInt32());
        Assert.Equal(1, orders[onHold].GetProperty("rejected").GetInt32());

        var package = Assert.Single(record.GetProperty("packages").EnumerateArray());
        Assert.Equal(packageId, package.GetProperty("packageId").GetString());
        Assert.Equal(shipped, package.GetProperty("orderId").GetString());
        Assert.Equal(TestEmulator.ShopA1, package.GetProperty("shopId").GetString());
        Assert.Equal(1, package.GetProperty("lineItemIds").GetArrayLength());
        Assert.Equal(tracking, package.GetProperty("trackingNumber").GetString());
        Assert.Equal(Yamato.Id, package.GetProperty("shippingProviderId").GetString());
        Assert.Equal(TestEmulator.Start, package.GetProperty("shippedAt").GetDateTimeOffset());
        Assert.Equal(2, package.GetProperty("calls").GetInt32());
        Assert.Equal(1, package.GetProperty("applied").GetInt32());
        Assert.Equal(1, package.GetProperty("rejectedAlreadyShipped").GetInt32());
        Assert.Equal(0, package.GetProperty("rejectedWithOtherTrackingNumber").GetInt32());
        Assert.False(package.GetProperty("responseLost").GetBoolean());
        Assert.Equal(0, package.GetProperty("trackingUpdates").GetInt32());
    }

    [Fact]
    public async Task SplitOrder_ARepeatCountsAgainstThePackageItNamed_AWholeOrderRepeatAgainstEvery()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = CreateOrder(emulator, skus: 2);
        var lines = (await emulator.GetOrderAsync(id)).GetProperty("line_items").EnumerateArray().Select(l => l.GetProperty("id").GetString()!).ToList();

        var first = (await emulator.ShipAsync(id, Tracking(Yamato, 11), Yamato.Id, [lines[0]])).AssertSuccess().Data.GetProperty("package_id").GetString();
        (await emulator.ShipAsync(id, Tracking(Yamato, 12), Yamato.Id, [lines[0]])).AssertError(21008099);
        var second = (await emulator.ShipAsync(id, Tracking(Yamato, 13), Yamato.Id)).AssertSuccess().Data.GetProperty("package_id").GetString();
        (await emulator.ShipAsync(id, Tracking(Yamato, 13), Yamato.Id)).AssertError(21011006);
        var record = emulator.Control.GetShipCalls();

        var order = Assert.Single(record.Orders);
        Assert.Equal((4, 2, 2), (order.Calls, order.Applied, order.RejectedAlreadyShipped));
        var packages = record.Packages.ToDictionary(p => p.PackageId);
        Assert.Equal((1, 2, 2), (packages[first!].Applied, packages[first!].RejectedAlreadyShipped, packages[first!].RejectedWithOtherTrackingNumber));
        Assert.Equal((1, 1, 0), (packages[second!].Applied, packages[second!].RejectedAlreadyShipped, packages[second!].RejectedWithOtherTrackingNumber));
        Assert.Equal([lines[0]], packages[first!].LineItemIds);
        Assert.Equal([lines[1]], packages[second!].LineItemIds);
        Assert.Equal((2, 0), (record.PackagesApplied, record.PackagesAppliedMoreThanOnce));
    }

    [Fact]
    public async Task ConcurrentShipCalls_FromSeveralNodes_ApplyEachOrderOnceAndLoseNoCount()
    {
        const int Orders = 8;
        const int CallsPerOrder = 6;
        await using var emulator = await TestEmulator.StartAsync();
        var ids = Enumerable.Range(0, Orders).Select(_ => CreateOrder(emulator)).ToList();

        var answers = await Task.WhenAll(ids.SelectMany((id, i) => Enumerable.Range(0, CallsPerOrder).Select(_ =>
            Task.Run(() => emulator.ShipAsync(id, Tracking(Yamato, 20 + i), Yamato.Id)))));
        var record = emulator.Control.GetShipCalls();

        Assert.Equal(Orders, answers.Count(a => a.Code == 0));
        Assert.Equal(Orders * (CallsPerOrder - 1), answers.Count(a => a.Code == 21011006));
        Assert.Equal((Orders * CallsPerOrder, Orders, Orders * (CallsPerOrder - 1)), (record.Calls, record.Applied, record.RejectedAlreadyShipped));
        Assert.All(record.Orders, o => Assert.Equal((CallsPerOrder, 1), (o.Calls, o.Applied)));
        Assert.All(record.Packages, p => Assert.Equal((CallsPerOrder, 1), (p.Calls, p.Applied)));
        Assert.Equal((Orders, 0), (record.PackagesApplied, record.PackagesAppliedMoreThanOnce));
    }

    [Fact]
    public async Task CallsRefusedBeforeOrByTheOrderBook_CountAsRejectedAndApplyNothing()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = CreateOrder(emulator);
        var tracking = Tracking(Yamato, 30);
        var path = $"/fulfillment/202309/orders/{id}/packages";
        var body = JsonSerializer.Serialize(new { tracking_number = tracking, shipping_provider_id = Yamato.Id });

        (await emulator.CallAsync("POST", path, body: body, alterSign: _ => "0000")).AssertError(106001);
        (await emulator.CallAsync("POST", path, body: body, shopCipher: TestEmulator.CipherA2)).AssertError(21008111);
        (await emulator.CallAsync("POST", path, body: """{"tracking_number":1}""")).AssertError(21001001);
        (await emulator.ShipAsync(id, "1234", Yamato.Id)).AssertError(21004015);

        var calls = Assert.Single(emulator.Control.GetShipCalls().Orders);
        Assert.Equal(new OrderShipCalls(id, TestEmulator.ShopA1, Calls: 4, Applied: 0, RejectedAlreadyShipped: 0, Rejected: 4, Faulted: 0, ResponseLost: 0), calls);
        Assert.Empty(emulator.Control.GetShipCalls().Packages);
    }

    [Fact]
    public async Task TrackingCorrection_IsCountedOnThePackage_NotAsASecondShipment()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = CreateOrder(emulator);
        var tracking = Tracking(Yamato, 40);
        (await emulator.ShipAsync(id, tracking, Yamato.Id)).AssertSuccess();

        (await emulator.UpdateShippingInfoAsync(id, Tracking(Yamato, 41), Yamato.Id)).AssertSuccess();

        var record = emulator.Control.GetShipCalls();
        var package = Assert.Single(record.Packages);
        Assert.Equal((1, 1, tracking), (package.Applied, package.TrackingUpdates, package.TrackingNumber));
        Assert.Equal((1, 1), (record.Calls, record.Applied));
    }

    [Fact]
    public async Task ShipCalls_FilterByShop_UnknownShopIs404_AndResetForgetsThem()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var inA1 = CreateOrder(emulator);
        var inA2 = emulator.Control.CreateOrder(TestEmulator.ShopA2, new NewOrderRequest { DeliveryOptionId = JapaneseCarriers.StandardDelivery.Id });
        (await emulator.ShipAsync(inA1, Tracking(Yamato, 50), Yamato.Id)).AssertSuccess();
        (await emulator.CallAsync(
            "POST",
            $"/fulfillment/202309/orders/{inA2}/packages",
            body: JsonSerializer.Serialize(new { tracking_number = Tracking(Yamato, 51), shipping_provider_id = Yamato.Id }),
            shopCipher: TestEmulator.CipherA2)).AssertSuccess();

        var all = emulator.Control.GetShipCalls();
        var a2 = await emulator.Http.GetFromJsonAsync<JsonElement>($"/_emulator/ship-calls?shopId={TestEmulator.ShopA2}");
        using var unknown = await emulator.Http.GetAsync("/_emulator/ship-calls?shopId=1");
        using var reset = await emulator.Http.PostAsync("/_emulator/reset", null);
        var afterReset = emulator.Control.GetShipCalls();

        Assert.Equal(inA2, Assert.Single(a2.GetProperty("orders").EnumerateArray()).GetProperty("orderId").GetString());
        Assert.Equal(inA2, Assert.Single(a2.GetProperty("packages").EnumerateArray()).GetProperty("orderId").GetString());
        Assert.Equal(new[] { inA1, inA2 }.Order(StringComparer.Ordinal), all.Packages.Select(p => p.OrderId).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal((0, 0), (afterReset.Calls, afterReset.PackagesApplied));
        Assert.Empty(afterReset.Orders);
    }

    private static string CreateOrder(TestEmulator emulator, int skus = 1) =>
        emulator.Control.CreateOrder(TestEmulator.ShopA1, new NewOrderRequest
        {
            DistinctSkus = skus,
            UnitsPerSku = 1,
            DeliveryOptionId = JapaneseCarriers.StandardDelivery.Id,
        });

    private static string Tracking(JapaneseCarrier carrier, long serial) => JapaneseCarriers.MakeTrackingNumber(carrier, 4055_4844_000 + serial);
}
