namespace GoQ.TikTokSync.Testing.OpenApiContract.Tests;

public class OperationLookupTests
{
    private readonly TikTokShopOpenApi oas = TikTokShopOpenApi.Load();

    [Theory]
    [InlineData("POST", "/order/202309/orders/search", "/order/202309/orders/search")]
    [InlineData("GET", "/order/202309/orders", "/order/202309/orders")]
    [InlineData("GET", "/authorization/202309/shops", "/authorization/202309/shops")]
    [InlineData("POST", "/fulfillment/202309/orders/{order_id}/packages", "/fulfillment/202309/orders/576461413038785752/packages")]
    [InlineData("POST", "/fulfillment/202309/orders/{order_id}/shipping_info/update", "/fulfillment/202309/orders/576461413038785752/shipping_info/update")]
    [InlineData("GET", "/fulfillment/202309/packages/{package_id}", "/fulfillment/202309/packages/1152321127278713123")]
    [InlineData("GET", "/logistics/202309/delivery_options/{delivery_option_id}/shipping_providers", "/logistics/202309/delivery_options/7091146663229654785/shipping_providers")]
    [InlineData("PUT", "/event/202309/webhooks", "/event/202309/webhooks")]
    [InlineData("GET", "/event/202309/webhooks", "/event/202309/webhooks")]
    [InlineData("DELETE", "/event/202309/webhooks", "/event/202309/webhooks")]
    public void HasOperation_ListedOperation_FoundByTemplateAndByConcretePath(string method, string template, string concrete)
    {
        Assert.True(oas.HasOperation(method, template));
        Assert.True(oas.HasOperation(method, concrete));
        Assert.True(oas.HasOperation(method.ToLowerInvariant(), concrete + "?shop_cipher=GCP_x&timestamp=1623812664"));
        Assert.Equal(template, oas.ResolvePathTemplate(method, concrete));
    }

    [Fact]
    public void ResolvePathTemplate_AbsoluteUrl_UsesOnlyThePath()
    {
        Assert.Equal(
            "/fulfillment/202309/packages/{package_id}",
            oas.ResolvePathTemplate("GET", "https://open-api.tiktokglobalshop.com/fulfillment/202309/packages/1152321127278713123?app_key=29a39d"));
    }

    [Fact]
    public void HasOperation_LiteralSegmentBeatsPlaceholder_WrongMethodIsUnknown()
    {
        // /packages/search is its own (POST-only) path; it must not fall back to GET /packages/{package_id}.
        Assert.True(oas.HasOperation("POST", "/fulfillment/202309/packages/search"));
        Assert.False(oas.HasOperation("GET", "/fulfillment/202309/packages/search"));
    }

    [Theory]
    [InlineData("GET", "/order/202309/orders/search")]
    [InlineData("POST", "/order/202310/orders/search")]
    [InlineData("POST", "/order/202309/orders/search/extra")]
    [InlineData("GET", "/api/v2/token/get")]
    public void HasOperation_UnknownOperation_IsFalse(string method, string path)
    {
        Assert.False(oas.HasOperation(method, path));
    }

    [Fact]
    public void ValidateRequestBody_UnknownOperation_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => oas.ValidateRequestBody("POST", "/order/202309/orders/find", "{}"));
        Assert.Contains("/order/202309/orders/find", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateResponseBody_UnknownOperation_Throws()
    {
        Assert.Throws<ArgumentException>(() => oas.ValidateResponseShape("PATCH", "/event/202309/webhooks", "{}"));
    }

    [Fact]
    public void ValidateQuery_UnknownOperation_Throws()
    {
        Assert.Throws<ArgumentException>(() => oas.ValidateQuery("GET", "/api/v2/token/get", Samples.SignedQuery()));
    }

    [Fact]
    public void RequiredHeaders_MarkPackageAsShipped_AreAccessTokenAndContentType()
    {
        Assert.Equal(new[] { "x-tts-access-token", "content-type" }, oas.RequiredHeaders("POST", Samples.MarkPackageAsShippedPath));
    }

    [Fact]
    public void RequiredHeaders_GetEndpoint_StillRequiresContentType()
    {
        Assert.Contains("content-type", oas.RequiredHeaders("GET", "/authorization/202309/shops"));
    }
}
