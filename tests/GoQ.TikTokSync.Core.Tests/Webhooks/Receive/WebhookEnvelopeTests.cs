using System.Text;
using GoQ.TikTokSync.Core.Webhooks;
using GoQ.TikTokSync.Core.Webhooks.Receive;

namespace GoQ.TikTokSync.Core.Tests.Webhooks.Receive;

public sealed class WebhookEnvelopeTests
{
    private static WebhookEnvelope? Parse(string json) => WebhookEnvelope.TryParse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void TryParse_OfficialExample_ReadsTypeIdsAndTimes()
    {
        var envelope = Parse("""{"type":1,"tts_notification_id":"7380066284010030890","shop_id":"7495540735365777507","timestamp":1718305585,"data":{"is_on_hold_order":true,"order_id":"576653688135258178","order_status":"UNPAID","update_time":1718305585}}""");

        Assert.NotNull(envelope);
        Assert.Equal(WebhookTypes.OrderStatusChange, envelope.Type);
        Assert.Equal("7380066284010030890", envelope.NotificationId);
        Assert.Equal("7495540735365777507", envelope.ShopId);
        Assert.Equal("576653688135258178", envelope.OrderId);
        Assert.Equal(new DateTime(2024, 6, 13, 19, 6, 25, DateTimeKind.Utc), envelope.SentAtUtc);
    }

    [Fact]
    public void TryParse_IdsSentAsNumbers_AreReadAsTheirDigits()
    {
        var envelope = Parse("""{"type":11,"tts_notification_id":7380066284010030891,"shop_id":7495540735365777507,"data":{"order_id":576653688135258178}}""");

        Assert.NotNull(envelope);
        Assert.Equal("7380066284010030891", envelope.NotificationId);
        Assert.Equal("7495540735365777507", envelope.ShopId);
        Assert.Equal("576653688135258178", envelope.OrderId);
    }

    [Theory]
    [InlineData("\"1767225600\"")]
    [InlineData("1767225600")]
    public void TryParse_ExpirationTime_StringOrNumberEpoch(string value)
    {
        var envelope = Parse($$$"""{"type":7,"tts_notification_id":"1","shop_id":"7495540735365777507","data":{"message":"m","expiration_time":{{{value}}}}}""");

        Assert.Equal(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), envelope!.ExpirationUtc);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("{\"type\":1}")]
    [InlineData("{\"shop_id\":\"1\"}")]
    [InlineData("{\"type\":\"ORDER_STATUS_CHANGE\",\"shop_id\":\"1\"}")]
    [InlineData("{\"type\":1,\"shop_id\":\"\"}")]
    public void TryParse_NotAnEnvelope_IsNull(string json) => Assert.Null(Parse(json));

    [Fact]
    public void DedupeKey_WithoutNotificationId_IsTheBodyHash_DifferentBodiesDiffer()
    {
        var first = Encoding.UTF8.GetBytes("""{"type":1,"shop_id":"1","data":{"order_id":"A"}}""");
        var second = Encoding.UTF8.GetBytes("""{"type":1,"shop_id":"1","data":{"order_id":"B"}}""");

        var firstKey = WebhookEnvelope.DedupeKeyFor(WebhookEnvelope.TryParse(first)!, first);

        Assert.StartsWith("sha256:", firstKey, StringComparison.Ordinal);
        Assert.Equal(firstKey, WebhookEnvelope.DedupeKeyFor(WebhookEnvelope.TryParse(first)!, first));
        Assert.NotEqual(firstKey, WebhookEnvelope.DedupeKeyFor(WebhookEnvelope.TryParse(second)!, second));
        Assert.True(firstKey.Length <= 100);
    }

    [Fact]
    public void DedupeKey_WithNotificationId_IsThatId()
    {
        var body = Encoding.UTF8.GetBytes("""{"type":1,"tts_notification_id":"42","shop_id":"1"}""");

        Assert.Equal("42", WebhookEnvelope.DedupeKeyFor(WebhookEnvelope.TryParse(body)!, body));
    }
}
