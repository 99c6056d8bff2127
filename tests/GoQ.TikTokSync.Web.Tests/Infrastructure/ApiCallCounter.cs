using System.Collections.Concurrent;
using GoQ.TikTokSync.TikTokShop;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Web.Tests.Infrastructure;

/// <summary>Counts the calls the app makes to TikTok (the in-process emulator), by request path.</summary>
public sealed class ApiCallCounter
{
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);

    /// <summary>Order search (POST /order/202309/orders/search), one call per page.</summary>
    public int OrderSearches => Count("/order/202309/orders/search");

    public int Count(string pathSuffix) => _calls.Where(c => c.Key.EndsWith(pathSuffix, StringComparison.Ordinal)).Sum(c => c.Value);

    public static void Install(IServiceCollection services)
    {
        var counter = new ApiCallCounter();
        services.AddSingleton(counter);
        services.AddHttpClient(TikTokShopServiceCollectionExtensions.ApiHttpClientName).AddHttpMessageHandler(() => new Counting(counter));
    }

    private sealed class Counting(ApiCallCounter counter) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            counter._calls.AddOrUpdate(request.RequestUri!.AbsolutePath, 1, (_, count) => count + 1);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
