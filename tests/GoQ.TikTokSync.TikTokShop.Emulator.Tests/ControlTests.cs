using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GoQ.TikTokSync.TikTokShop.Emulator.Fulfillment;
using GoQ.TikTokSync.TikTokShop.Emulator.Tests.Support;

namespace GoQ.TikTokSync.TikTokShop.Emulator.Tests;

/// <summary>The control surface, in process and over HTTP under /_emulator, including fault injection.</summary>
public sealed class ControlTests
{
    [Fact]
    public async Task HttpControl_CreatesListsCancelsAndReadsBackOrders()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var created = await emulator.Http.PostAsJsonAsync($"/_emulator/shops/{TestEmulator.ShopA1}/orders", new { status = "AWAITING_SHIPMENT", distinctSkus = 2 });
        var orderId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetString()!;
        var listed = await emulator.Http.GetFromJsonAsync<JsonElement>($"/_emulator/orders?shopId={TestEmulator.ShopA1}&status=AWAITING_SHIPMENT");
        using var cancelled = await emulator.Http.PostAsJsonAsync($"/_emulator/orders/{orderId}/cancel", new { initiator = "System" });
        var shipping = await emulator.Http.GetFromJsonAsync<JsonElement>($"/_emulator/orders/{orderId}/shipping");

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal(orderId, Assert.Single(listed.EnumerateArray()).GetProperty("orderId").GetString());
        Assert.Equal("CANCELLED", (await cancelled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal(0, shipping.GetProperty("shipCallCount").GetInt32());
        Assert.Equal(OrderStatuses.Cancelled, emulator.Control.GetOrder(orderId)!.Status);
    }

    [Fact]
    public async Task HttpControl_SeedsOrdersAndIssuesTokens()
    {
        await using var emulator = await TestEmulator.StartAsync(authorize: false);

        using var seeded = await emulator.Http.PostAsJsonAsync($"/_emulator/shops/{TestEmulator.ShopA2}/orders/seed", new { count = 25 });
        using var tokens = await emulator.Http.PostAsJsonAsync("/_emulator/tokens", new { sellerLoginId = TestEmulator.SellerA, period = "OneYear" });
        var grant = await tokens.Content.ReadFromJsonAsync<JsonElement>();
        emulator.AccessToken = grant.GetProperty("accessToken").GetString();
        var search = await emulator.SearchAsync(cipher: TestEmulator.CipherA2);

        Assert.Equal(25, (await seeded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("count").GetInt32());
        Assert.Equal(TestEmulator.Start.AddYears(1).ToUnixTimeSeconds(), grant.GetProperty("refreshTokenExpireIn").GetInt64());
        Assert.Equal(25, search.AssertSuccess().Data.GetProperty("total_count").GetInt32());
    }

    [Fact]
    public async Task HttpControl_UnknownOrder_Is404()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.Http.PostAsync("/_emulator/orders/1/advance", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task HttpControl_AdvanceOfAnOrderThatMustBeShipped_Is409()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = emulator.Control.CreateOrder(TestEmulator.ShopA1);

        using var response = await emulator.Http.PostAsync($"/_emulator/orders/{id}/advance", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task RateLimitBurst_RefusesTheNextNCallsThenRecovers()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var set = await emulator.Http.PutAsJsonAsync("/_emulator/faults", new { rateLimitBurst = 3 });

        var answers = new List<ApiResponse>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await emulator.SearchAsync(pageSize: 1));
        }

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.All(answers.Take(3), a => Assert.Equal(HttpStatusCode.TooManyRequests, a.Status));
        answers[3].AssertSuccess();
    }

    [Fact]
    public async Task InternalErrorRate_One_AnswersEveryCallWith36009003()
    {
        await using var emulator = await TestEmulator.StartAsync();
        emulator.Control.SetFaults(new FaultSettings { InternalErrorRate = 1 });

        var api = await emulator.SearchAsync();
        var token = await emulator.ExchangeCodeAsync(emulator.Control.CreateAuthorizationCode(TestEmulator.SellerA));

        Assert.Equal(HttpStatusCode.OK, api.Status);
        api.AssertError(36009003);
        token.AssertError(36009003);
    }

    [Fact]
    public async Task ServerErrorRate_One_AnswersWithHttp503()
    {
        await using var emulator = await TestEmulator.StartAsync();
        emulator.Control.SetFaults(new FaultSettings { ServerErrorRate = 1 });

        var response = await emulator.SearchAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.Status);
    }

    [Fact]
    public async Task ErrorRate_Half_FailsSomeCallsButNotAll()
    {
        await using var emulator = await TestEmulator.StartAsync();
        emulator.Control.SetFaults(new FaultSettings { InternalErrorRate = 0.5 });

        var codes = new List<int>();
        for (var i = 0; i < 40; i++)
        {
            codes.Add((await emulator.SearchAsync(pageSize: 1)).Code);
        }

        Assert.Contains(0, codes);
        Assert.Contains(36009003, codes);
    }

    [Fact]
    public async Task AddedLatency_HoldsTheAnswerUntilTheClockMoves()
    {
        await using var emulator = await TestEmulator.StartAsync();
        emulator.Control.SetFaults(new FaultSettings { AddedLatency = TimeSpan.FromSeconds(2) });

        var call = emulator.SearchAsync();
        await emulator.Time.WaitForTimerAsync(TimeSpan.FromSeconds(2));
        var finishedEarly = call.IsCompleted;
        emulator.Time.Advance(TimeSpan.FromSeconds(2));
        var response = await call;

        Assert.False(finishedEarly);
        response.AssertSuccess();
    }

    [Fact]
    public async Task Reset_ForgetsEverythingAndReseeds()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o.SeedOrdersPerShop = 5);
        var id = emulator.Control.CreateOrder(TestEmulator.ShopA1);
        (await emulator.ShipAsync(id, JapaneseCarriers.MakeTrackingNumber(JapaneseCarriers.Yamato, 9), JapaneseCarriers.Yamato.Id)).AssertSuccess();
        emulator.Control.SetFaults(new FaultSettings { RateLimitBurst = 10 });

        using var reset = await emulator.Http.PostAsync("/_emulator/reset", null);

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(5, emulator.Control.ListOrders(TestEmulator.ShopA1).Count);
        Assert.Empty(emulator.Control.ListShipping());
        Assert.Equal(0, emulator.Control.GetFaults().RateLimitBurst);
        (await emulator.CallAsync("GET", "/authorization/202309/shops", shopCipher: null)).AssertError(36009004);
    }

    [Fact]
    public async Task ControlPaths_AreNeverTakenForApiPaths()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var root = await emulator.Http.GetAsync("/_emulator/");
        var body = await root.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, root.StatusCode);
        Assert.False(body.TryGetProperty("code", out _));
        Assert.Equal(3, body.GetProperty("shops").GetArrayLength());
    }
}
