using GoQ.TikTokSync.TikTokShop.Errors;
using GoQ.TikTokSync.TikTokShop.Http;
using GoQ.TikTokSync.TikTokShop.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace GoQ.TikTokSync.TikTokShop.Tests;

/// <summary>
/// The limiter runs on a fake clock that only the test moves, so every assertion is about the permits a stretch of clock
/// time grants, never about how fast the test runs.
/// </summary>
public sealed class RateLimiterTests
{
    private const string ShopA = "GCP_shopA";
    private const string ShopB = "GCP_shopB";

    [Fact]
    public void Burst_OnOneShopAndEndpoint_IsCappedAtThePerSecondLimit()
    {
        using var limiter = Frozen(permitsPerSecond: 50, queueLimit: 0);

        var granted = CountGranted(limiter, ShopA, TikTokShopPaths.OrderSearch, attempts: 80);

        Assert.Equal(50, granted);
    }

    [Fact]
    public void DefaultPacing_EveryUnalignedSecond_StaysWithinTheLimit_AtNearlyTheFullRate()
    {
        var clock = new FakeTimeProvider();
        using var limiter = new TikTokShopRateLimiter(permitsPerSecond: 50, queueLimit: 0, TikTokShopRateLimits.DefaultPacingWindow, clock);
        var step = TimeSpan.FromMilliseconds(10);
        var stepsPerSecond = (int)(TimeSpan.FromSeconds(1) / step);
        var grantedPerStep = new List<int>();

        // A caller always asking, the clock moved 10 ms at a time.
        for (var i = 0; i < 3 * stepsPerSecond; i++)
        {
            grantedPerStep.Add(CountGranted(limiter, ShopA, TikTokShopPaths.OrderSearch, attempts: 80));
            clock.Advance(step);
        }

        // A second that does not start on a step touches one step more than a second holds.
        var worstSecond = Enumerable.Range(0, grantedPerStep.Count - stepsPerSecond)
            .Max(first => grantedPerStep.Skip(first).Take(stepsPerSecond + 1).Sum());
        Assert.Equal(50, worstSecond);
        Assert.True(grantedPerStep.Sum() >= 0.97 * 50 * 3, $"{grantedPerStep.Sum()} calls in 3 s is under 97 % of the limit");
    }

    [Fact]
    public async Task Pacing_WakeUpsComeLate_PaceFollowsTheClock()
    {
        // The machine is loaded: the limiter is woken only every 25 ms, later than any permit falls due.
        var clock = new FakeTimeProvider();
        using var limiter = new TikTokShopRateLimiter(permitsPerSecond: 50, queueLimit: 1_000, TikTokShopRateLimits.DefaultPacingWindow, clock);
        var waiting = Enumerable.Range(0, 400).Select(_ => limiter.AcquireAsync(ShopA, TikTokShopPaths.MarkPackageAsShipped, CancellationToken.None).AsTask()).ToList();

        // granted[k]: permits granted once the clock reached k × 25 ms.
        var step = TimeSpan.FromMilliseconds(25);
        var granted = new List<int>();
        for (var k = 0; k * step <= TimeSpan.FromSeconds(3); k++)
        {
            if (k > 0)
            {
                clock.Advance(step);
            }

            granted.Add(waiting.Count(w => w.IsCompletedSuccessfully && w.Result.IsAcquired));
        }

        // Three seconds of clock time hold three windows of calls (a window slid per wake-up would have granted 100)...
        Assert.Equal(150, granted[^1]);
        // ...and no window holds more than the limit.
        var stepsPerWindow = (int)Math.Ceiling(TikTokShopRateLimits.DefaultPacingWindow / step);
        for (var first = 0; first < granted.Count; first++)
        {
            var before = first == 0 ? 0 : granted[first - 1];
            var last = Math.Min(granted.Count - 1, first + stepsPerWindow - 1);
            Assert.True(granted[last] - before <= 50, $"{granted[last] - before} calls within one window from {first * step}");
        }

        await Task.WhenAll(waiting.Where(w => w.IsCompleted));
    }

