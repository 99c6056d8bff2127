namespace GoQ.TikTokSync.Testing.OpenApiContract.Tests;

public class AuthorizationAndWebhookApiContractTests
{
    private const string ShopsPath = "/authorization/202309/shops";
    private const string WebhooksPath = "/event/202309/webhooks";

    private readonly TikTokShopOpenApi oas = TikTokShopOpenApi.Load();

    [Fact]
    public void ValidateResponseBody_AuthorizedShopsSample_IsValid()
    {
        var result = oas.ValidateResponseShape("GET", ShopsPath, Samples.AuthorizedShopsResponse);

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
    }

    [Fact]
    public void ValidateResponseBody_SellerTypeOutsideDescribedValues_ReportsEnumViolation()
    {
        var json = JsonEdit.Change(Samples.AuthorizedShopsResponse, root => root["data"]!["shops"]![0]!["seller_type"] = "DOMESTIC");

        var error = Assert.Single(oas.ValidateResponseShape("GET", ShopsPath, json).Errors);

        Assert.StartsWith("/data/shops/0/seller_type:", error, StringComparison.Ordinal);
        Assert.Contains("CROSS_BORDER", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateResponseBody_ShopIdAsNumber_ReportsTypeError()
    {
        var json = JsonEdit.Change(Samples.AuthorizedShopsResponse, root => root["data"]!["shops"]![0]!["id"] = 7000714532876273420L);

        Assert.StartsWith("/data/shops/0/id:", Assert.Single(oas.ValidateResponseShape("GET", ShopsPath, json).Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateResponseBody_ShopCipherUnderOtherName_ReportsUnknownProperty()
    {
        var json = JsonEdit.Change(Samples.AuthorizedShopsResponse, root =>
        {
            var shop = root["data"]!["shops"]![0]!.AsObject();
            shop.Remove("cipher");
            shop["shop_cipher"] = "GCP_XF90igAAAABh00qsWgtvOiGFNqyubMt3";
        });

        Assert.StartsWith("/data/shops/0/shop_cipher:", Assert.Single(oas.ValidateResponseShape("GET", ShopsPath, json).Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateRequestBody_UpdateWebhook_DocumentedBodyIsValid()
    {
        const string json = """{"address":"https://partner.tiktokshop.com","event_type":"PACKAGE_UPDATE"}""";

        Assert.True(oas.ValidateRequestBody("PUT", WebhooksPath, json).IsValid);
    }

    [Fact]
    public void ValidateRequestBody_UpdateWebhookWithNumericType_ReportsTypeError()
    {
        const string json = """{"address":"https://example.invalid/hook","event_type":1}""";

        Assert.StartsWith("/event_type:", Assert.Single(oas.ValidateRequestBody("PUT", WebhooksPath, json).Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateRequestBody_UpdateWebhookWithUnknownTopic_ReportsEnumViolation()
    {
        const string json = """{"address":"https://example.invalid/hook","event_type":"ORDER_STATUS_UPDATE"}""";

        Assert.Contains("(enum)", Assert.Single(oas.ValidateRequestBody("PUT", WebhooksPath, json).Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateRequestBody_DeleteWebhookWithAddress_ReportsUnknownProperty()
    {
        const string json = """{"address":"https://example.invalid/hook","event_type":"ORDER_STATUS_CHANGE"}""";

        Assert.StartsWith("/address:", Assert.Single(oas.ValidateRequestBody("DELETE", WebhooksPath, json).Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateResponseBody_GetWebhooksSample_IsValid()
    {
        const string json = """
            {"code":0,"message":"Success","request_id":"2024","data":{"total_count":1,"webhooks":[
              {"address":"https://example.invalid/hook","event_type":"ORDER_STATUS_CHANGE","create_time":1635338186,"update_time":1635338186}]}}
            """;

        var result = oas.ValidateResponseShape("GET", WebhooksPath, json);

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
    }

    [Fact]
    public void ValidateResponseBody_WebhookCreateTimeInMillisAsString_ReportsTypeError()
    {
        const string json = """
            {"code":0,"message":"Success","request_id":"2024","data":{"total_count":1,"webhooks":[
              {"address":"https://example.invalid/hook","event_type":"ORDER_STATUS_CHANGE","create_time":"1635338186000"}]}}
            """;

        Assert.StartsWith("/data/webhooks/0/create_time:", Assert.Single(oas.ValidateResponseShape("GET", WebhooksPath, json).Errors), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public void ValidateResponseBody_WebhookChangeEmptyData_IsValid(string method)
    {
        Assert.True(oas.ValidateResponseShape(method, WebhooksPath, Samples.EmptyDataResponse).IsValid);
    }
}
