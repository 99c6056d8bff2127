using System.Text.Json.Nodes;

namespace GoQ.TikTokSync.Testing.OpenApiContract.Tests;

public class RuleTableTests
{
    private readonly TikTokShopOpenApi oas = TikTokShopOpenApi.Load();

    [Fact]
    public void QuirkAndOmissionTables_EveryEntryMatchesALocationInTheOas()
    {
        Assert.Empty(oas.UnappliedRules());
    }

    [Fact]
    public void QuirkAndOmissionTables_NamesAreUnique()
    {
        var names = KnownOasQuirks.All.Select(quirk => quirk.Name).Concat(KnownOasOmissions.RequiredFields.Select(entry => entry.Name)).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void StrictSchema_OrderSearchResponse_ClosesObjectsAndReadsStatusValues()
    {
        var schema = oas.StrictSchemaJson("POST", Samples.OrderSearchPath, ContractDirection.Response)!;
        var order = schema["properties"]!["data"]!["properties"]!["orders"]!["items"]!;

        Assert.False(order["additionalProperties"]!.GetValue<bool>());
        Assert.Equal(
            ["UNPAID", "ON_HOLD", "AWAITING_SHIPMENT", "PARTIALLY_SHIPPING", "AWAITING_COLLECTION", "IN_TRANSIT", "DELIVERED", "COMPLETED", "CANCELLED"],
            order["properties"]!["status"]!["enum"]!.AsArray().Select(value => value!.GetValue<string>()));
        Assert.Null(order["properties"]!["delivery_option_name"]!["enum"]);
        Assert.Contains(string.Empty, order["properties"]!["order_type"]!["enum"]!.AsArray().Select(value => value!.GetValue<string>()));
    }

    [Fact]
    public void StrictSchema_ObjectWithoutDeclaredProperties_StaysOpen()
    {
        // Empty `data` objects declare no properties; the OAS gives no closed shape to enforce there.
        var schema = oas.StrictSchemaJson("POST", "/fulfillment/202309/orders/1/shipping_info/update", ContractDirection.Response)!;

        Assert.Null(schema["properties"]!["data"]!["additionalProperties"]);
    }

    [Theory]
    [InlineData("Sort order.\nPossible values:\n- ASC: Ascending order\n- DESC: Descending order", new[] { "ASC", "DESC" })]
    [InlineData("Default: `create_time`\nPossible values:\n- `create_time`\n- `update_time`\n\nSee `sort_order`.", new[] { "create_time", "update_time" })]
    [InlineData("Status.\nPossible values:\n- ENABLED\n- DISABLED\n  -Holiday mode: explanation", new[] { "ENABLED", "DISABLED" })]
    [InlineData("The method.\n- `TIKTOK`: platform shipping\n- `SELLER`: seller shipping", new[] { "TIKTOK", "SELLER" })]
    [InlineData("**All regions**\n- `NORMAL`: in stock\n\n**US**\n- `PRE_ORDER`: later", new[] { "NORMAL", "PRE_ORDER" })]
    public void DescribedEnumValues_ListedValues_AreRead(string description, string[] expected)
    {
        Assert.Equal(expected, DescribedEnumValues.Parse(description));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Buyer user ID.")]
    [InlineData("Filter by `create_time_ge` and `create_time_lt`.")]
    [InlineData("Fields:\n- `create_time_ge`: lower bound")]
    public void DescribedEnumValues_NoValueList_ReadsNothing(string? description)
    {
        Assert.Empty(DescribedEnumValues.Parse(description));
    }

    [Fact]
    public void StrictSchema_Int64Field_RejectsValueBeyondInt64()
    {
        var json = JsonEdit.Change(Samples.OrderSearchResponse, root => JsonEdit.FirstOrder(root)["update_time"] = JsonNode.Parse("9223372036854775808"));

        Assert.StartsWith("/data/orders/0/update_time:", Assert.Single(oas.ValidateResponseShape("POST", Samples.OrderSearchPath, json).Errors), StringComparison.Ordinal);
    }
}
