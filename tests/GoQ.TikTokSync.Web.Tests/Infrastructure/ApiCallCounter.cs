using System.Collections.Concurrent;
using GoQ.TikTokSync.TikTokShop;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Web.Tests.Infrastructure;

/// <summary>
/// Counts the calls the app makes to TikTok (the in-process emulator), by request path, and how many order ids each
/// order-detail call (GET /order/202309/orders?ids=…) asked for. Token calls (the auth host) are counted too.
/// </summary>
public sealed class ApiCallCounter
{
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);

    /// <summary>Order search (POST /order/202309/orders/search), one call per page.</summary>
    public int OrderSearches => Count("/order/202309/orders/search");

    /// <summary>Ids per Get Order Detail call, in call order.</summary>
    public ConcurrentQueue<int> DetailIdsPerCall { get; } = new();

    /// <summary>Every call, Open API and token endpoints alike.</summary>
    public int Total => _calls.Values.Sum();

    public int Count(string pathSuffix) => _calls.Where(c => c.Key.EndsWith(pathSuffix, StringComparison.Ordinal)).Sum(c => c.Value);

    public static void Install(IServiceCollection services)
    {
        var counter = new ApiCallCounter();
        services.AddSingleton(counter);
        services.AddHttpClient(TikTokShopServiceCollectionExtensions.ApiHttpClientName).AddHttpMessageHandler(() => new Counting(counter));
        services.AddHttpClient(TikTokShopServiceCollectionExtensions.AuthHttpClientName).AddHttpMessageHandler(() => new Counting(counter));
    }

    private sealed class Counting(ApiCallCounter counter) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            counter._calls.AddOrUpdate(path, 1, (_, count) => count + 1);
            if (request.Method == HttpMethod.Get && path.EndsWith("/order/202309/orders", StringComparison.Ordinal))
            {
                var ids = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(request.RequestUri.Query)["ids"].ToString();
                counter.DetailIdsPerCall.Enqueue(ids.Split(',', StringSplitOptions.RemoveEmptyEntries).Length);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
