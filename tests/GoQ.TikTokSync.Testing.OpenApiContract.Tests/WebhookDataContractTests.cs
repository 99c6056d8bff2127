using System.Text.Json.Nodes;

namespace GoQ.TikTokSync.Testing.OpenApiContract.Tests;

/// <summary>The data of each webhook type the product handles (1, 3, 4, 6, 7, 11), per the hand-written schema.</summary>
public class WebhookDataContractTests
{
    private readonly TikTokShopOpenApi oas = TikTokShopOpenApi.Load();

    public static TheoryData<int, string> DocumentedData => new()
    {
        { 1, """{"order_id":"576653688135258178","order_status":"AWAITING_SHIPMENT","is_on_hold_order":false,"update_time":1718305585}""" },
        { 3, """{"order_id":"576653688135258178","update_time":1718305585}""" },
        { 4, """{"sc_type":"SPLIT","role_type":"ROLE_SELLER","package_list":[{"package_id":"1152321127278713123","order_id_list":["576653688135258178"]}],"update_time":1718305585}""" },
        { 6, """{"message":"The seller has deauthorized the app."}""" },
        { 7, """{"message":"The authorization expires soon.","expiration_time":"1721000000"}""" },
        { 11, """{"order_id":"576653688135258178","cancellations_role":"BUYER","cancel_status":"CANCELLATION_REQUEST_PENDING","cancel_id":"4035318504086733","create_time":1718305585}""" },
    };

    [Theory]
    [MemberData(nameof(DocumentedData))]
    public void ValidateWebhookEnvelope_DocumentedData_IsValid(int type, string data)
    {
        var result = oas.ValidateWebhookEnvelope(Envelope(type, data));

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
    }

    [Theory]
    [MemberData(nameof(DocumentedData))]
    public void ValidateWebhookEnvelope_DataWithAnInventedField_ReportsIt(int type, string data)
    {
        var json = JsonEdit.Change(Envelope(type, data), root => root["data"]!["invented"] = "x");

        Assert.Contains(oas.ValidateWebhookEnvelope(json).Errors, error => error.Contains("invented", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(DocumentedData))]
    public void ValidateWebhookEnvelope_DataMissingADocumentedField_ReportsIt(int type, string data)
    {
        var first = JsonNode.Parse(data)!.AsObject().First().Key;
        var json = JsonEdit.Change(Envelope(type, data), root => root["data"]!.AsObject().Remove(first));

        Assert.Contains(oas.ValidateWebhookEnvelope(json).Errors, error => error.Contains($"\"{first}\"", StringComparison.Ordinal));
    }

    [Fact]
    public void ValidateWebhookEnvelope_ExpirationTimeAsNumber_ReportsTypeError()
    {
        var json = Envelope(7, """{"message":"m","expiration_time":1721000000}""");

        Assert.Contains(oas.ValidateWebhookEnvelope(json).Errors, error => error.StartsWith("/data/expiration_time:", StringComparison.Ordinal));
    }

    [Fact]
    public void ValidateWebhookEnvelope_CancellationRoleOutsideDocumentedValues_ReportsIt()
    {
        var json = Envelope(11, """{"order_id":"1","cancellations_role":"OPERATOR","cancel_status":"CANCELLATION_REQUEST_PENDING","cancel_id":"2","create_time":1}""");

        Assert.Contains(oas.ValidateWebhookEnvelope(json).Errors, error => error.StartsWith("/data/cancellations_role:", StringComparison.Ordinal));
    }

    private static string Envelope(int type, string data) =>
        $$"""{"type":{{type}},"tts_notification_id":"7380066284010030890","shop_id":"7495540735365777507","timestamp":1718305585,"data":{{data}}}""";
}