    [Fact]
    public void Burst_OtherShopsAndEndpoints_HaveTheirOwnBudget()
    {
        using var limiter = Frozen(permitsPerSecond: 50, queueLimit: 0);
        CountGranted(limiter, ShopA, TikTokShopPaths.OrderSearch, attempts: 80);

        Assert.Equal(50, CountGranted(limiter, ShopB, TikTokShopPaths.OrderSearch, attempts: 80));
        Assert.Equal(50, CountGranted(limiter, ShopA, TikTokShopPaths.OrderDetail, attempts: 80));
        Assert.Equal(0, CountGranted(limiter, ShopA, TikTokShopPaths.OrderSearch, attempts: 10));
    }

    [Fact]
    public async Task Client_CallsBeyondTheLimit_AreHeldBackPerShopAndEndpoint()
    {
        using var limiter = Frozen(permitsPerSecond: 2, queueLimit: 0);
        using var host = new TestHost(rateLimiter: limiter);
        host.Handler.Fallback = _ => Responses.Success("""{"package_id":"1"}""");

        await host.Api.GetPackageDetailAsync(host.Shop, "1");
        await host.Api.GetPackageDetailAsync(host.Shop, "2");
        var refused = await Assert.ThrowsAsync<TikTokShopApiException>(() => host.Api.GetPackageDetailAsync(host.Shop, "3"));
        await host.Api.GetPackageDetailAsync(new TikTokShopContext(ShopB, host.Tokens), "4");
        await host.Api.GetShippingProvidersAsync(host.Shop, "5");

        // Package ids differ, yet one endpoint template shares one budget; the refused call never reached the wire.
        Assert.Equal(TikTokShopErrorClassification.Retryable, refused.Classification);
        Assert.IsType<TikTokShopClientRateLimitException>(refused.InnerException);
        Assert.Equal(
            ["/fulfillment/202309/packages/1", "/fulfillment/202309/packages/2", "/fulfillment/202309/packages/4", "/logistics/202309/delivery_options/5/shipping_providers"],
            host.Handler.Requests.Select(r => r.Path).ToArray());
    }

    [Fact]
    public async Task Client_CallWaitingForAPermit_IsNotSent_AndCanBeCancelled()
    {
        using var limiter = Frozen(permitsPerSecond: 1, queueLimit: 10);
        using var host = new TestHost(rateLimiter: limiter);
        host.Handler.Fallback = _ => Responses.Success("""{"package_id":"1"}""");
        await host.Api.GetPackageDetailAsync(host.Shop, "1");
        using var cancellation = new CancellationTokenSource();

        var waiting = host.Api.GetPackageDetailAsync(host.Shop, "2", cancellation.Token);
        for (var spin = 0; spin < 5_000 && limiter.GetStatistics(TestHost.ShopCipher, TikTokShopPaths.PackageDetail)?.CurrentQueuedCount != 1; spin++)
        {
            await Task.Delay(1);
        }

        Assert.Equal(1, limiter.GetStatistics(TestHost.ShopCipher, TikTokShopPaths.PackageDetail)?.CurrentQueuedCount);
        Assert.False(waiting.IsCompleted);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Single(host.Handler.Requests);
    }

    /// <summary>A limiter whose clock never moves: only the permits of one window are ever granted.</summary>
    private static TikTokShopRateLimiter Frozen(int permitsPerSecond, int queueLimit) =>
        new(permitsPerSecond, queueLimit, window: null, new FakeTimeProvider());

    private static int CountGranted(TikTokShopRateLimiter limiter, string shop, string pathTemplate, int attempts)
    {
        var granted = 0;
        for (var i = 0; i < attempts; i++)
        {
            using var lease = limiter.AttemptAcquire(shop, pathTemplate);
            if (lease.IsAcquired)
            {
                granted++;
            }
        }

        return granted;
    }
}
