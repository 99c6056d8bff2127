using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GoQ.TikTokSync.TikTokShop.Emulator.Fulfillment;
using GoQ.TikTokSync.TikTokShop.Emulator.Protocol;
using GoQ.TikTokSync.TikTokShop.Emulator.Tests.Support;

namespace GoQ.TikTokSync.TikTokShop.Emulator.Tests;

/// <summary>
/// The faults a multi-node run sets over <c>PUT /_emulator/faults</c>: 5xx, 429 bursts, latency spikes and lost answers to
/// Mark Package As Shipped, and what each of them does (or does not) apply.
/// </summary>
public sealed class ChaosTests
{
    private static readonly JapaneseCarrier Yamato = JapaneseCarriers.Yamato;

    [Fact]
    public async Task FaultSettings_RoundTripOverHttpWithTheChaosFields_AndResetClearsThem()
    {
        await using var emulator = await TestEmulator.StartAsync();
        const string Json = """
            {"serverErrorRate":0.2,"internalErrorRate":0.01,"addedLatency":"00:00:00.050","rateLimitBurst":3,
             "latencySpikeRate":0.05,"latencySpike":"00:00:02","shipResponseLostRate":0.1}
            """;

        using var put = await emulator.Http.PutAsync("/_emulator/faults", new StringContent(Json, Encoding.UTF8, "application/json"));
        var echoed = await put.Content.ReadFromJsonAsync<JsonElement>();
        var read = await emulator.Http.GetFromJsonAsync<JsonElement>("/_emulator/faults");
        var root = await emulator.Http.GetFromJsonAsync<JsonElement>("/_emulator/");
        var inProcess = emulator.Control.GetFaults();
        using var reset = await emulator.Http.PostAsync("/_emulator/reset", null);
        var afterReset = await emulator.Http.GetFromJsonAsync<JsonElement>("/_emulator/faults");
        emulator.Control.SetFaults(inProcess);
        using var zeros = await emulator.Http.PutAsJsonAsync("/_emulator/faults", new
        {
            serverErrorRate = 0, internalErrorRate = 0, addedLatency = "00:00:00", rateLimitBurst = 0,
            latencySpikeRate = 0, latencySpike = "00:00:00", shipResponseLostRate = 0,
        });

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        foreach (var faults in new[] { echoed, read, root.GetProperty("faults") })
        {
            Assert.Equal(0.2, faults.GetProperty("serverErrorRate").GetDouble());
            Assert.Equal(0.01, faults.GetProperty("internalErrorRate").GetDouble());
            Assert.Equal("00:00:00.0500000", faults.GetProperty("addedLatency").GetString());
            Assert.Equal(3, faults.GetProperty("rateLimitBurst").GetInt32());
            Assert.Equal(0.05, faults.GetProperty("latencySpikeRate").GetDouble());
            Assert.Equal("00:00:02", faults.GetProperty("latencySpike").GetString());
            Assert.Equal(0.1, faults.GetProperty("shipResponseLostRate").GetDouble());
        }

        Assert.Equal(
            new FaultSettings
            {
                ServerErrorRate = 0.2, InternalErrorRate = 0.01, AddedLatency = TimeSpan.FromMilliseconds(50), RateLimitBurst = 3,
                LatencySpikeRate = 0.05, LatencySpike = TimeSpan.FromSeconds(2), ShipResponseLostRate = 0.1,
            },
            inProcess);
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(0, afterReset.GetProperty("latencySpikeRate").GetDouble());
        Assert.Equal("00:00:00", afterReset.GetProperty("latencySpike").GetString());
        Assert.Equal(0, afterReset.GetProperty("shipResponseLostRate").GetDouble());
        Assert.Equal(0, afterReset.GetProperty("serverErrorRate").GetDouble());
        Assert.Equal(HttpStatusCode.OK, zeros.StatusCode);
        Assert.Equal(FaultSettings.None, emulator.Control.GetFaults());
    }

