using GoQ.TikTokSync.TikTokShop.Emulator.Fulfillment;
using GoQ.TikTokSync.TikTokShop.Emulator.Tests.Support;

namespace GoQ.TikTokSync.TikTokShop.Emulator.Tests;

/// <summary>Packages TikTok makes itself before shipping: splits (docs/tiktok-shop-api.md#order-object, §9.2 21011048) and combined orders.</summary>
public sealed class TikTokPackagesTests
{
    private static readonly JapaneseCarrier Yamato = JapaneseCarriers.Yamato;

    [Fact]
    public async Task MarkShipped_OrderTikTokSplit_WithoutLinesIsRefusedWith21011048_EachPackageShipsUnderItsOwnId()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = emulator.Control.CreateOrder(TestEmulator.ShopA1, new NewOrderRequest { DistinctSkus = 2, UnitsPerSku = 1, TikTokPackages = 2 });
        var before = await emulator.GetOrderAsync(id);
        var lines = before.GetProperty("line_items").EnumerateArray().Select(l => (Id: l.GetProperty("id").GetString()!, Package: l.GetProperty("package_id").GetString()!)).ToList();

        (await emulator.ShipAsync(id, Tracking(1), Yamato.Id)).AssertError(21011048);
        var first = (await emulator.ShipAsync(id, Tracking(1), Yamato.Id, [lines[0].Id])).AssertSuccess().Data;
        var second = (await emulator.ShipAsync(id, Tracking(1), Yamato.Id, [lines[1].Id])).AssertSuccess().Data;

        Assert.Equal("SPLIT", before.GetProperty("split_or_combine_tag").GetString());
        Assert.Equal(2, before.GetProperty("packages").GetArrayLength());
        Assert.NotEqual(lines[0].Package, lines[1].Package);
        Assert.Equal(lines[0].Package, first.GetProperty("package_id").GetString());
        Assert.Equal(lines[1].Package, second.GetProperty("package_id").GetString());
        Assert.Equal(OrderStatuses.AwaitingCollection, (await emulator.GetOrderAsync(id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task MarkShipped_CombinedOrders_OneCallShipsEveryOrderOfTheParcel()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var a = emulator.Control.CreateOrder(TestEmulator.ShopA1, new NewOrderRequest { DistinctSkus = 1, UnitsPerSku = 1 });
        var b = emulator.Control.CreateOrder(TestEmulator.ShopA1, new NewOrderRequest { DistinctSkus = 1, UnitsPerSku = 2 });
        var packageId = emulator.Control.CombineOrders([a, b]);
        var combined = await emulator.GetOrderAsync(b);

        var shipped = (await emulator.ShipAsync(a, Tracking(2), Yamato.Id)).AssertSuccess().Data;
        var other = await emulator.GetOrderAsync(b);
        var detail = (await emulator.CallAsync("GET", $"/fulfillment/202309/packages/{packageId}")).AssertSuccess().Data;

        Assert.Equal("COMBINED", combined.GetProperty("split_or_combine_tag").GetString());
        Assert.Equal((await emulator.GetOrderAsync(a)).GetProperty("auto_combine_group_id").GetString(), combined.GetProperty("auto_combine_group_id").GetString());
        Assert.Equal(packageId, shipped.GetProperty("package_id").GetString());
        Assert.Equal(OrderStatuses.AwaitingCollection, other.GetProperty("status").GetString());
        Assert.All(other.GetProperty("line_items").EnumerateArray(), l => Assert.Equal(Tracking(2), l.GetProperty("tracking_number").GetString()));
        Assert.Equal(new[] { a, b }, detail.GetProperty("orders").EnumerateArray().Select(o => o.GetProperty("id").GetString()).ToArray());
        Assert.Equal(1, emulator.Control.GetShipCalls().Calls);
    }

    [Fact]
    public async Task UpdatePackageShippingInfo_OncePerPackage_TheSecondIsRefusedWith21011051()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = emulator.Control.CreateOrder(TestEmulator.ShopA1, new NewOrderRequest { DistinctSkus = 2, UnitsPerSku = 1, TikTokPackages = 2 });
        var line = (await emulator.GetOrderAsync(id)).GetProperty("line_items")[0].GetProperty("id").GetString()!;
        var packageId = (await emulator.ShipAsync(id, Tracking(3), Yamato.Id, [line])).AssertSuccess().Data.GetProperty("package_id").GetString();
        var path = $"/fulfillment/202309/packages/{packageId}/shipping_info/update";
        string Body(int n) => "{\"tracking_number\":\"" + Tracking(n) + "\",\"shipping_provider_id\":\"" + Yamato.Id + "\"}";

        (await emulator.CallAsync("POST", path, body: Body(4))).AssertSuccess();
        (await emulator.CallAsync("POST", path, body: Body(5))).AssertError(21011051);

        var order = await emulator.GetOrderAsync(id);
        Assert.Equal(Tracking(4), order.GetProperty("line_items")[0].GetProperty("tracking_number").GetString());
        Assert.Equal(1, Assert.Single(emulator.Control.GetShipCalls().Packages).TrackingUpdates);
    }

    [Fact]
    public async Task SeededOrders_WithTheDemoShares_SomeAreSplitAndSomeCombinedAndTheRestUntouched()
    {
        await using var emulator = await TestEmulator.StartAsync(o =>
        {
            o.PreShippingSplitShare = 0.2;
            o.CombinedOrderShare = 0.2;
        });
        emulator.Control.SeedOrders(TestEmulator.ShopA1, 100, emulator.Control.Now.AddDays(-3), emulator.Control.Now);

        var orders = (await emulator.SearchAsync(pageSize: 100)).AssertSuccess().Data.GetProperty("orders").EnumerateArray().ToList();
        string? Tag(System.Text.Json.JsonElement o) => o.TryGetProperty("split_or_combine_tag", out var tag) ? tag.GetString() : null;

        Assert.Contains(orders, o => Tag(o) == "SPLIT");
        var combined = orders.Where(o => Tag(o) == "COMBINED").ToList();
        Assert.NotEmpty(combined);
        Assert.All(combined.GroupBy(o => o.GetProperty("auto_combine_group_id").GetString()), group => Assert.Equal(2, group.Count()));
        Assert.Contains(orders, o => Tag(o) is null);
    }

    private static string Tracking(long serial) => JapaneseCarriers.MakeTrackingNumber(Yamato, 4055_4843_000 + serial);
}
