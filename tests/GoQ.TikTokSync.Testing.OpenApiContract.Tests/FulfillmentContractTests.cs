namespace GoQ.TikTokSync.Testing.OpenApiContract.Tests;

public class FulfillmentContractTests
{
    private const string ShippingInfoUpdatePath = "/fulfillment/202309/orders/576461413038785752/shipping_info/update";
    private const string PackageDetailPath = "/fulfillment/202309/packages/1152321127278713123";
    private const string ShippingProvidersPath = "/logistics/202309/delivery_options/7091146663229654785/shipping_providers";

    private readonly TikTokShopOpenApi oas = TikTokShopOpenApi.Load();

    [Theory]
    [InlineData(Samples.MarkPackageAsShippedPath)]
    [InlineData(Samples.MarkPackageAsShippedTemplate)]
    public void ValidateRequestBody_MarkPackageAsShippedSample_IsValid(string path)
    {
        var result = oas.ValidateRequestBody("POST", path, Samples.MarkPackageAsShippedRequest);

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
    }

    [Fact]
    public void ValidateRequestBody_MarkPackageAsShippedWithoutLineItems_IsValid()
    {
        const string json = """{"tracking_number":"123456789012","shipping_provider_id":"7117858858072016686"}""";

        Assert.True(oas.ValidateRequestBody("POST", Samples.MarkPackageAsShippedPath, json).IsValid);
    }

    [Theory]
    [InlineData("tracking_number")]
    [InlineData("shipping_provider_id")]
    public void ValidateRequestBody_MarkPackageAsShippedMissingKnownRequiredField_ReportsIt(string missing)
    {
        var json = JsonEdit.Change(Samples.MarkPackageAsShippedRequest, root => root.Remove(missing));

        var result = oas.ValidateRequestBody("POST", Samples.MarkPackageAsShippedPath, json);

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("(root):", error, StringComparison.Ordinal);
        Assert.Contains(missing, error, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateRequestBody_ProviderIdAsNumber_ReportsTypeError()
    {
        var json = JsonEdit.Change(Samples.MarkPackageAsShippedRequest, root => root["shipping_provider_id"] = 7117858858072016686L);

        Assert.StartsWith("/shipping_provider_id:", Assert.Single(oas.ValidateRequestBody("POST", Samples.MarkPackageAsShippedPath, json).Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateRequestBody_LineItemIdAsNumber_ReportsTypeErrorAtElement()
    {
        const string json = """{"tracking_number":"1","shipping_provider_id":"2","order_line_item_ids":["577086512123755123",577086512123755124]}""";

        Assert.StartsWith("/order_line_item_ids/1:", Assert.Single(oas.ValidateRequestBody("POST", Samples.MarkPackageAsShippedPath, json).Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateRequestBody_ShipDateField_ReportsUnknownProperty()
    {
        // No ship-date field exists in these endpoints (docs/tiktok-shop-api.md#mark-package-as-shipped).
        var json = JsonEdit.Change(Samples.MarkPackageAsShippedRequest, root => root["ship_time"] = 1700000000);

        Assert.StartsWith("/ship_time:", Assert.Single(oas.ValidateRequestBody("POST", Samples.MarkPackageAsShippedPath, json).Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateRequestBody_ShipPackageStyleNesting_ReportsUnknownPropertyAndMissingFields()
    {
        // The Ship Package body shape sent to Mark Package As Shipped by mistake.
        const string json = """{"self_shipment":{"tracking_number":"123456789012","shipping_provider_id":"7117858858072016686"}}""";

        var errors = oas.ValidateRequestBody("POST", Samples.MarkPackageAsShippedPath, json).Errors;

        Assert.Contains(errors, error => error.StartsWith("/self_shipment:", StringComparison.Ordinal));
        Assert.Contains(errors, error => error.StartsWith("(root):", StringComparison.Ordinal) && error.Contains("tracking_number", StringComparison.Ordinal));
    }

    [Fact]
    public void ValidateResponseBody_MarkPackageAsShippedSample_IsValid()
    {
        var result = oas.ValidateResponseShape("POST", Samples.MarkPackageAsShippedPath, Samples.MarkPackageAsShippedResponse);

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
    }

    [Fact]
    public void ValidateResponseBody_WarningAsString_ReportsTypeError()
    {
        var json = JsonEdit.Change(Samples.MarkPackageAsShippedResponse, root => root["data"]!["warning"] = "match more than one provider");

        Assert.StartsWith("/data/warning:", Assert.Single(oas.ValidateResponseShape("POST", Samples.MarkPackageAsShippedPath, json).Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateRequestBody_ShippingInfoUpdate_AcceptsTrackingAndProvider()
    {
        const string json = """{"tracking_number":"123456789013","shipping_provider_id":"7117858858072016686"}""";

        Assert.True(oas.ValidateRequestBody("POST", ShippingInfoUpdatePath, json).IsValid);
    }

    [Fact]
    public void ValidateRequestBody_ShippingInfoUpdateWithLineItems_ReportsUnknownProperty()
    {
        Assert.StartsWith(
            "/order_line_item_ids:",
            Assert.Single(oas.ValidateRequestBody("POST", ShippingInfoUpdatePath, Samples.MarkPackageAsShippedRequest).Errors),
            StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateResponseBody_ShippingInfoUpdateEmptyData_IsValid()
    {
        Assert.True(oas.ValidateResponseShape("POST", ShippingInfoUpdatePath, Samples.EmptyDataResponse).IsValid);
    }

    [Fact]
    public void ValidateResponseBody_PackageDetailSample_IsValid()
    {
        var result = oas.ValidateResponseShape("GET", PackageDetailPath, Samples.PackageDetailResponse);

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
    }

    [Fact]
    public void ValidateResponseBody_PackageStatusOfLineItemVocabulary_ReportsEnumViolation()
    {
        // TO_FULFILL exists only at line-item level; packages use PROCESSING/FULFILLING/COMPLETED/CANCELLED.
        var json = JsonEdit.Change(Samples.PackageDetailResponse, root => root["data"]!["package_status"] = "TO_FULFILL");

        var error = Assert.Single(oas.ValidateResponseShape("GET", PackageDetailPath, json).Errors);

        Assert.StartsWith("/data/package_status:", error, StringComparison.Ordinal);
        Assert.Contains("(enum)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateResponseBody_WeightValueAsNumber_ReportsTypeError()
    {
        var json = JsonEdit.Change(Samples.PackageDetailResponse, root => root["data"]!["weight"]!["value"] = 500);

        Assert.StartsWith("/data/weight/value:", Assert.Single(oas.ValidateResponseShape("GET", PackageDetailPath, json).Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateResponseBody_ShippingProvidersSample_IsValid()
    {
        var result = oas.ValidateResponseShape("GET", ShippingProvidersPath, Samples.ShippingProvidersResponse);

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
    }

    [Fact]
    public void ValidateResponseBody_ProviderWithInventedField_ReportsUnknownProperty()
    {
        var json = JsonEdit.Change(Samples.ShippingProvidersResponse, root => root["data"]!["shipping_providers"]![0]!["name_ja"] = "ヤマト運輸");

        Assert.StartsWith(
            "/data/shipping_providers/0/name_ja:",
            Assert.Single(oas.ValidateResponseShape("GET", ShippingProvidersPath, json).Errors),
            StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateRequestBody_BodySentToGetEndpoint_ReportsIt()
    {
        Assert.False(oas.ValidateRequestBody("GET", PackageDetailPath, "{}").IsValid);
        Assert.True(oas.ValidateRequestBody("GET", PackageDetailPath, string.Empty).IsValid);
    }
}
