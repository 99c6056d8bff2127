using System.Text.Json.Nodes;

namespace GoQ.TikTokSync.Testing.OpenApiContract.Tests;

/// <summary>
/// Completeness: a response must carry every field the OAS example carries, except the documented optional ones
/// (<see cref="DocumentedOptionalFields"/>). The emulator's own answers are mutated in the emulator's contract tests;
/// these tests pin the rule itself.
/// </summary>
public class ResponseCompletenessTests
{
    private const string ShopsPath = "/authorization/202309/shops";
    private readonly TikTokShopOpenApi oas = TikTokShopOpenApi.Load();

    [Fact]
    public void ValidateResponseBody_ShopWithoutCipher_ReportsTheMissingField()
    {
        var json = JsonEdit.Change(Samples.AuthorizedShopsResponse, root => root["data"]!["shops"]![0]!.AsObject().Remove("cipher"));

        var error = Assert.Single(oas.ValidateResponseBody("GET", ShopsPath, json).Errors);

        Assert.StartsWith("/data/shops/0:", error, StringComparison.Ordinal);
        Assert.Contains("\"cipher\"", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateResponseShape_ShopWithoutCipher_IsAccepted()
    {
        // Partial samples feed the client, which must cope with absent fields; only the server side is held to completeness.
        var json = JsonEdit.Change(Samples.AuthorizedShopsResponse, root => root["data"]!["shops"]![0]!.AsObject().Remove("cipher"));

        Assert.True(oas.ValidateResponseShape("GET", ShopsPath, json).IsValid);
    }

    [Fact]
    public void ValidateResponseBody_SuccessWithoutData_ReportsIt()
    {
        const string json = """{"code":0,"message":"Success","request_id":"r"}""";

        Assert.Contains(oas.ValidateResponseBody("GET", ShopsPath, json).Errors, error => error.Contains("\"data\"", StringComparison.Ordinal));
    }

    [Fact]
    public void ValidateResponseBody_ErrorWithoutData_IsAccepted()
    {
        const string json = """{"code":36009004,"message":"Invalid credentials.","request_id":"r"}""";

        var result = oas.ValidateResponseBody("GET", ShopsPath, json);

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
    }

    [Fact]
    public void StrictSchema_OrderObject_RequiresExampleFieldsButNotDocumentedOptionalOnes()
    {
        var schema = oas.StrictSchemaJson("POST", Samples.OrderSearchPath, ContractDirection.Response, requireExampleFields: true)!;
        var order = schema["properties"]!["data"]!["properties"]!["orders"]!["items"]!;
        var required = order["required"]!.AsArray().Select(node => node!.GetValue<string>()).ToList();

        Assert.Contains("order_type", required);
        Assert.Contains("packages", required);
        Assert.Contains("line_items", required);
        Assert.DoesNotContain("cpf", required);
        Assert.DoesNotContain("tracking_number", required);
    }

    [Fact]
    public void StrictSchema_ShapeOnly_RequiresNoExampleFields()
    {
        var schema = oas.StrictSchemaJson("POST", Samples.OrderSearchPath, ContractDirection.Response)!;

        Assert.Null(schema["properties"]!["data"]!["properties"]!["orders"]!["items"]!["required"]);
    }

    [Fact]
    public void DocumentedOptionalFields_KeysAreUniqueAndEachSaysWhy()
    {
        var keys = DocumentedOptionalFields.All.Select(field => field.Key).ToList();

        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.All(DocumentedOptionalFields.All, field => Assert.False(string.IsNullOrWhiteSpace(field.Why), field.Key));
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("Application/JSON")]
    public void ValidateJsonContentType_Json_IsValid(string contentType)
    {
        Assert.True(TikTokShopOpenApi.ValidateJsonContentType(contentType, "response").IsValid);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("text/plain; charset=utf-8")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("text/json")]
    public void ValidateJsonContentType_OtherOrMissing_ReportsIt(string? contentType)
    {
        var error = Assert.Single(TikTokShopOpenApi.ValidateJsonContentType(contentType, "response").Errors);

        Assert.StartsWith("(content-type):", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateResponseBody_ShippedLineWithoutPackageId_ReportsIt()
    {
        var shipped = JsonEdit.Change(Samples.OrderSearchResponse, root =>
        {
            var line = JsonEdit.FirstOrder(root)["line_items"]![0]!.AsObject();
            line["package_status"] = "PROCESSING";
            line.Remove("package_id");
        });

        Assert.Contains(
            oas.ValidateResponseBody("POST", Samples.OrderSearchPath, shipped).Errors,
            error => error.StartsWith("/data/orders/0/line_items/0:", StringComparison.Ordinal) && error.Contains("\"package_id\"", StringComparison.Ordinal));
    }

    [Fact]
    public void ValidateResponseBody_UnshippedLineWithoutPackageId_DoesNotAskForIt()
    {
        var unshipped = JsonEdit.Change(Samples.OrderSearchResponse, root => JsonEdit.FirstOrder(root)["line_items"]![0]!.AsObject().Remove("package_id"));

        Assert.DoesNotContain(
            oas.ValidateResponseBody("POST", Samples.OrderSearchPath, unshipped).Errors,
            error => error.Contains("\"package_id\"", StringComparison.Ordinal));
    }

    [Fact]
    public void ValidateResponseBody_AwaitingShipmentOrderWithoutAddress_ReportsIt()
    {
        var json = JsonEdit.Change(Samples.OrderSearchResponse, root => JsonEdit.FirstOrder(root).Remove("recipient_address"));

        Assert.Contains(oas.ValidateResponseBody("POST", Samples.OrderSearchPath, json).Errors, error => error.Contains("\"recipient_address\"", StringComparison.Ordinal));
    }

    [Fact]
    public void ValidateResponseBody_OnHoldOrderWithoutAddress_DoesNotAskForIt()
    {
        var json = JsonEdit.Change(Samples.OrderSearchResponse, root =>
        {
            var order = JsonEdit.FirstOrder(root);
            order["status"] = "ON_HOLD";
            order.Remove("recipient_address");
        });

        Assert.DoesNotContain(oas.ValidateResponseBody("POST", Samples.OrderSearchPath, json).Errors, error => error.Contains("\"recipient_address\"", StringComparison.Ordinal));
    }
}
