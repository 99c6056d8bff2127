using GoQ.TikTokSync.TikTokShop.Http;
using GoQ.TikTokSync.TikTokShop.Signing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace GoQ.TikTokSync.TikTokShop.Tests.Support;

/// <summary>The client wired exactly as the application wires it, with a recording primary handler and fake time.</summary>
public sealed class TestHost : IDisposable
{
    public const string AppKey = "29a39d";
    public const string AppSecret = "e59af819cc";
    public const string ServiceId = "7123456789012345678";
    public const string ShopCipher = "GCP_XF90igAAAABh00qsWgtvOiGFNqyubMt3";
    public const string ApiBaseUrl = "http://127.0.0.1:5999";
    public const string AuthBaseUrl = "http://127.0.0.1:5998";

    /// <summary>The timestamp of the published vectors (2021-06-16).</summary>
    public static readonly DateTimeOffset VectorTime = DateTimeOffset.FromUnixTimeSeconds(1623812664);

    private readonly ServiceProvider _provider;

    public TestHost(
        Action<Dictionary<string, string?>>? configure = null,
        TikTokShopRateLimiter? rateLimiter = null,
        DateTimeOffset? now = null)
    {
        Time = new FakeTimeProvider(now ?? VectorTime);
        Handler = new RecordingHttpHandler(Time);
        Logs = new CapturingLoggerProvider();

        var settings = new Dictionary<string, string?>
        {
            ["TikTokShop:AppKey"] = AppKey,
            ["TikTokShop:AppSecret"] = AppSecret,
            ["TikTokShop:ServiceId"] = ServiceId,
            ["TikTokShop:ApiBaseUrl"] = ApiBaseUrl,
            ["TikTokShop:AuthBaseUrl"] = AuthBaseUrl,
            ["TikTokShop:RetryBaseDelay"] = "00:00:00.100",
        };
        configure?.Invoke(settings);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        services.AddSingleton<TimeProvider>(Time);
        if (rateLimiter is not null)
        {
            services.AddSingleton(rateLimiter);
        }

        services.AddTikTokShopClient(configuration);
        services.ConfigureHttpClientDefaults(builder => builder.ConfigurePrimaryHttpMessageHandler(() => Handler));
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public FakeTimeProvider Time { get; }

    public RecordingHttpHandler Handler { get; }

    public CapturingLoggerProvider Logs { get; }

    public ITikTokShopApiClient Api => _provider.GetRequiredService<ITikTokShopApiClient>();

    public ITikTokShopAuthClient Auth => _provider.GetRequiredService<ITikTokShopAuthClient>();

    public IServiceProvider Services => _provider;

    public FakeAccessTokenSource Tokens { get; } = new();

    public TikTokShopContext Shop => new(ShopCipher, Tokens);

    /// <summary>Recomputes the signature from what was actually sent: decoded query and the exact body bytes.</summary>
    public static string ExpectedSign(CapturedRequest request) =>
        TikTokShopRequestSigner.Sign(AppSecret, request.Path, request.QueryPairs, request.Body);

    /// <summary>
    /// Runs <paramref name="call"/> while moving fake time forward in small steps, so retry delays and timeouts
    /// that wait on the fake clock elapse. Only the order of events matters; no assertion depends on wall time.
    /// </summary>
    public async Task<T> RunAdvancingTimeAsync<T>(Func<Task<T>> call, TimeSpan? step = null)
    {
        var task = call();
        var increment = step ?? TimeSpan.FromMilliseconds(100);
        for (var i = 0; i < 20_000 && !task.IsCompleted; i++)
        {
            Time.Advance(increment);
            await Task.Delay(1);
        }

        return await task;
    }

    public async Task RunAdvancingTimeAsync(Func<Task> call, TimeSpan? step = null) =>
        await RunAdvancingTimeAsync(async () =>
        {
            await call();
            return true;
        }, step);

    public void Dispose() => _provider.Dispose();
}
