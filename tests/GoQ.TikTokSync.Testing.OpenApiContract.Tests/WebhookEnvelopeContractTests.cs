namespace GoQ.TikTokSync.Testing.OpenApiContract.Tests;

public class WebhookEnvelopeContractTests
{
    private readonly TikTokShopOpenApi oas = TikTokShopOpenApi.Load();

    [Fact]
    public void ValidateWebhookEnvelope_OfficialVectorBody_IsValid()
    {
        var result = oas.ValidateWebhookEnvelope(Samples.WebhookOrderStatusChange);

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
    }

    [Fact]
    public void ValidateWebhookEnvelope_OtherTopicData_IsNotConstrained()
    {
        const string json = """{"type":6,"tts_notification_id":"1","shop_id":"2","timestamp":1718305585,"data":{"message":"deauthorized"}}""";

        Assert.True(oas.ValidateWebhookEnvelope(json).IsValid);
    }

    [Fact]
    public void ValidateWebhookEnvelope_ShopIdAsNumber_ReportsTypeError()
    {
        var json = JsonEdit.Change(Samples.WebhookOrderStatusChange, root => root["shop_id"] = 7495540735365777507L);

        Assert.StartsWith("/shop_id:", Assert.Single(oas.ValidateWebhookEnvelope(json).Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateWebhookEnvelope_TypeAsTopicName_ReportsTypeError()
    {
        var json = JsonEdit.Change(Samples.WebhookOrderStatusChange, root => root["type"] = "ORDER_STATUS_CHANGE");

        Assert.Contains(oas.ValidateWebhookEnvelope(json).Errors, error => error.StartsWith("/type:", StringComparison.Ordinal));
    }

    [Fact]
    public void ValidateWebhookEnvelope_MillisecondTimestamp_ReportsIt()
    {
        var json = JsonEdit.Change(Samples.WebhookOrderStatusChange, root => root["timestamp"] = 1718305585000L);

        Assert.StartsWith("/timestamp:", Assert.Single(oas.ValidateWebhookEnvelope(json).Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateWebhookEnvelope_MissingNotificationId_ReportsRequiredField()
    {
        var json = JsonEdit.Change(Samples.WebhookOrderStatusChange, root => root.Remove("tts_notification_id"));

        Assert.Contains("tts_notification_id", Assert.Single(oas.ValidateWebhookEnvelope(json).Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateWebhookEnvelope_UnknownEnvelopeField_ReportsIt()
    {
        var json = JsonEdit.Change(Samples.WebhookOrderStatusChange, root => root["event_type"] = "ORDER_STATUS_CHANGE");

        Assert.StartsWith("/event_type:", Assert.Single(oas.ValidateWebhookEnvelope(json).Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateWebhookEnvelope_OrderStatusChangeWithNumericOrderId_ReportsTypeError()
    {
        var json = JsonEdit.Change(Samples.WebhookOrderStatusChange, root => root["data"]!["order_id"] = 576653688135258178L);

        Assert.StartsWith("/data/order_id:", Assert.Single(oas.ValidateWebhookEnvelope(json).Errors), StringComparison.Ordinal);
    }
}
