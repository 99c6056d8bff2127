using System.Globalization;
using GoQ.TikTokSync.TikTokShop.Emulator;
using GoQ.TikTokSync.TikTokShop.Emulator.Fulfillment;
using GoQ.TikTokSync.TikTokShop.IntegrationTests.Support;
using GoQ.TikTokSync.TikTokShop.Models;

namespace GoQ.TikTokSync.TikTokShop.IntegrationTests;

/// <summary>
/// Bursts of concurrent calls against the emulator's per shop + endpoint limit, on the real clock. Outcomes and counts
/// are asserted, never durations.
/// </summary>
public sealed class RateLimitTests
{
    private const string DetailPath = "/order/202309/orders";
    private const int ConcurrentCalls = 60;

    [Fact]
    public async Task SixtyConcurrentCalls_ClientAndEmulatorAtTenPerSecond_AllSucceed()
    {
        await using var h = await ClientAgainstEmulator.StartAsync(new HarnessOptions
        {
            RealClock = true,
            Emulator = o => o.RateLimitPerSecond = 10,
            Client = new Dictionary<string, string>
            {
                ["RequestsPerSecondPerEndpoint"] = "10",

                // The client's sliding window and the emulator's whole seconds are not aligned, so some 429s can occur.
                // Retries do not take a new permit from the client's limiter, so a short back-off would let them pile onto
                // the next second; a tenth of a second keeps that small while the run stays short.
                ["MaxRetryAttempts"] = "10",
                ["RetryBaseDelay"] = "00:00:00.100",
            },
        });
        var orderIds = Enumerable.Range(0, ConcurrentCalls).Select(_ => h.CreateOrder()).ToList();

        var results = await Task.WhenAll(orderIds.Select(id => h.Api.GetOrderDetailsAsync(h.Shop, [id], h.Ct)));

        Assert.Equal(orderIds, results.Select(r => Assert.Single(r).Id));
        var attempts = h.Wire.Calls("GET", DetailPath);
        var refused = attempts.Where(a => a.HttpStatus == 429).ToList();
        Assert.Equal(ConcurrentCalls, attempts.Count(a => a.Succeeded));
        Assert.Equal(ConcurrentCalls + refused.Count, attempts.Count);
        Assert.All(refused, a => Assert.Equal(36009002, a.Code));
        h.Wire.AssertContractHeld();
    }

    [Fact]
    public async Task InjectedBurstOf429s_IsRetried_EveryCallSucceeds()
    {
        const int burst = 5;
        await using var h = await ClientAgainstEmulator.StartAsync(new HarnessOptions
        {
            RealClock = true,
            Emulator = o => o.RateLimitPerSecond = 10_000,
            Client = new Dictionary<string, string>
            {
                ["RequestsPerSecondPerEndpoint"] = "100",
                ["MaxRetryAttempts"] = (burst + 1).ToString(CultureInfo.InvariantCulture),
            },
        });
        var orderIds = Enumerable.Range(0, ConcurrentCalls).Select(_ => h.CreateOrder()).ToList();
        h.Control.SetFaults(new FaultSettings { RateLimitBurst = burst });

        var results = await Task.WhenAll(orderIds.Select(id => h.Api.GetOrderDetailsAsync(h.Shop, [id], h.Ct)));

        Assert.Equal(orderIds, results.Select(r => Assert.Single(r).Id));
        var attempts = h.Wire.Calls("GET", DetailPath);
        Assert.Equal(burst, attempts.Count(a => a.HttpStatus == 429));
        Assert.Equal(ConcurrentCalls, attempts.Count(a => a.Succeeded));
        Assert.Equal(ConcurrentCalls + burst, attempts.Count);
        Assert.Equal(0, h.Control.GetFaults().RateLimitBurst);
        h.Wire.AssertContractHeld();
    }

    [Fact]
    public async Task InjectedBurstOf429s_OnAShipCall_IsRetriedBecauseNothingWasDone()
    {
        await using var h = await ClientAgainstEmulator.StartAsync(new HarnessOptions
        {
            RealClock = true,
            Emulator = o => o.RateLimitPerSecond = 10_000,
        });
        var orderId = h.CreateOrder();
        var order = Assert.Single(await h.Api.GetOrderDetailsAsync(h.Shop, [orderId], h.Ct));
        var tracking = JapaneseCarriers.MakeTrackingNumber(JapaneseCarriers.Yamato, 50_001);
        h.Control.SetFaults(new FaultSettings { RateLimitBurst = 2 });

        await h.Api.MarkPackageAsShippedAsync(
            h.Shop, order.Id, new TikTokMarkPackageShippedRequest(tracking, JapaneseCarriers.Yamato.Id), h.Ct);

        var shipped = h.Control.GetShipping(orderId)!;
        Assert.Equal((1, 1), (shipped.ShipCallCount, shipped.ShipAttemptCount));
        Assert.Equal([429, 429, 200], h.Wire.Calls("POST", "/fulfillment/202309/orders/{order_id}/packages").Select(c => c.HttpStatus));
        h.Wire.AssertContractHeld();
    }
}