    [Theory]
    [InlineData("""{"shipResponseLostRate":1.5}""")]
    [InlineData("""{"latencySpikeRate":-0.1}""")]
    [InlineData("""{"latencySpike":"-00:00:01"}""")]
    public async Task FaultSettings_ThatNoRunCouldMean_AreRefusedWith400AndChangeNothing(string json)
    {
        await using var emulator = await TestEmulator.StartAsync();
        emulator.Control.SetFaults(new FaultSettings { ServerErrorRate = 0.2 });

        using var put = await emulator.Http.PutAsync("/_emulator/faults", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Equal(new FaultSettings { ServerErrorRate = 0.2 }, emulator.Control.GetFaults());
    }

    [Fact]
    public async Task LatencySpike_HoldsTheAnswerAfterTheShipmentWasApplied()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = CreateOrder(emulator);
        emulator.Control.SetFaults(new FaultSettings { LatencySpikeRate = 1, LatencySpike = TimeSpan.FromSeconds(2) });

        var call = emulator.ShipAsync(id, Tracking(Yamato, 1), Yamato.Id);
        await WaitUntilAsync(() => emulator.Control.GetOrder(id)!.Status == OrderStatuses.AwaitingCollection);
        await emulator.Time.WaitForTimerAsync(TimeSpan.FromSeconds(2));
        var answeredBeforeTheSpike = call.IsCompleted;
        var response = await AdvanceUntilAnsweredAsync(emulator, call, TimeSpan.FromSeconds(2));

        Assert.False(answeredBeforeTheSpike);
        response.AssertSuccess();
    }

    [Fact]
    public void LatencySpikes_HitAboutTheirShareOfCalls_TheSameOnesForTheSameSeed()
    {
        static List<bool> Spiked(int seed)
        {
            var injector = new FaultInjector(new EmulatorOptions { RandomSeed = seed })
            {
                Settings = new FaultSettings { LatencySpikeRate = 0.25, LatencySpike = TimeSpan.FromSeconds(2), AddedLatency = TimeSpan.FromMilliseconds(10) },
            };
            return Enumerable.Range(0, 400).Select(_ =>
            {
                var decision = injector.Decide();
                Assert.Null(decision.Error);
                Assert.Equal(TimeSpan.FromMilliseconds(10), decision.Latency);
                return decision.Spike == TimeSpan.FromSeconds(2);
            }).ToList();
        }

        var first = Spiked(7);

        Assert.Equal(first, Spiked(7));
        Assert.NotEqual(first, Spiked(8));
        Assert.InRange(first.Count(s => s), 60, 140);
    }

    [Fact]
    public async Task ShipResponseLost_AppliesTheShipment_ButTheClientGetsANetworkErrorInsteadOfAnAnswer()
    {
        await using var emulator = await TestEmulator.StartOnLoopbackAsync();
        var id = CreateOrder(emulator);
        var tracking = Tracking(Yamato, 2);

        // A kept-alive connection in the client's pool first: the lost call must not be silently sent again on a new one.
        (await emulator.SearchAsync(pageSize: 1)).AssertSuccess();
        emulator.Control.SetFaults(new FaultSettings { ShipResponseLostRate = 1 });
        await Assert.ThrowsAsync<HttpRequestException>(() => emulator.ShipAsync(id, tracking, Yamato.Id));
        var order = await emulator.GetOrderAsync(id);
        var record = emulator.Control.GetShipCalls();

        Assert.Equal(OrderStatuses.AwaitingCollection, order.GetProperty("status").GetString());
        Assert.Equal(tracking, order.GetProperty("tracking_number").GetString());
        var calls = Assert.Single(record.Orders);
        Assert.Equal((1, 1, 1), (calls.Calls, calls.Applied, calls.ResponseLost));
        var package = Assert.Single(record.Packages);
        Assert.True(package.ResponseLost);
        Assert.Equal(tracking, package.TrackingNumber);
        Assert.Equal(order.GetProperty("packages")[0].GetProperty("id").GetString(), package.PackageId);
    }

    [Fact]
    public async Task ShipResponseLost_ThenARetry_IsRefusedAsAlreadyShippedAndRecorded()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = CreateOrder(emulator);
        var tracking = Tracking(Yamato, 3);
        emulator.Control.SetFaults(new FaultSettings { ShipResponseLostRate = 1 });

