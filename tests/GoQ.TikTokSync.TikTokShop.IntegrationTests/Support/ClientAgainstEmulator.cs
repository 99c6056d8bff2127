using System.Globalization;
using GoQ.TikTokSync.TikTokShop.Emulator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GoQ.TikTokSync.TikTokShop.IntegrationTests.Support;

/// <summary>How the test seller's first tokens are obtained.</summary>
internal enum InitialTokens
{
    /// <summary>Auth code from the emulator, exchanged by the client's auth client (the production path).</summary>
    ExchangedByAuthClient,

    /// <summary>Issued by the emulator's control surface; for clients that cannot use the auth host (wrong secret).</summary>
    IssuedByEmulator,
}

internal sealed record HarnessOptions
{
    /// <summary>
    /// Both sides on the system clock. Needed where real seconds matter (rate limits); otherwise both share one frozen
    /// <see cref="FakeTimeProvider"/>, so order life cycles and token expiries do not move during a test.
    /// </summary>
    public bool RealClock { get; init; }

    /// <summary>With a fake clock: the client's clock is the emulator's plus this (zero: the very same clock).</summary>
    public TimeSpan ClientClockOffset { get; init; }

    public Action<EmulatorOptions>? Emulator { get; init; }

    /// <summary>Overrides of the client's <c>TikTokShop</c> settings, keyed without the section prefix.</summary>
    public IReadOnlyDictionary<string, string>? Client { get; init; }

    public InitialTokens Tokens { get; init; } = InitialTokens.ExchangedByAuthClient;
}

/// <summary>
/// The typed client wired as the application wires it (<see cref="TikTokShopServiceCollectionExtensions.AddTikTokShopClient"/>)
/// against an in-process emulator on 127.0.0.1, with every attempt on both of the client's HttpClients recorded and
/// checked against the OAS.
/// </summary>
internal sealed class ClientAgainstEmulator : IAsyncDisposable
{
    /// <summary>Where the shared fake clock starts.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);

    /// <summary>Only a safety net for a hung test (a retry waiting on a frozen clock); no assertion depends on it.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(90);

    private readonly ServiceProvider _services;
    private readonly CancellationTokenSource _hangGuard = new(HangGuard);

    private ClientAgainstEmulator(EmulatorHandle emulator, ServiceProvider services, WireRecorder wire, FakeTimeProvider? emulatorTime)
    {
        Emulator = emulator;
        _services = services;
        Wire = wire;
        EmulatorTime = emulatorTime;
        Api = services.GetRequiredService<ITikTokShopApiClient>();
        Auth = services.GetRequiredService<ITikTokShopAuthClient>();
    }

    public EmulatorHandle Emulator { get; }

    public IEmulatorControl Control => Emulator.Control;

    /// <summary>The emulator's clock; null when running on the system clock.</summary>
    public FakeTimeProvider? EmulatorTime { get; }

    public WireRecorder Wire { get; }

    public ITikTokShopApiClient Api { get; }

    public ITikTokShopAuthClient Auth { get; }

    public EmulatorTokenSource Tokens { get; private set; } = null!;

    /// <summary>The demo shop as a caller addresses it.</summary>
    public TikTokShopContext Shop => new(DemoDefaults.ShopCipher, Tokens);

    public CancellationToken Ct => _hangGuard.Token;

    public static async Task<ClientAgainstEmulator> StartAsync(HarnessOptions? options = null)
    {
        options ??= new HarnessOptions();
        var emulatorTime = options.RealClock ? null : new FakeTimeProvider(Start);
        TimeProvider clientTime = emulatorTime is null
            ? TimeProvider.System
            : options.ClientClockOffset == TimeSpan.Zero ? emulatorTime : new FakeTimeProvider(Start + options.ClientClockOffset);

        var emulatorOptions = new EmulatorOptions();
        if (emulatorTime is not null)
        {
            // The emulator counts its limit per second of its own clock; a frozen clock would put every call in one second.
            emulatorOptions.RateLimitPerSecond = 1_000_000;
        }

        options.Emulator?.Invoke(emulatorOptions);
        var emulator = await TikTokShopEmulator.StartAsync(
            emulatorOptions,
            port: 0,
            configure: emulatorTime is null ? null : builder => builder.Services.AddSingleton<TimeProvider>(emulatorTime));

        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["AppKey"] = DemoDefaults.AppKey,
            ["AppSecret"] = DemoDefaults.AppSecret,
            ["ServiceId"] = DemoDefaults.ServiceId,
            ["ApiBaseUrl"] = emulator.BaseUrl.AbsoluteUri,
            ["AuthBaseUrl"] = emulator.BaseUrl.AbsoluteUri,
            ["AuthorizeUrl"] = new Uri(emulator.BaseUrl, "open/authorize").AbsoluteUri,
            ["RetryBaseDelay"] = "00:00:00.010",

            // The client's limiter waits in real time; on a frozen emulator clock there is nothing to protect.
            ["RequestsPerSecondPerEndpoint"] = emulatorTime is null ? null : "1000",
        };
        foreach (var (key, value) in options.Client ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings
                .Where(s => s.Value is not null)
                .Select(s => new KeyValuePair<string, string?>(TikTokShopOptions.SectionName + ":" + s.Key, s.Value)))
            .Build();

        var wire = new WireRecorder();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(clientTime);
        services.AddTikTokShopClient(configuration);
        services.AddHttpClient(TikTokShopServiceCollectionExtensions.ApiHttpClientName)
            .AddHttpMessageHandler(() => new WireRecordingHandler(wire, WireSide.Api));
        services.AddHttpClient(TikTokShopServiceCollectionExtensions.AuthHttpClientName)
            .AddHttpMessageHandler(() => new WireRecordingHandler(wire, WireSide.Auth));
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        var harness = new ClientAgainstEmulator(emulator, provider, wire, emulatorTime);
        try
        {
            var initial = options.Tokens == InitialTokens.ExchangedByAuthClient
                ? await harness.Auth.GetAccessTokenAsync(harness.Control.CreateAuthorizationCode(DemoDefaults.SellerLoginId), harness.Ct)
                : EmulatorTokenSource.FromGrant(harness.Control.IssueTokens(DemoDefaults.SellerLoginId));
            harness.Tokens = new EmulatorTokenSource(harness.Auth, initial);
        }
        catch
        {
            await harness.DisposeAsync();
            throw;
        }

        return harness;
    }

    /// <summary>A fresh order in the demo shop, created "now" on the emulator's clock.</summary>
    public string CreateOrder(string status = OrderStatuses.AwaitingShipment, int distinctSkus = 1, int unitsPerSku = 1) =>
        Control.CreateOrder(DemoDefaults.ShopId, new NewOrderRequest { Status = status, DistinctSkus = distinctSkus, UnitsPerSku = unitsPerSku });

    public static string Seconds(DateTimeOffset instant) => instant.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Emulator.DisposeAsync();
        _hangGuard.Dispose();
    }
}
