using System.Diagnostics;
using System.Globalization;
using GoQ.TikTokSync.TikTokShop;
using GoQ.TikTokSync.TikTokShop.Emulator;
using GoQ.TikTokSync.TikTokShop.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Benchmarks;

/// <summary>
/// Pages through N orders of one shop with the typed client against the emulator on 127.0.0.1, as a full import
/// would. Client and emulator share the process, so memory figures include the emulator's order book.
/// </summary>
internal static class PageOrdersScenario
{
    public const string Name = "page-orders";

    private const int DefaultOrderCount = 50_000;
    private static readonly TimeSpan SeedSpan = TimeSpan.FromDays(30);

    public static async Task<int> RunAsync(string[] args)
    {
        var (count, qps, pageSize) = Parse(args);
        Console.WriteLine($"page-orders: {count:N0} orders, page size {pageSize}, {qps} requests/s per endpoint (client and emulator)");

        var emulatorOptions = new EmulatorOptions { RateLimitPerSecond = qps };
        await using var emulator = await TikTokShopEmulator.StartAsync(emulatorOptions);

        var seedClock = Stopwatch.StartNew();
        var until = emulator.Control.Now;
        var from = until - SeedSpan;
        emulator.Control.SeedOrders(DemoDefaults.ShopId, count, from, until);
        seedClock.Stop();

        var attempts = new AttemptCounter();
        await using var services = BuildClient(emulator.BaseUrl, qps, attempts);
        var api = services.GetRequiredService<ITikTokShopApiClient>();
        var shop = new TikTokShopContext(DemoDefaults.ShopCipher, new FixedTokenSource(emulator.Control.IssueTokens(DemoDefaults.SellerLoginId).AccessToken));
        var request = new TikTokOrderSearchRequest
        {
            CreateTimeFrom = from,
            CreateTimeBefore = until.AddSeconds(1),
            PageSize = pageSize,
            SortField = TikTokOrderSortField.CreateTime,
            SortOrder = TikTokSortOrder.Ascending,
        };

        // One warm-up page so that JIT and connection set-up are not billed to the run.
        await api.SearchOrdersPageAsync(shop, request with { PageSize = 1 });
        attempts.Reset();

        var gcBefore = GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
        var ids = new HashSet<string>(count, StringComparer.Ordinal);
        long orders = 0;
        long pages = 0;
        long? totalCount = null;
        var runClock = Stopwatch.StartNew();
        await foreach (var page in api.SearchOrderPagesAsync(shop, request))
        {
            pages++;
            totalCount ??= page.TotalCount;
            foreach (var order in page.Orders)
            {
                orders++;
                ids.Add(order.Id);
            }
        }

        runClock.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore;
        var collections = GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2) - gcBefore;
        var gcInfo = GC.GetGCMemoryInfo();
        using var process = Process.GetCurrentProcess();
        process.Refresh();

        var seconds = runClock.Elapsed.TotalSeconds;
        new ResultTable()
            .Add("orders seeded", count)
            .Add("orders read", orders)
            .Add("distinct order ids", ids.Count)
            .Add("total_count (first page)", totalCount ?? -1)
            .Add("page size", pageSize)
            .Add("pages (API calls)", pages)
            .Add("HTTP attempts incl. retries", attempts.Total)
            .Add("HTTP 429 answers", attempts.TooManyRequests)
            .Add("limit (requests/s/endpoint)", qps)
            .Add("seed time", seedClock.Elapsed.TotalSeconds, "N2")
            .Add("paging wall time (s)", seconds, "N2")
            .Add("orders/s", orders / seconds, "N0")
            .Add("pages/s", pages / seconds, "N1")
            .Add("allocated while paging", ResultTable.Megabytes(allocated))
            .Add("GC collections while paging", collections)
            .Add("GC heap now (GetTotalMemory)", ResultTable.Megabytes(GC.GetTotalMemory(forceFullCollection: false)))
            .Add("GC heap size (last GC)", ResultTable.Megabytes(gcInfo.HeapSizeBytes))
            .Add("peak working set (process)", ResultTable.Megabytes(process.PeakWorkingSet64))
            .WriteTo(Console.Out);

        if (ids.Count != count || orders != count)
        {
            Console.Error.WriteLine($"MISMATCH: expected {count:N0} distinct orders, read {orders:N0} ({ids.Count:N0} distinct)");
            return 1;
        }

        return 0;
    }

    private static (int Count, int Qps, int PageSize) Parse(string[] args)
    {
        var count = DefaultOrderCount;
        var qps = TikTokShopRateLimits.DocumentedRequestsPerSecondPerEndpoint;
        var pageSize = TikTokOrderSearchRequest.MaxPageSize;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--qps":
                    qps = PositiveNumber(args, ++i, "--qps");
                    break;
                case "--page-size":
                    pageSize = PositiveNumber(args, ++i, "--page-size");
                    break;
                default:
                    count = PositiveNumber(args, i, "count");
                    break;
            }
        }

        if (pageSize > TikTokOrderSearchRequest.MaxPageSize)
        {
            throw new ArgumentException($"--page-size must be at most {TikTokOrderSearchRequest.MaxPageSize}");
        }

        return (count, qps, pageSize);
    }

    private static int PositiveNumber(string[] args, int index, string name) =>
        index < args.Length && int.TryParse(args[index], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"{name} needs a positive whole number");

    private static ServiceProvider BuildClient(Uri emulatorUrl, int qps, AttemptCounter attempts)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["TikTokShop:AppKey"] = DemoDefaults.AppKey,
                ["TikTokShop:AppSecret"] = DemoDefaults.AppSecret,
                ["TikTokShop:ServiceId"] = DemoDefaults.ServiceId,
                ["TikTokShop:ApiBaseUrl"] = emulatorUrl.AbsoluteUri,
                ["TikTokShop:AuthBaseUrl"] = emulatorUrl.AbsoluteUri,
                ["TikTokShop:RequestsPerSecondPerEndpoint"] = qps.ToString(CultureInfo.InvariantCulture),
            })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddTikTokShopClient(configuration);
        services.AddHttpClient(TikTokShopServiceCollectionExtensions.ApiHttpClientName)
            .AddHttpMessageHandler(() => new AttemptCountingHandler(attempts));
        return services.BuildServiceProvider();
    }

    /// <summary>The benchmark's seller never lets a token expire, so there is nothing to refresh.</summary>
    private sealed class FixedTokenSource(string accessToken) : ITikTokShopAccessTokenSource
    {
        public ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult(accessToken);

        public ValueTask<string> RefreshAccessTokenAsync(string expiredAccessToken, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("The benchmark's access token expired; the run took longer than the token lifetime.");
    }

    private sealed class AttemptCounter
    {
        private long _total;
        private long _tooManyRequests;

        public long Total => Interlocked.Read(ref _total);

        public long TooManyRequests => Interlocked.Read(ref _tooManyRequests);

        public void Count(int status)
        {
            Interlocked.Increment(ref _total);
            if (status == 429)
            {
                Interlocked.Increment(ref _tooManyRequests);
            }
        }

        public void Reset()
        {
            Interlocked.Exchange(ref _total, 0);
            Interlocked.Exchange(ref _tooManyRequests, 0);
        }
    }

    /// <summary>Innermost handler: counts every attempt, retries included.</summary>
    private sealed class AttemptCountingHandler(AttemptCounter counter) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            counter.Count((int)response.StatusCode);
            return response;
        }
    }
}