        // In process the TestServer client reports the cut connection as "The application aborted the request."
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => emulator.ShipAsync(id, tracking, Yamato.Id));
        var retry = await emulator.ShipAsync(id, tracking, Yamato.Id);
        var otherTracking = await emulator.ShipAsync(id, Tracking(Yamato, 4), Yamato.Id);
        var record = emulator.Control.GetShipCalls();

        retry.AssertError(21011006);
        otherTracking.AssertError(21011006);
        var calls = Assert.Single(record.Orders);
        Assert.Equal(new OrderShipCalls(id, TestEmulator.ShopA1, Calls: 3, Applied: 1, RejectedAlreadyShipped: 2, Rejected: 0, Faulted: 0, ResponseLost: 1), calls);
        var package = Assert.Single(record.Packages);
        Assert.Equal((3, 1, 2, 1), (package.Calls, package.Applied, package.RejectedAlreadyShipped, package.RejectedWithOtherTrackingNumber));
        Assert.Equal(tracking, package.TrackingNumber);
        Assert.Equal((1, 0), (record.PackagesApplied, record.PackagesAppliedMoreThanOnce));
    }

    [Fact]
    public async Task ShipResponseLostRate_LeavesRefusedShipCallsAnswered()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = emulator.Control.CreateOrder(TestEmulator.ShopA1, new NewOrderRequest { Status = OrderStatuses.OnHold });
        emulator.Control.SetFaults(new FaultSettings { ShipResponseLostRate = 1 });

        (await emulator.ShipAsync(id, Tracking(Yamato, 5), Yamato.Id)).AssertError(21011044);
        (await emulator.SearchAsync(pageSize: 1)).AssertSuccess();

        Assert.Equal(0, emulator.Control.GetShipCalls().ResponseLost);
    }

    [Fact]
    public async Task ServerErrorRate_One_Refuses_EveryReadAndWrite_With503_AndAppliesNothing()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = CreateOrder(emulator);
        emulator.Control.SetFaults(new FaultSettings { ServerErrorRate = 1 });

        var answers = new Dictionary<string, ApiResponse>
        {
            ["shops"] = await emulator.CallAsync("GET", "/authorization/202309/shops", shopCipher: null),
            ["search"] = await emulator.SearchAsync(),
            ["detail"] = await emulator.CallAsync("GET", "/order/202309/orders", new Dictionary<string, string> { ["ids"] = id }),
            ["providers"] = await emulator.CallAsync("GET", $"/logistics/202309/delivery_options/{JapaneseCarriers.StandardDelivery.Id}/shipping_providers"),
            ["package"] = await emulator.CallAsync("GET", "/fulfillment/202309/packages/1153132100000000001"),
            ["ship"] = await emulator.ShipAsync(id, Tracking(Yamato, 6), Yamato.Id),
            ["update"] = await emulator.UpdateShippingInfoAsync(id, Tracking(Yamato, 7), Yamato.Id),
            ["webhooks"] = await emulator.CallAsync("GET", "/event/202309/webhooks"),
            ["subscribe"] = await emulator.CallAsync("PUT", "/event/202309/webhooks", body: """{"address":"https://oms.example.jp/hook","event_type":"ORDER_STATUS_CHANGE"}"""),
            ["unsubscribe"] = await emulator.CallAsync("DELETE", "/event/202309/webhooks", body: """{"event_type":"ORDER_STATUS_CHANGE"}"""),
        };
        var token = await emulator.ExchangeCodeAsync(emulator.Control.CreateAuthorizationCode(TestEmulator.SellerA));
        emulator.Control.SetFaults(FaultSettings.None);
        var webhooksAfter = await emulator.CallAsync("GET", "/event/202309/webhooks");

        Assert.All(answers, a => Assert.True(a.Value.Status == HttpStatusCode.ServiceUnavailable, $"{a.Key}: {a.Value.Status}"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, token.Status);
        Assert.Equal(OrderStatuses.AwaitingShipment, emulator.Control.GetOrder(id)!.Status);
        Assert.Equal(0, webhooksAfter.AssertSuccess().Data.GetProperty("total_count").GetInt32());
        var calls = Assert.Single(emulator.Control.GetShipCalls().Orders);
        Assert.Equal((1, 1, 0), (calls.Calls, calls.Faulted, calls.Applied));
        Assert.Empty(emulator.Control.GetShipCalls().Packages);
    }

    [Fact]
    public async Task ServerErrorRate_TwentyPercent_FailsReadsAndWrites_AndNeverAppliesAFailedShipment()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var ids = Enumerable.Range(0, 60).Select(_ => CreateOrder(emulator)).ToList();
        emulator.Control.SetFaults(new FaultSettings { ServerErrorRate = 0.2 });

        var ships = new List<(string Id, ApiResponse Answer)>();
        var reads = new List<ApiResponse>();
        for (var i = 0; i < ids.Count; i++)
        {
            // The rate limit allows 50 calls per second and endpoint.
            emulator.Time.Advance(TimeSpan.FromSeconds(1));
            ships.Add((ids[i], await emulator.ShipAsync(ids[i], Tracking(Yamato, 100 + i), Yamato.Id)));
            reads.Add(await emulator.SearchAsync(pageSize: 1));
        }

        var failed = ships.Where(s => s.Answer.Status == HttpStatusCode.ServiceUnavailable).ToList();
        var shipped = ships.Where(s => s.Answer.Status == HttpStatusCode.OK).ToList();
        var record = emulator.Control.GetShipCalls();

        Assert.Equal(ids.Count, failed.Count + shipped.Count);
        Assert.InRange(failed.Count, 4, 24);
        Assert.InRange(reads.Count(r => r.Status == HttpStatusCode.ServiceUnavailable), 4, 24);
        Assert.All(failed, f => Assert.Equal(OrderStatuses.AwaitingShipment, emulator.Control.GetOrder(f.Id)!.Status));
        Assert.All(shipped, s =>
        {
            s.Answer.AssertSuccess();
            Assert.Equal(OrderStatuses.AwaitingCollection, emulator.Control.GetOrder(s.Id)!.Status);
        });
        Assert.Equal((ids.Count, failed.Count, shipped.Count), (record.Calls, record.Faulted, record.Applied));
        Assert.Equal((shipped.Count, 0), (record.PackagesApplied, record.PackagesAppliedMoreThanOnce));
    }

    [Fact]
    public async Task RateLimitBurstAndInternalErrors_OnShipping_AreRecordedAsFaultedAndNotApplied()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = CreateOrder(emulator);
        var tracking = Tracking(Yamato, 8);

        emulator.Control.SetFaults(new FaultSettings { RateLimitBurst = 1 });
        var limited = await emulator.ShipAsync(id, tracking, Yamato.Id);
        var afterBurst = emulator.Control.GetOrder(id)!.Status;
        emulator.Control.SetFaults(new FaultSettings { InternalErrorRate = 1 });
        var internalError = await emulator.ShipAsync(id, tracking, Yamato.Id);
        var afterInternalError = emulator.Control.GetOrder(id)!.Status;
        emulator.Control.SetFaults(FaultSettings.None);
        var shipped = await emulator.ShipAsync(id, tracking, Yamato.Id);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
        internalError.AssertError(36009003);
        Assert.Equal(OrderStatuses.AwaitingShipment, afterBurst);
        Assert.Equal(OrderStatuses.AwaitingShipment, afterInternalError);
        shipped.AssertSuccess();
        Assert.Equal(
            new OrderShipCalls(id, TestEmulator.ShopA1, Calls: 3, Applied: 1, RejectedAlreadyShipped: 0, Rejected: 0, Faulted: 2, ResponseLost: 0),
            Assert.Single(emulator.Control.GetShipCalls().Orders));
    }

    private static string CreateOrder(TestEmulator emulator) =>
        emulator.Control.CreateOrder(TestEmulator.ShopA1, new NewOrderRequest
        {
            DistinctSkus = 1,
            UnitsPerSku = 1,
            DeliveryOptionId = JapaneseCarriers.StandardDelivery.Id,
        });

    private static string Tracking(JapaneseCarrier carrier, long serial) => JapaneseCarriers.MakeTrackingNumber(carrier, 4055_4843_000 + serial);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not come true within 10 s.");
            await Task.Delay(20);
        }
    }

    /// <summary>Moves the fake clock by <paramref name="step"/> until the call answers: the hold may only start a moment
    /// after the effect is visible, and a step made before that would be missed.</summary>
    private static async Task<ApiResponse> AdvanceUntilAnsweredAsync(TestEmulator emulator, Task<ApiResponse> call, TimeSpan step)
    {
        for (var i = 0; i < 50 && !call.IsCompleted; i++)
        {
            emulator.Time.Advance(step);
            await Task.WhenAny(call, Task.Delay(100));
        }

        return await call;
    }
}
