using GoQ.TikTokSync.TikTokShop.Emulator;
using GoQ.TikTokSync.TikTokShop.Emulator.Fulfillment;
using GoQ.TikTokSync.TikTokShop.Errors;
using GoQ.TikTokSync.TikTokShop.IntegrationTests.Support;
using GoQ.TikTokSync.TikTokShop.Models;

namespace GoQ.TikTokSync.TikTokShop.IntegrationTests;

/// <summary>Self-shipment pushed by the client and read back from the emulator's record of what arrived.</summary>
public sealed class FulfillmentTests
{
    /// <summary>docs/tiktok-shop-api.md#correcting-tracking: a JP order's tracking can be updated only once.</summary>
    private const int TrackingUpdatableOnlyOnce = 21011051;

    [Fact]
    public async Task MarkShipped_WholeOrder_EmulatorRecordsTrackingAndProvider_OrderAwaitsCollection()
    {
        await using var h = await ClientAgainstEmulator.StartAsync();
        var (order, yamato) = await OrderAndCarrierAsync(h, h.CreateOrder(distinctSkus: 2));
        var tracking = JapaneseCarriers.MakeTrackingNumber(yamato, 40_001);

        var result = await h.Api.MarkPackageAsShippedAsync(h.Shop, order.Id, new TikTokMarkPackageShippedRequest(tracking, yamato.Id), h.Ct);

        Assert.Equal(order.Id, result.OrderId);
        Assert.Equal(order.LineItems.Select(l => l.Id).Order(StringComparer.Ordinal), result.OrderLineItemIds.Order(StringComparer.Ordinal));
        var shipped = h.Control.GetShipping(order.Id)!;
        Assert.Equal(OrderStatuses.AwaitingCollection, shipped.Status);
        Assert.Equal(tracking, shipped.TrackingNumber);
        Assert.Equal(yamato.Id, shipped.ShippingProviderId);
        Assert.Equal(1, shipped.ShipCallCount);
        Assert.Equal(result.PackageId, Assert.Single(shipped.Packages).PackageId);

        var package = await h.Api.GetPackageDetailAsync(h.Shop, result.PackageId!, h.Ct);
        Assert.Equal(tracking, package.TrackingNumber);
        Assert.Equal(yamato.Id, package.ShippingProviderId);
        Assert.Equal(order.Id, Assert.Single(package.Orders).Id);
        var readBack = Assert.Single(await h.Api.GetOrderDetailsAsync(h.Shop, [order.Id], h.Ct));
        Assert.Equal(TikTokOrderStatus.AwaitingCollection, readBack.Status);
        Assert.Equal(tracking, readBack.TrackingNumber);
        h.Wire.AssertContractHeld();
    }

    [Fact]
    public async Task MarkShipped_Again_IsTypedAlreadyShipped_AndChangesNothing()
    {
        await using var h = await ClientAgainstEmulator.StartAsync();
        var (order, yamato) = await OrderAndCarrierAsync(h, h.CreateOrder());
        var tracking = JapaneseCarriers.MakeTrackingNumber(yamato, 40_002);
        await h.Api.MarkPackageAsShippedAsync(h.Shop, order.Id, new TikTokMarkPackageShippedRequest(tracking, yamato.Id), h.Ct);

        var again = await Assert.ThrowsAsync<TikTokShopApiException>(() => h.Api.MarkPackageAsShippedAsync(
            h.Shop, order.Id, new TikTokMarkPackageShippedRequest(JapaneseCarriers.MakeTrackingNumber(yamato, 40_003), yamato.Id), h.Ct));

        Assert.Equal(TikTokShopErrorClassification.AlreadyShipped, again.Classification);
        var shipped = h.Control.GetShipping(order.Id)!;
        Assert.Equal((1, 2), (shipped.ShipCallCount, shipped.ShipAttemptCount));
        Assert.Equal(tracking, shipped.TrackingNumber);
        h.Wire.AssertContractHeld();
    }

    [Fact]
    public async Task MarkShipped_SubsetOfLines_LeavesOrderPartiallyShipping_UntilTheRestShips()
    {
        await using var h = await ClientAgainstEmulator.StartAsync();
        var (order, yamato) = await OrderAndCarrierAsync(h, h.CreateOrder(distinctSkus: 3));
        var lineIds = order.LineItems.Select(l => l.Id).ToList();
        Assert.Equal(3, lineIds.Count);

        var first = await h.Api.MarkPackageAsShippedAsync(
            h.Shop, order.Id, new TikTokMarkPackageShippedRequest(JapaneseCarriers.MakeTrackingNumber(yamato, 40_004), yamato.Id, [lineIds[0]]), h.Ct);

        Assert.Equal([lineIds[0]], first.OrderLineItemIds);
        Assert.Equal(OrderStatuses.PartiallyShipping, h.Control.GetShipping(order.Id)!.Status);
        Assert.Equal(TikTokOrderStatus.PartiallyShipping, Assert.Single(await h.Api.GetOrderDetailsAsync(h.Shop, [order.Id], h.Ct)).Status);

        var rest = await h.Api.MarkPackageAsShippedAsync(
            h.Shop, order.Id, new TikTokMarkPackageShippedRequest(JapaneseCarriers.MakeTrackingNumber(yamato, 40_005), yamato.Id), h.Ct);

        Assert.Equal(lineIds.Skip(1).Order(StringComparer.Ordinal), rest.OrderLineItemIds.Order(StringComparer.Ordinal));
        var shipped = h.Control.GetShipping(order.Id)!;
        Assert.Equal(OrderStatuses.AwaitingCollection, shipped.Status);
        Assert.Equal(2, shipped.Packages.Count);
        h.Wire.AssertContractHeld();
    }

