using GoQ.TikTokSync.TikTokShop.Models;
using GoQ.TikTokSync.TikTokShop.Tests.Samples;
using GoQ.TikTokSync.TikTokShop.Tests.Support;

namespace GoQ.TikTokSync.TikTokShop.Tests;

/// <summary>Responses read through the real client: ids, instants, money, open statuses, Japanese addresses.</summary>
public sealed class WireModelTests : IDisposable
{
    private readonly TestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task OrderSearch_SampleResponse_MapsEveryOmsField()
    {
        _host.Handler.Enqueue(_ => Responses.Json(WireSamples.OrderSearchResponse));

        var page = await _host.Api.SearchOrdersPageAsync(_host.Shop, new TikTokOrderSearchRequest());

        Assert.Equal("aDU2dXp6dW5hUEdiYW5Ba0hGd1Q0Q1l1Zk5RcXYrdDVjZ1pJWHpBPT0=", page.NextPageToken);
        Assert.Equal(22113, page.TotalCount);
        var order = Assert.Single(page.Orders);
        Assert.Equal("576461413038785752", order.Id);
        Assert.Equal(TikTokOrderStatus.AwaitingShipment, order.Status);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1717201800), order.CreateTime);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1717205400), order.UpdateTime);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1717201860), order.PaidTime);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1717460999), order.RtsSlaTime);
        Assert.Null(order.CancelOrderSlaTime);
        Assert.Null(order.RtsTime);
        Assert.Equal("7091146663229654785", order.DeliveryOptionId);
        Assert.Equal("1152321127278713123", Assert.Single(order.Packages).Id);
        Assert.False(order.IsOnHoldOrder);
        Assert.Equal("7021436810468230477", order.UserId);
        Assert.Equal("午前中に届けてください", order.BuyerMessage);
        Assert.Equal(string.Empty, order.SellerNote);
        Assert.Equal("SELLER", order.ShippingType);

        var payment = order.Payment!;
        Assert.Equal("JPY", payment.Currency);
        Assert.Equal(5000m, payment.SubTotal);
        Assert.Equal(550m, payment.ShippingFee);
        Assert.Equal(5550m, payment.TotalAmount);
        Assert.Equal(5500m, payment.OriginalTotalProductPrice);
        Assert.Equal(550m, payment.OriginalShippingFee);
        Assert.Equal(300m, payment.SellerDiscount);
        Assert.Equal(200m, payment.PlatformDiscount);

        var address = order.RecipientAddress!;
        Assert.Equal("山田 太郎", address.Name);
        Assert.Equal("タロウ", address.FirstNameLocalScript);
        Assert.Equal("ヤマダ", address.LastNameLocalScript);
        Assert.Equal("(+81)08012345678", address.PhoneNumber);
        Assert.Equal("1008111", address.PostalCode);
        Assert.Equal(["L0", "L1", "L2", "L3"], address.DistrictInfo.Select(d => d.AddressLevel!).ToArray());
        Assert.Equal("東京都", address.DistrictInfo[1].AddressName);

        Assert.Equal(2, order.LineItems.Count);
        var item = order.LineItems[0];
        Assert.Equal("577086512123755123", item.Id);
        Assert.Equal("1729592969712207008", item.SkuId);
        Assert.Equal("MATCHA-10", item.SellerSku);
        Assert.Equal("抹茶ラテ 10本セット", item.ProductName);
        Assert.Equal("抹茶, 10本", item.SkuName);
        Assert.Equal(2500m, item.SalePrice);
        Assert.Equal(2750m, item.OriginalPrice);
        Assert.Equal(TikTokOrderStatus.AwaitingShipment, item.DisplayStatus);
        Assert.Equal(TikTokPackageStatus.ToFulfill, item.PackageStatus);
        Assert.Equal("1152321127278713123", item.PackageId);
        Assert.Equal(string.Empty, item.TrackingNumber);
    }

    [Fact]
    public async Task OrderDetail_MoneyStrings_ParseAsExactDecimals()
    {
        _host.Handler.Enqueue(_ => Responses.Json(WireSamples.OrderDetailResponse));

        var order = Assert.Single(await _host.Api.GetOrderDetailsAsync(_host.Shop, ["576461413038785753"]));

        Assert.Equal(0.01m, order.Payment!.SubTotal);
        Assert.Equal(0m, order.Payment.ShippingFee);
        Assert.Equal(1234567.89m, order.Payment.TotalAmount);
        Assert.Equal(0.01m, order.LineItems[0].SalePrice);
        Assert.Equal("ヤマト運輸", order.LineItems[0].ShippingProviderName);
        Assert.Equal("7117858858072016686", order.ShippingProviderId);
        Assert.Equal(TikTokOrderStatus.InTransit, order.Status);
    }

    [Fact]
    public async Task UnknownStatusValue_AndUnknownFields_SurviveDeserialization()
    {
        _host.Handler.Enqueue(_ => Responses.Success("""
            {"orders":[{"id":"1","status":"AWAITING_TELEPORTATION","brand_new_field":{"x":[1,2]},
              "line_items":[{"id":"2","display_status":"RETURNED_TO_SENDER","package_status":"LOST","new_price":"1"}]}]}
            """));

        var order = Assert.Single(await _host.Api.GetOrderDetailsAsync(_host.Shop, ["1"]));

        Assert.Equal("AWAITING_TELEPORTATION", order.Status!.Value.Value);
        Assert.False(order.Status.Value.IsKnown);
        Assert.Equal("RETURNED_TO_SENDER", order.LineItems[0].DisplayStatus!.Value.Value);
        Assert.Equal(new TikTokPackageStatus("LOST"), order.LineItems[0].PackageStatus);
        Assert.True(TikTokOrderStatus.Cancelled.IsKnown);
    }

    [Fact]
    public async Task NullCollections_ReadAsEmpty()
    {
        _host.Handler.Enqueue(_ => Responses.Success("""
            {"orders":[{"id":"1","line_items":null,"packages":null,"recipient_address":{"district_info":null}}]}
            """));

        var order = Assert.Single(await _host.Api.GetOrderDetailsAsync(_host.Shop, ["1"]));

        Assert.Empty(order.LineItems);
        Assert.Empty(order.Packages);
        Assert.Empty(order.RecipientAddress!.DistrictInfo);
        Assert.Null(order.Payment);
    }

    [Fact]
    public async Task MalformedMoney_IsAnErrorNotASilentZero()
    {
        _host.Handler.Enqueue(_ => Responses.Success("""{"orders":[{"id":"1","payment":{"total_amount":"5,000"}}]}"""));

        var error = await Assert.ThrowsAsync<Errors.TikTokShopApiException>(() => _host.Api.GetOrderDetailsAsync(_host.Shop, ["1"]));

        Assert.Equal(200, error.HttpStatus);
    }

    [Fact]
    public async Task AuthorizedShops_SampleResponse_MapsCipherAndRegion()
    {
        _host.Handler.Enqueue(_ => Responses.Json(WireSamples.AuthorizedShopsResponse));

        var shop = Assert.Single(await _host.Api.GetAuthorizedShopsAsync(_host.Tokens));

        Assert.Equal("7000714532876273420", shop.Id);
        Assert.Equal("GCP_XF90igAAAABh00qsWgtvOiGFNqyubMt3", shop.Cipher);
        Assert.Equal("JP", shop.Region);
        Assert.Equal("LOCAL", shop.SellerType);
        Assert.Equal("JPLCA4LLU8", shop.Code);
    }

    [Fact]
    public async Task MarkPackageAsShipped_SampleResponse_KeepsWarning()
    {
        _host.Handler.Enqueue(_ => Responses.Json(WireSamples.MarkPackageAsShippedResponse));

        var result = await _host.Api.MarkPackageAsShippedAsync(_host.Shop, "576461413038785752", new TikTokMarkPackageShippedRequest("1", "2"));

        Assert.Equal("1152321127278713123", result.PackageId);
        Assert.Equal(["577086512123755123", "577086512123755124"], result.OrderLineItemIds);
        Assert.Equal("match more than one provider", result.Warning?.Message);
    }

    [Fact]
    public async Task PackageDetail_SampleResponse_MapsTrackingAndStatus()
    {
        _host.Handler.Enqueue(_ => Responses.Json(WireSamples.PackageDetailResponse));

        var package = await _host.Api.GetPackageDetailAsync(_host.Shop, "1152321127278713123");

        Assert.Equal(TikTokPackageStatus.Processing, package.PackageStatus);
        Assert.Equal("123456789012", package.TrackingNumber);
        Assert.Equal("7117858858072016686", package.ShippingProviderId);
        Assert.Equal("576461413038785752", Assert.Single(package.Orders).Id);
        Assert.Equal(["577086512123755123"], package.OrderLineItemIds);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1717300500), package.UpdateTime);
    }

    [Fact]
    public async Task ShippingProviders_SampleResponse_MapsIdsAndNames()
    {
        _host.Handler.Enqueue(_ => Responses.Json(WireSamples.ShippingProvidersResponse));

        var providers = await _host.Api.GetShippingProvidersAsync(_host.Shop, "7091146663229654785");

        Assert.Equal(["ヤマト運輸", "佐川急便"], providers.Select(p => p.Name).ToArray());
        Assert.Equal("7117858858072016686", providers[0].Id);
    }
}
