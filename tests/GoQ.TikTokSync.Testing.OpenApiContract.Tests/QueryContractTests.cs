namespace GoQ.TikTokSync.Testing.OpenApiContract.Tests;

public class QueryContractTests
{
    private readonly TikTokShopOpenApi oas = TikTokShopOpenApi.Load();

    [Fact]
    public void ValidateQuery_SignedOrderSearchQuery_IsValid()
    {
        var query = Samples.SignedQuery(
            ("page_size", "50"),
            ("sort_field", "update_time"),
            ("sort_order", "ASC"),
            ("page_token", "6AsPQsUMvH3RkchNUPPh22NROHkE0D8pmq/N5M1kHYcZmtRyv9aVrNv65W7Q6tFA+7D1ud64MPNz5OaT"),
            ("shop_cipher", "GCP_XF90igAAAABh00qsWgtvOiGFNqyubMt3"));

        var result = oas.ValidateQuery("POST", Samples.OrderSearchPath, query);

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
    }

    [Fact]
    public void ValidateQuery_OrderSearchWithoutPageSize_ReportsMissingRequiredParameter()
    {
        var error = Assert.Single(oas.ValidateQuery("POST", Samples.OrderSearchPath, Samples.SignedQuery()).Errors);

        Assert.StartsWith("?page_size:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateQuery_PageSizeNotInteger_ReportsTypeError()
    {
        var error = Assert.Single(oas.ValidateQuery("POST", Samples.OrderSearchPath, Samples.SignedQuery(("page_size", "fifty"))).Errors);

        Assert.StartsWith("?page_size:", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sort_order", "asc")]
    [InlineData("sort_field", "updated_at")]
    public void ValidateQuery_ValueOutsideDescribedValues_ReportsEnumViolation(string name, string value)
    {
        var error = Assert.Single(oas.ValidateQuery("POST", Samples.OrderSearchPath, Samples.SignedQuery(("page_size", "50"), (name, value))).Errors);

        Assert.StartsWith("?" + name + ":", error, StringComparison.Ordinal);
        Assert.Contains("(enum)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateQuery_UnknownParameter_ReportsIt()
    {
        var error = Assert.Single(oas.ValidateQuery("POST", Samples.OrderSearchPath, Samples.SignedQuery(("page_size", "50"), ("version", "202309"))).Errors);

        Assert.StartsWith("?version:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateQuery_AccessTokenInQuery_ReportsUnknownParameter()
    {
        // The token travels in the x-tts-access-token header only (docs/tiktok-shop-api.md#common-parameters).
        var query = Samples.SignedQuery(("access_token", "TTP_x"));

        Assert.StartsWith("?access_token:", Assert.Single(oas.ValidateQuery("GET", "/authorization/202309/shops", query).Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateQuery_ShopCipherOnAuthorizedShops_ReportsUnknownParameter()
    {
        // Get Authorized Shops takes no shop_cipher (36009004 "Unexpected identifier", docs/tiktok-shop-api.md#common-parameters).
        var query = Samples.SignedQuery(("shop_cipher", "GCP_XF90igAAAABh00qsWgtvOiGFNqyubMt3"));

        Assert.StartsWith("?shop_cipher:", Assert.Single(oas.ValidateQuery("GET", "/authorization/202309/shops", query).Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateQuery_MissingSign_ReportsCommonParameter()
    {
        var query = Samples.SignedQuery();
        query.Remove("sign");

        Assert.StartsWith("?sign:", Assert.Single(oas.ValidateQuery("GET", "/authorization/202309/shops", query).Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateQuery_MillisecondTimestamp_ReportsIt()
    {
        var query = Samples.SignedQuery(("timestamp", "1623812664000"));

        Assert.StartsWith("?timestamp:", Assert.Single(oas.ValidateQuery("GET", "/authorization/202309/shops", query).Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateQuery_UpperCaseSign_ReportsIt()
    {
        var query = Samples.SignedQuery(("sign", "DBC0AD6D5E12FF3C66148CB85970E55AAAB23CC8DD6A653263A1A6132427FEBC"));

        Assert.StartsWith("?sign:", Assert.Single(oas.ValidateQuery("GET", "/authorization/202309/shops", query).Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateQuery_EmptyPageToken_ReportsEmptyValue()
    {
        var query = Samples.SignedQuery(("page_size", "50"), ("page_token", string.Empty));

        Assert.StartsWith("?page_token:", Assert.Single(oas.ValidateQuery("POST", Samples.OrderSearchPath, query).Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateQuery_OrderDetailCommaJoinedIds_IsValid()
    {
        var query = Samples.SignedQuery(("ids", "576461413038785752,576461413038785753"), ("shop_cipher", "GCP_XF90igAAAABh00qsWgtvOiGFNqyubMt3"));

        Assert.True(oas.ValidateQuery("GET", "/order/202309/orders", query).IsValid);
    }

    [Fact]
    public void ValidateQuery_OrderDetailIdsWithEmptyElement_ReportsIt()
    {
        var query = Samples.SignedQuery(("ids", "576461413038785752,"));

        Assert.StartsWith("?ids:", Assert.Single(oas.ValidateQuery("GET", "/order/202309/orders", query).Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateQuery_OrderDetailWithoutIds_ReportsMissingRequiredParameter()
    {
        Assert.StartsWith("?ids:", Assert.Single(oas.ValidateQuery("GET", "/order/202309/orders", Samples.SignedQuery()).Errors), StringComparison.Ordinal);
    }
}
