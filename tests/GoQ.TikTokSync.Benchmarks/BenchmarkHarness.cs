using System.Diagnostics;
using System.Globalization;
using System.Net;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Malls.Authorize;
using GoQ.TikTokSync.Core.Setup;
using GoQ.TikTokSync.TikTokShop;
using GoQ.TikTokSync.TikTokShop.Emulator;
using GoQ.TikTokSync.TikTokShop.Emulator.Fulfillment;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;


namespace GoQ.TikTokSync.Benchmarks;

/// <summary>
/// What the store-backed scenarios share: the app's services wired as the web app wires them (without the web host), a
/// shop connected through the same OAuth steps as モール詳細設定, and a counter of every attempt on the wire.
/// </summary>
internal static class BenchmarkHarness
{
    public static ServiceProvider BuildServices(Uri emulatorUrl, EmulatorOptions emulator, Testing.Stores.TestStore store, WireCounter wire, int qps)
    {
        var services = new ServiceCollection();
        AddAppServices(services, emulatorUrl, emulator, store, wire, qps);
        var provider = services.BuildServiceProvider();
        MigrateStore(provider);
        return provider;
    }

    /// <summary>The store, the TikTok client pointed at the emulator, mall settings and the import, as the web app adds them.</summary>
    public static void AddAppServices(IServiceCollection services, Uri emulatorUrl, EmulatorOptions emulator, Testing.Stores.TestStore store, WireCounter wire, int qps)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["TikTokShop:AppKey"] = emulator.AppKey,
            ["TikTokShop:AppSecret"] = emulator.AppSecret,
            ["TikTokShop:ServiceId"] = emulator.ServiceId,
            ["TikTokShop:ApiBaseUrl"] = emulatorUrl.ToString(),
            ["TikTokShop:AuthBaseUrl"] = emulatorUrl.ToString(),
            ["TikTokShop:AuthorizeUrl"] = new Uri(emulatorUrl, "open/authorize").ToString(),
            ["TikTokShop:RequestsPerSecondPerEndpoint"] = qps.ToString(CultureInfo.InvariantCulture),
        }).Build();

        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Error).AddSimpleConsole());
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IConfiguration>(configuration);
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddDbContext<TikTokSyncDbContext>(store.Configure);
        services.AddTikTokShopClient(configuration);
        services.AddSingleton(wire);
        services.AddTransient<WireCountingHandler>();
        services.AddHttpClient(TikTokShopServiceCollectionExtensions.ApiHttpClientName).AddHttpMessageHandler<WireCountingHandler>();
        services.AddMalls(configuration);
        services.AddImport();
        services.AddOrders();
        services.AddShipping(configuration);
        services.AddWebhooks(configuration);
        services.AddProcessingLog(configuration);
        services.AddOperationHistory(configuration);
        services.AddRetention();
        services.AddScheduling();
    }

    public static void MigrateStore(IServiceProvider provider)
    {
        using var scope = provider.CreateScope();
        scope.ServiceProvider.GetRequiredService<TikTokSyncDbContext>().Database.Migrate();
    }

    internal sealed class WireCounter
    {
        private int _all;
        private int _ship;
        private int _tooMany;
        private long _firstShipAt;
        private long _lastShipAt;

        public int AllCalls => Volatile.Read(ref _all);

        public int ShipCalls => Volatile.Read(ref _ship);

        public int TooManyRequests => Volatile.Read(ref _tooMany);

        /// <summary><see cref="Stopwatch"/> timestamps of the first and last ship call answered since the last reset (0: none).</summary>
        public (long First, long Last) ShipCallSpan => (Interlocked.Read(ref _firstShipAt), Interlocked.Read(ref _lastShipAt));

        public void Count(HttpRequestMessage request, HttpResponseMessage response)
        {
            Interlocked.Increment(ref _all);
            if (request.Method == HttpMethod.Post && request.RequestUri?.AbsolutePath.EndsWith("/packages", StringComparison.Ordinal) == true)
            {
                Interlocked.Increment(ref _ship);
                var now = Stopwatch.GetTimestamp();
                Interlocked.CompareExchange(ref _firstShipAt, now, 0);
                Interlocked.Exchange(ref _lastShipAt, now);
            }

            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Interlocked.Increment(ref _tooMany);
            }
        }

        public void Reset()
        {
            Interlocked.Exchange(ref _all, 0);
            Interlocked.Exchange(ref _ship, 0);
            Interlocked.Exchange(ref _tooMany, 0);
            Interlocked.Exchange(ref _firstShipAt, 0);
            Interlocked.Exchange(ref _lastShipAt, 0);
        }
    }

    /// <summary>Sits below the client's retry and rate-limit handlers, so every attempt on the wire is seen.</summary>
    internal sealed class WireCountingHandler(WireCounter counter) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            counter.Count(request, response);
            return response;
        }
    }

    /// <summary>認証 → consent (code from the emulator) → callback → ショップ変更, as the mall settings page does it.</summary>
    internal static Task<int> ConnectAsync(IServiceProvider services, EmulatorHandle emulator) =>
        ConnectAsync(services, () => emulator.Control.CreateAuthorizationCode(DemoDefaults.SellerLoginId));

    /// <summary>As above, with the consent code from wherever the emulator runs (another process prints one).</summary>
    internal static async Task<int> ConnectAsync(IServiceProvider services, Func<string> authorizationCode)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TikTokSyncDbContext>();
        var connection = new MallConnection { DisplayName = "ベンチマーク店", CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow };
        db.MallConnections.Add(connection);
        await db.SaveChangesAsync();
        var authorization = scope.ServiceProvider.GetRequiredService<ShopAuthorization>();
        var url = await authorization.BeginAsync(connection.Id, "benchmark", CancellationToken.None);
        var result = await authorization.CompleteAsync(QueryHelpers.ParseQuery(url.Query)["state"], authorizationCode(), null, "benchmark", CancellationToken.None);
        if (result.Outcome != AuthorizationOutcome.Authorized || !await authorization.SelectShopAsync(connection.Id, DemoDefaults.ShopId, CancellationToken.None))
        {
            throw new InvalidOperationException("Could not connect the benchmark shop: " + result.Outcome);
        }

        return connection.Id;
    }

    internal static async Task<T> QueryAsync<T>(IServiceProvider services, Func<TikTokSyncDbContext, Task<T>> query)
    {
        using var scope = services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<TikTokSyncDbContext>());
    }
}
