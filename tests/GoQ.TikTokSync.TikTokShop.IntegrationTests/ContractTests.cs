using GoQ.TikTokSync.TikTokShop.Emulator;
using GoQ.TikTokSync.TikTokShop.Emulator.Fulfillment;
using GoQ.TikTokSync.TikTokShop.IntegrationTests.Support;
using GoQ.TikTokSync.TikTokShop.Models;

namespace GoQ.TikTokSync.TikTokShop.IntegrationTests;

/// <summary>
/// Client and emulator judged together by the official OAS: every operation the client uses, both directions, with
/// success and error answers.
/// </summary>
public sealed class ContractTests
{
    private static readonly string[] EveryOperationTheClientUses =
    [
        "GET /api/v2/token/get",
        "GET /api/v2/token/refresh",
        "GET /authorization/202309/shops",
        "POST /order/202309/orders/search",
        "GET /order/202309/orders",
        "GET /logistics/202309/delivery_options/{delivery_option_id}/shipping_providers",
        "POST /fulfillment/202309/orders/{order_id}/packages",
        "POST /fulfillment/202309/orders/{order_id}/shipping_info/update",
        "GET /fulfillment/202309/packages/{package_id}",
    ];

    [Fact]
    public async Task EveryOperationTheClientUses_MatchesTheOasInBothDirections()
    {
        await using var h = await ClientAgainstEmulator.StartAsync();
        h.Control.SeedOrders(DemoDefaults.ShopId, 60, ClientAgainstEmulator.Start.AddDays(-3), ClientAgainstEmulator.Start);
        var orderId = h.CreateOrder(distinctSkus: 2);

        await h.Api.GetAuthorizedShopsAsync(h.Tokens, h.Ct);
        await foreach (var _ in h.Api.SearchOrderPagesAsync(
            h.Shop,
            new TikTokOrderSearchRequest { Status = TikTokOrderStatus.AwaitingShipment, CreateTimeFrom = ClientAgainstEmulator.Start.AddDays(-3), PageSize = 5 },
            startPageToken: null,
            h.Ct))
        {
        }

        var order = Assert.Single(await h.Api.GetOrderDetailsAsync(h.Shop, [orderId], h.Ct));
        var providers = await h.Api.GetShippingProvidersAsync(h.Shop, order.DeliveryOptionId!, h.Ct);
        var carrier = JapaneseCarriers.Find(providers[0].Id)!;
        var shipped = await h.Api.MarkPackageAsShippedAsync(
            h.Shop, orderId, new TikTokMarkPackageShippedRequest(JapaneseCarriers.MakeTrackingNumber(carrier, 60_001), carrier.Id, [order.LineItems[0].Id]), h.Ct);
        await h.Api.MarkPackageAsShippedAsync(
            h.Shop, orderId, new TikTokMarkPackageShippedRequest(JapaneseCarriers.MakeTrackingNumber(carrier, 60_002), carrier.Id), h.Ct);
        await h.Api.GetPackageDetailAsync(h.Shop, shipped.PackageId!, h.Ct);
        var singlePackageOrder = h.CreateOrder();
        await h.Api.MarkPackageAsShippedAsync(
            h.Shop, singlePackageOrder, new TikTokMarkPackageShippedRequest(JapaneseCarriers.MakeTrackingNumber(carrier, 60_003), carrier.Id), h.Ct);
        await h.Api.UpdateShippingInfoAsync(
            h.Shop, singlePackageOrder, new TikTokUpdateShippingInfoRequest(JapaneseCarriers.MakeTrackingNumber(carrier, 60_004), carrier.Id), h.Ct);

        // Error answers are held to the contract as well: an expired token (then a refresh), and a refused ship call.
        h.Control.ExpireAccessTokens();
        await h.Api.GetOrderDetailsAsync(h.Shop, [orderId], h.Ct);
        await Assert.ThrowsAsync<Errors.TikTokShopApiException>(() => h.Api.MarkPackageAsShippedAsync(
            h.Shop, orderId, new TikTokMarkPackageShippedRequest(JapaneseCarriers.MakeTrackingNumber(carrier, 60_005), carrier.Id), h.Ct));

        Assert.Empty(EveryOperationTheClientUses.Except(h.Wire.OperationsSeen(), StringComparer.Ordinal));
        Assert.Contains(h.Wire.Exchanges, e => e.Code is > 0);
        h.Wire.AssertContractHeld();
    }

    [Fact]
    public void Recorder_FlagsAnInventedResponseField_SoTheWireCheckHasTeeth()
    {
        var recorder = new WireRecorder();
        var exchange = new WireExchange(
            WireSide.Api,
            "GET",
            "/authorization/202309/shops",
            new Dictionary<string, string>
            {
                ["app_key"] = DemoDefaults.AppKey,
                ["timestamp"] = "1772413200",
                ["sign"] = new string('a', 64),
            },
            AccessTokenHeader: "token",
            ContentType: "application/json",
            RequestBody: string.Empty,
            HttpStatus: 200,
            ResponseBody: """{"code":0,"message":"Success","request_id":"r","data":{"shops":[{"id":"1","cipher":"c","invented":true}]}}""");

        var findings = recorder.Judge(exchange);

        Assert.Contains(findings, f => f.Contains("invented", StringComparison.Ordinal));
    }

    [Fact]
    public void Recorder_FlagsAMissingAccessTokenHeaderAndSign()
    {
        var recorder = new WireRecorder();
        var exchange = new WireExchange(
            WireSide.Api,
            "GET",
            "/authorization/202309/shops",
            new Dictionary<string, string> { ["app_key"] = DemoDefaults.AppKey, ["timestamp"] = "1772413200" },
            AccessTokenHeader: null,
            ContentType: "application/json",
            RequestBody: string.Empty,
            HttpStatus: 200,
            ResponseBody: """{"code":0,"message":"Success","request_id":"r","data":{"shops":[]}}""");

        var findings = recorder.Judge(exchange);

        Assert.Contains(findings, f => f.Contains("x-tts-access-token", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Contains("?sign", StringComparison.Ordinal));
    }

    [Fact]
    public void Recorder_FlagsAResponseThatIsNotJson()
    {
        var recorder = new WireRecorder();
        var exchange = new WireExchange(
            WireSide.Api,
            "GET",
            "/authorization/202309/shops",
            new Dictionary<string, string> { ["app_key"] = DemoDefaults.AppKey, ["timestamp"] = "1772413200", ["sign"] = new string('a', 64) },
            AccessTokenHeader: "token",
            ContentType: "application/json",
            RequestBody: string.Empty,
            HttpStatus: 200,
            ResponseBody: """{"code":0,"message":"Success","request_id":"r","data":{"shops":[]}}""",
            ResponseContentType: "text/plain; charset=utf-8");

        var findings = recorder.Judge(exchange);

        Assert.Contains(findings, f => f.Contains("text/plain", StringComparison.Ordinal));
    }
}
