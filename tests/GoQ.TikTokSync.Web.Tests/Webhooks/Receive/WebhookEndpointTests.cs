using System.Net;
using System.Text;
using System.Text.Json;
using GoQ.TikTokSync.TikTokShop;
using GoQ.TikTokSync.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Web.Tests.Webhooks.Receive;

/// <summary>The endpoint's gate: size, signature over the raw bytes, JSON, dedupe. No TikTok calls happen here.</summary>
public sealed class WebhookEndpointTests : IAsyncLifetime
{
    private readonly TikTokSyncWebFactory _factory = new() { Settings = WebhookTestKit.QuickSettings };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task SignedDelivery_UnknownShop_Answers200WithEmptyBodyAndIsRecorded()
    {
        var body = WebhookTestKit.OrderStatusChange("576653688135258178", "AWAITING_SHIPMENT", shopId: "7000000000000000001");

        var response = await _factory.CreateClient().PostAsync(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        var stored = await _factory.QueryAsync(db => db.WebhookNotifications.AsNoTracking().SingleAsync());
        Assert.Null(stored.MallConnectionId);
        Assert.NotNull(stored.ProcessedAtUtc);
        Assert.Equal(0, await _factory.QueryAsync(db => db.Orders.CountAsync()));
    }

    [Fact]
    public async Task MissingSignature_Answers401AndRecordsNothing()
    {
        var response = await _factory.CreateClient().PostAsync(WebhookTestKit.OrderStatusChange("576653688135258178", "CANCEL"), signature: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await _factory.QueryAsync(db => db.WebhookNotifications.CountAsync()));
    }

    [Theory]
    [InlineData("not-hex")]
    [InlineData("5dec0f11ec2f6783b8deee53c9ffbf8d024302f7c7e7fa55a35d17629031ac05")]
    [InlineData("Bearer 5dec0f11ec2f6783b8deee53c9ffbf8d024302f7c7e7fa55a35d17629031ac05")]
    public async Task WrongSignature_Answers401AndRecordsNothing(string signature)
    {
        var response = await _factory.CreateClient().PostAsync(WebhookTestKit.OrderStatusChange("576653688135258178", "CANCEL"), signature);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await _factory.QueryAsync(db => db.WebhookNotifications.CountAsync()));
    }

    [Fact]
    public async Task BodyOverTheCap_Answers413EvenWhenSigned()
    {
        var padding = new string(' ', 64 * 1024);
        var body = Encoding.UTF8.GetBytes("{\"type\":1,\"shop_id\":\"7495540735365777507\",\"data\":{}" + padding + "}");

        var response = await _factory.CreateClient().PostAsync(body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, await _factory.QueryAsync(db => db.WebhookNotifications.CountAsync()));
    }

    [Fact]
    public async Task BodyExactlyAtTheCap_IsRead()
    {
        var prefix = "{\"type\":99,\"tts_notification_id\":\"1\",\"shop_id\":\"7000000000000000002\",\"data\":{}";
        var body = Encoding.UTF8.GetBytes(prefix + new string(' ', (64 * 1024) - prefix.Length - 1) + "}");
        Assert.Equal(64 * 1024, body.Length);

        var response = await _factory.CreateClient().PostAsync(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("{\"type\":1,\"shop_id\":")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"tts_notification_id\":\"1\",\"shop_id\":\"7495540735365777507\"}")]
    [InlineData("")]
    public async Task SignedButMalformed_Answers400(string json)
    {
        var response = await _factory.CreateClient().PostAsync(Encoding.UTF8.GetBytes(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await _factory.QueryAsync(db => db.WebhookNotifications.CountAsync()));
    }

    [Fact]
    public async Task SameDeliveryTwice_SecondAnswers200AndAddsNothing()
    {
        var body = WebhookTestKit.OrderStatusChange("576653688135258178", "AWAITING_SHIPMENT", shopId: "7000000000000000003");
        var client = _factory.CreateClient();

        var responses = await Task.WhenAll(client.PostAsync(body), client.PostAsync(body), client.PostAsync(body));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, await _factory.QueryAsync(db => db.WebhookNotifications.CountAsync()));
    }

    [Fact]
    public async Task DeliveryWithoutNotificationId_IsDedupedOnTheBodyHash()
    {
        var body = Encoding.UTF8.GetBytes($"{{\"type\":1,\"shop_id\":\"7000000000000000004\",\"timestamp\":{DateTimeOffset.UtcNow.ToUnixTimeSeconds()},\"data\":{{\"order_id\":\"576653688135258178\"}}}}");
        var client = _factory.CreateClient();

        await client.PostAsync(body);
        var again = await client.PostAsync(body);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var stored = await _factory.QueryAsync(db => db.WebhookNotifications.AsNoTracking().SingleAsync());
        Assert.StartsWith("sha256:", stored.DedupeKey, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_Anonymous_IsRefusedLikeAnyOtherEndpoint()
    {
        // Only POST is anonymous; routing's method-mismatch answer falls under the login-everywhere fallback policy.
        var response = await _factory.CreateBrowserlessClient().GetAsync("/webhooks/tiktok-shop");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}

/// <summary>The official vector of docs/tiktok-shop-api.md#webhook-delivery through the real endpoint, with the app configured with that vector's key and secret.</summary>
public sealed class WebhookOfficialVectorTests : IAsyncLifetime
{
    private const string Body = """{"type":1,"tts_notification_id":"7380066284010030890","shop_id":"7495540735365777507","timestamp":1718305585,"data":{"is_on_hold_order":true,"order_id":"576653688135258178","order_status":"UNPAID","update_time":1718305585}}""";
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private const string Signature = "5dec0f11ec2f6783b8deee53c9ffbf8d024302f7c7e7fa55a35d17629031ac05";

    private readonly TikTokSyncWebFactory _factory = new()
    {
        // The vector is stamped 2024-06-13; the app's clock stands there so that the timestamp window lets it in.
        Time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1718305585)),
        TestServices = services => services.PostConfigure<TikTokShopOptions>(o =>
        {
            o.AppKey = "abcdef";
            o.AppSecret = "123";
        }),
    };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task OfficialVector_Verifies()
    {
        var response = await _factory.CreateClient().PostAsync(Encoding.UTF8.GetBytes(Body), Signature);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("7380066284010030890", (await _factory.QueryAsync(db => db.WebhookNotifications.AsNoTracking().SingleAsync())).DedupeKey);
    }

    [Fact]
    public async Task OfficialVector_OneByteChanged_Answers401()
    {
        var body = Encoding.UTF8.GetBytes(Body);
        body[Body.IndexOf("UNPAID", StringComparison.Ordinal)] = (byte)'V';

        var response = await _factory.CreateClient().PostAsync(body, Signature);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task OfficialVector_Reserialized_Answers401()
    {
        var reserialized = JsonSerializer.SerializeToUtf8Bytes(JsonDocument.Parse(Body).RootElement, Indented);
        Assert.NotEqual(Encoding.UTF8.GetBytes(Body), reserialized);

        var response = await _factory.CreateClient().PostAsync(reserialized, Signature);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await _factory.QueryAsync(db => db.WebhookNotifications.CountAsync()));
    }
}