    [Fact]
    public async Task UpdateShippingInfo_FirstCorrectionAccepted_SecondRefused()
    {
        await using var h = await ClientAgainstEmulator.StartAsync();
        var (order, yamato) = await OrderAndCarrierAsync(h, h.CreateOrder());
        await h.Api.MarkPackageAsShippedAsync(
            h.Shop, order.Id, new TikTokMarkPackageShippedRequest(JapaneseCarriers.MakeTrackingNumber(yamato, 40_006), yamato.Id), h.Ct);
        var providers = await h.Api.GetShippingProvidersAsync(h.Shop, order.DeliveryOptionId!, h.Ct);
        var sagawa = JapaneseCarriers.Find(Assert.Single(providers, p => p.Id == JapaneseCarriers.Sagawa.Id).Id)!;
        var corrected = JapaneseCarriers.MakeTrackingNumber(sagawa, 40_007);

        await h.Api.UpdateShippingInfoAsync(h.Shop, order.Id, new TikTokUpdateShippingInfoRequest(corrected, sagawa.Id), h.Ct);

        var afterFirst = h.Control.GetShipping(order.Id)!;
        Assert.Equal(corrected, afterFirst.TrackingNumber);
        Assert.Equal(sagawa.Id, afterFirst.ShippingProviderId);

        var second = await Assert.ThrowsAsync<TikTokShopApiException>(() => h.Api.UpdateShippingInfoAsync(
            h.Shop, order.Id, new TikTokUpdateShippingInfoRequest(JapaneseCarriers.MakeTrackingNumber(sagawa, 40_008), sagawa.Id), h.Ct));

        Assert.Equal(TrackingUpdatableOnlyOnce, second.Code);
        Assert.NotEqual(TikTokShopErrorClassification.Retryable, second.Classification);
        var afterSecond = h.Control.GetShipping(order.Id)!;
        Assert.Equal((1, 2), (afterSecond.UpdateShippingInfoCallCount, afterSecond.UpdateShippingInfoAttemptCount));
        Assert.Equal(corrected, afterSecond.TrackingNumber);
        h.Wire.AssertContractHeld();
    }

    [Theory]
    [InlineData("wrong-check-digit")]
    [InlineData("special-characters")]
    [InlineData("unknown-provider")]
    public async Task MarkShipped_InvalidTracking_IsTypedInvalidTracking(string defect)
    {
        await using var h = await ClientAgainstEmulator.StartAsync();
        var (order, yamato) = await OrderAndCarrierAsync(h, h.CreateOrder());
        var valid = JapaneseCarriers.MakeTrackingNumber(yamato, 40_009);
        var request = defect switch
        {
            "wrong-check-digit" => new TikTokMarkPackageShippedRequest(valid[..11] + (char)('0' + ((valid[11] - '0' + 1) % 7)), yamato.Id),
            "special-characters" => new TikTokMarkPackageShippedRequest(valid[..4] + "-" + valid[4..], yamato.Id),
            _ => new TikTokMarkPackageShippedRequest(valid, "7208502187360839999"),
        };

        var failure = await Assert.ThrowsAsync<TikTokShopApiException>(() => h.Api.MarkPackageAsShippedAsync(h.Shop, order.Id, request, h.Ct));

        Assert.Equal(TikTokShopErrorClassification.InvalidTracking, failure.Classification);
        var shipped = h.Control.GetShipping(order.Id)!;
        Assert.Equal((0, 1), (shipped.ShipCallCount, shipped.ShipAttemptCount));
        Assert.Equal(OrderStatuses.AwaitingShipment, shipped.Status);
        h.Wire.AssertContractHeld();
    }

    [Fact]
    public async Task MarkShipped_OnHoldOrder_IsTypedOnHold()
    {
        await using var h = await ClientAgainstEmulator.StartAsync();
        var (order, yamato) = await OrderAndCarrierAsync(h, h.CreateOrder(OrderStatuses.OnHold));
        Assert.Equal(TikTokOrderStatus.OnHold, order.Status);

        var failure = await Assert.ThrowsAsync<TikTokShopApiException>(() => h.Api.MarkPackageAsShippedAsync(
            h.Shop, order.Id, new TikTokMarkPackageShippedRequest(JapaneseCarriers.MakeTrackingNumber(yamato, 40_010), yamato.Id), h.Ct));

        Assert.Equal(TikTokShopErrorClassification.OnHold, failure.Classification);
        Assert.Equal(OrderStatuses.OnHold, h.Control.GetShipping(order.Id)!.Status);
        h.Wire.AssertContractHeld();
    }

    /// <summary>Reads the order through the client and picks Yamato from the providers TikTok offers for its delivery option.</summary>
    private static async Task<(TikTokOrder Order, JapaneseCarrier Yamato)> OrderAndCarrierAsync(ClientAgainstEmulator h, string orderId)
    {
        var order = Assert.Single(await h.Api.GetOrderDetailsAsync(h.Shop, [orderId], h.Ct));
        Assert.False(string.IsNullOrEmpty(order.DeliveryOptionId));
        var providers = await h.Api.GetShippingProvidersAsync(h.Shop, order.DeliveryOptionId!, h.Ct);
        var offered = Assert.Single(providers, p => p.Name == JapaneseCarriers.Yamato.Name);
        return (order, JapaneseCarriers.Find(offered.Id)!);
    }
}
