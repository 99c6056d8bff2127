using GoQ.TikTokSync.TikTokShop.Errors;
using GoQ.TikTokSync.TikTokShop.Http;
using GoQ.TikTokSync.TikTokShop.Tests.Support;

namespace GoQ.TikTokSync.TikTokShop.Tests;

/// <summary>
/// The limiter runs with its window frozen (no replenishment), so every assertion is about the permits one window
/// grants, never about elapsed time.
/// </summary>
public sealed class RateLimiterTests
{
    private const string ShopA = "GCP_shopA";
    private const string ShopB = "GCP_shopB";

    [Fact]
    public void Burst_OnOneShopAndEndpoint_IsCappedAtThePerSecondLimit()
    {
        using var limiter = new TikTokShopRateLimiter(permitsPerSecond: 50, autoReplenishment: false, queueLimit: 0);

        var granted = CountGranted(limiter, ShopA, TikTokShopPaths.OrderSearch, attempts: 80);

        Assert.Equal(50, granted);
    }

    [Fact]
    public void DefaultPacing_EveryUnalignedSecond_StaysWithinTheLimit_AtNearlyTheFullRate()
    {
        using var limiter = new TikTokShopRateLimiter(permitsPerSecond: 50, autoReplenishment: false, queueLimit: 0, TikTokShopRateLimits.DefaultPacingWindow);
        var segmentsPerSecond = (int)(TimeSpan.FromSeconds(1) / TikTokShopRateLimits.PacingSegment);
        var grantedPerSegment = new List<int>();

        // A caller always waiting, and the window slid one segment at a time (the limiter slides a segment only once
        // a segment's time has passed, so each step waits that long; how much longer does not matter).
        for (var segment = 0; segment < 3 * segmentsPerSecond; segment++)
        {
            grantedPerSegment.Add(CountGranted(limiter, ShopA, TikTokShopPaths.OrderSearch, attempts: 80));
            Thread.Sleep(TikTokShopRateLimits.PacingSegment + TimeSpan.FromMilliseconds(1));
            limiter.TryReplenish(ShopA, TikTokShopPaths.OrderSearch);
        }

        // A second that does not start on a segment boundary touches one segment more than a second holds.
        var worstSecond = Enumerable.Range(0, grantedPerSegment.Count - segmentsPerSecond)
            .Max(first => grantedPerSegment.Skip(first).Take(segmentsPerSecond + 1).Sum());
        Assert.Equal(50, worstSecond);
        Assert.True(grantedPerSegment.Sum() >= 0.97 * 50 * 3, $"{grantedPerSegment.Sum()} calls in 3 s of segments is under 97 % of the limit");
    }

    [Fact]
    public void Burst_OtherShopsAndEndpoints_HaveTheirOwnBudget()
    {
        using var limiter = new TikTokShopRateLimiter(permitsPerSecond: 50, autoReplenishment: false, queueLimit: 0);
        CountGranted(limiter, ShopA, TikTokShopPaths.OrderSearch, attempts: 80);

        Assert.Equal(50, CountGranted(limiter, ShopB, TikTokShopPaths.OrderSearch, attempts: 80));
        Assert.Equal(50, CountGranted(limiter, ShopA, TikTokShopPaths.OrderDetail, attempts: 80));
        Assert.Equal(0, CountGranted(limiter, ShopA, TikTokShopPaths.OrderSearch, attempts: 10));
    }

    [Fact]
    public async Task Client_CallsBeyondTheLimit_AreHeldBackPerShopAndEndpoint()
    {
        using var limiter = new TikTokShopRateLimiter(permitsPerSecond: 2, autoReplenishment: false, queueLimit: 0);
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
        using var limiter = new TikTokShopRateLimiter(permitsPerSecond: 1, autoReplenishment: false, queueLimit: 10);
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
