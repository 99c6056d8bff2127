using System.Text.Json.Nodes;

namespace GoQ.TikTokSync.Testing.OpenApiContract.Tests;

public class OrderSearchContractTests
{
    private readonly TikTokShopOpenApi oas = TikTokShopOpenApi.Load();

    [Fact]
    public void ValidateResponseBody_HandWrittenOrderSearchSample_IsValid()
    {
        var result = oas.ValidateResponseShape("POST", Samples.OrderSearchPath, Samples.OrderSearchResponse);

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
    }

    [Fact]
    public void ValidateResponseBody_InventedOrderField_ReportsUnknownPropertyWithPointer()
    {
        var json = JsonEdit.Change(Samples.OrderSearchResponse, root => JsonEdit.FirstOrder(root)["quantity"] = 2);

        var result = oas.ValidateResponseShape("POST", Samples.OrderSearchPath, json);

        Assert.False(result.IsValid);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("/data/orders/0/quantity:", error, StringComparison.Ordinal);
        Assert.Contains("unknown property", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateResponseBody_InventedEnvelopeField_ReportsUnknownProperty()
    {
        var json = JsonEdit.Change(Samples.OrderSearchResponse, root => root["success"] = true);

        var result = oas.ValidateResponseShape("POST", Samples.OrderSearchPath, json);

        Assert.Contains(result.Errors, error => error.StartsWith("/success:", StringComparison.Ordinal));
    }

    [Fact]
    public void ValidateResponseBody_OrderIdAsNumber_ReportsTypeErrorAtId()
    {
        var json = JsonEdit.Change(Samples.OrderSearchResponse, root => JsonEdit.FirstOrder(root)["id"] = 576461413038785752L);

        var result = oas.ValidateResponseShape("POST", Samples.OrderSearchPath, json);

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("/data/orders/0/id:", error, StringComparison.Ordinal);
        Assert.Contains("string", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateResponseBody_MoneyAsNumber_ReportsTypeErrorAtAmount()
    {
        var json = JsonEdit.Change(Samples.OrderSearchResponse, root => JsonEdit.FirstOrder(root)["payment"]!["total_amount"] = 5500);

        var result = oas.ValidateResponseShape("POST", Samples.OrderSearchPath, json);

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("/data/orders/0/payment/total_amount:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateResponseBody_LineItemPriceAsNumber_ReportsTypeErrorAtLineItem()
    {
        var json = JsonEdit.Change(Samples.OrderSearchResponse, root => JsonEdit.FirstOrder(root)["line_items"]![0]!["sale_price"] = 2500.0);

        var result = oas.ValidateResponseShape("POST", Samples.OrderSearchPath, json);

        Assert.StartsWith("/data/orders/0/line_items/0/sale_price:", Assert.Single(result.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateResponseBody_TimestampAsString_ReportsTypeError()
    {
        var json = JsonEdit.Change(Samples.OrderSearchResponse, root => JsonEdit.FirstOrder(root)["update_time"] = "1619621355");

        var result = oas.ValidateResponseShape("POST", Samples.OrderSearchPath, json);

        Assert.StartsWith("/data/orders/0/update_time:", Assert.Single(result.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateResponseBody_BooleanAsString_ReportsTypeError()
    {
        var json = JsonEdit.Change(Samples.OrderSearchResponse, root => JsonEdit.FirstOrder(root)["is_on_hold_order"] = "false");

        var result = oas.ValidateResponseShape("POST", Samples.OrderSearchPath, json);

        Assert.StartsWith("/data/orders/0/is_on_hold_order:", Assert.Single(result.Errors), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SHIPPED")]
    [InlineData("CANCEL")]
    [InlineData("awaiting_shipment")]
    public void ValidateResponseBody_StatusOutsideDescribedValues_ReportsEnumViolation(string status)
    {
        var json = JsonEdit.Change(Samples.OrderSearchResponse, root => JsonEdit.FirstOrder(root)["status"] = status);

        var result = oas.ValidateResponseShape("POST", Samples.OrderSearchPath, json);

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("/data/orders/0/status:", error, StringComparison.Ordinal);
        Assert.Contains("(enum)", error, StringComparison.Ordinal);
        Assert.Contains("AWAITING_SHIPMENT", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateResponseBody_LineItemOnHoldDisplayStatus_ReportsEnumViolation()
    {
        // Line items have no ON_HOLD / PARTIALLY_SHIPPING display status (docs/tiktok-shop-api.md#order-statuses).
        var json = JsonEdit.Change(Samples.OrderSearchResponse, root => JsonEdit.FirstOrder(root)["line_items"]![0]!["display_status"] = "ON_HOLD");

        var result = oas.ValidateResponseShape("POST", Samples.OrderSearchPath, json);

        Assert.StartsWith("/data/orders/0/line_items/0/display_status:", Assert.Single(result.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateResponseBody_SeveralViolations_ReportsEach()
    {
        var json = JsonEdit.Change(Samples.OrderSearchResponse, root =>
        {
            var order = JsonEdit.FirstOrder(root);
            order["id"] = 1;
            order["status"] = "SHIPPED";
            order["invented"] = "x";
        });

        var result = oas.ValidateResponseShape("POST", Samples.OrderSearchPath, json);

        Assert.Equal(3, result.Errors.Count);
    }

    [Fact]
    public void ValidateResponseBody_ErrorEnvelopeWithNullData_IsValid()
    {
        const string json = """{"code":105002,"message":"Expired credentials.","request_id":"2024","data":null}""";

        Assert.True(oas.ValidateResponseShape("POST", Samples.OrderSearchPath, json).IsValid);
    }

    [Fact]
    public void ValidateResponseBody_SuccessEnvelopeWithNullData_ReportsTypeError()
    {
        const string json = """{"code":0,"message":"Success","request_id":"2024","data":null}""";

        var result = oas.ValidateResponseShape("POST", Samples.OrderSearchPath, json);

        Assert.StartsWith("/data:", Assert.Single(result.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateResponseBody_EnvelopeWithoutRequestId_ReportsMissingRequiredField()
    {
        var json = JsonEdit.Change(Samples.OrderSearchResponse, root => root.Remove("request_id"));

        var result = oas.ValidateResponseShape("POST", Samples.OrderSearchPath, json);

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("(root):", error, StringComparison.Ordinal);
        Assert.Contains("request_id", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateResponseBody_CodeAsString_ReportsTypeError()
    {
        var json = JsonEdit.Change(Samples.OrderSearchResponse, root => root["code"] = "0");

        Assert.StartsWith("/code:", Assert.Single(oas.ValidateResponseShape("POST", Samples.OrderSearchPath, json).Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateResponseBody_NotJson_ReportsParseError()
    {
        var result = oas.ValidateResponseShape("POST", Samples.OrderSearchPath, "{\"code\":0,");

        Assert.False(result.IsValid);
        Assert.StartsWith("(root): not valid JSON", Assert.Single(result.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateRequestBody_DocumentedSearchFilter_IsValid()
    {
        const string json = """{"order_status":"AWAITING_SHIPMENT","update_time_ge":1700000000,"update_time_lt":1700086400,"shipping_type":"SELLER"}""";

        var result = oas.ValidateRequestBody("POST", Samples.OrderSearchPath, json);

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
    }

    [Fact]
    public void ValidateRequestBody_StatusList_ReportsTypeError()
    {
        // Order search takes one status only (docs/tiktok-shop-api.md#order-search).
        const string json = """{"order_status":["AWAITING_SHIPMENT","IN_TRANSIT"]}""";

        Assert.StartsWith("/order_status:", Assert.Single(oas.ValidateRequestBody("POST", Samples.OrderSearchPath, json).Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateRequestBody_InventedFilter_ReportsUnknownProperty()
    {
        const string json = """{"update_time_from":1700000000}""";

        var error = Assert.Single(oas.ValidateRequestBody("POST", Samples.OrderSearchPath, json).Errors);

        Assert.StartsWith("/update_time_from:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateRequestBody_MillisecondBoundAsString_ReportsTypeError()
    {
        const string json = """{"update_time_ge":"1700000000000"}""";

        Assert.StartsWith("/update_time_ge:", Assert.Single(oas.ValidateRequestBody("POST", Samples.OrderSearchPath, json).Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateResponseBody_OrderDetail_AcceptsTheSameOrderObject()
    {
        var json = JsonEdit.Change(Samples.OrderSearchResponse, root =>
        {
            var data = root["data"]!.AsObject();
            data.Remove("next_page_token");
            data.Remove("total_count");
        });

        var result = oas.ValidateResponseShape("GET", "/order/202309/orders", json);

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
    }

    [Fact]
    public void ValidateResponseBody_OrderDetailWithSearchPaging_ReportsUnknownProperties()
    {
        var result = oas.ValidateResponseShape("GET", "/order/202309/orders", Samples.OrderSearchResponse);

        Assert.Contains(result.Errors, error => error.StartsWith("/data/next_page_token:", StringComparison.Ordinal));
        Assert.Contains(result.Errors, error => error.StartsWith("/data/total_count:", StringComparison.Ordinal));
    }

    [Fact]
    public void ThrowIfInvalid_Violations_ThrowsWithEveryPointerInMessage()
    {
        var json = JsonEdit.Change(Samples.OrderSearchResponse, root =>
        {
            JsonEdit.FirstOrder(root)["id"] = 1;
            root["data"]!["total_count"] = JsonValue.Create("1");
        });
        var result = oas.ValidateResponseShape("POST", Samples.OrderSearchPath, json);

        var exception = Assert.Throws<ContractViolationException>(result.ThrowIfInvalid);

        Assert.Contains("/data/orders/0/id", exception.Message, StringComparison.Ordinal);
        Assert.Contains("/data/total_count", exception.Message, StringComparison.Ordinal);
        Assert.Equal(2, exception.Errors.Count);
    }

    [Fact]
    public void ThrowIfInvalid_ValidResult_DoesNotThrow()
    {
        oas.ValidateResponseShape("POST", Samples.OrderSearchPath, Samples.OrderSearchResponse).ThrowIfInvalid();
    }
}
