using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using GoQ.TikTokSync.Testing.OpenApiContract;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GoQ.TikTokSync.TikTokShop.Emulator.Tests.Support;

/// <summary>An answer from the emulator, already checked against the contract where the OAS knows the operation.</summary>
internal sealed record ApiResponse(HttpStatusCode Status, string Body)
{
    private JsonElement? _root;

    public JsonElement Root => _root ??= JsonDocument.Parse(Body).RootElement.Clone();

    public int Code => Root.GetProperty("code").GetInt32();

    public string Message => Root.GetProperty("message").GetString()!;

    public JsonElement Data => Root.GetProperty("data");

    public ApiResponse AssertSuccess()
    {
        Assert.True(Code == 0, $"Expected success but got {Code}: {Message}");
        return this;
    }

    public ApiResponse AssertError(int code, string? messageStart = null)
    {
        Assert.Equal(code, Code);
        Assert.Equal(JsonValueKind.Null, Data.ValueKind);
        Assert.False(string.IsNullOrEmpty(Root.GetProperty("request_id").GetString()));
        if (messageStart is not null)
        {
            Assert.StartsWith(messageStart, Message, StringComparison.Ordinal);
        }

        return this;
    }
}

/// <summary>
/// An in-process emulator on a TestServer with a FakeTimeProvider, and a signed client for it. Every Open API answer is
/// validated against the OAS and every token answer against the token schema, success or error.
/// </summary>
internal sealed class TestEmulator : IAsyncDisposable
{
    public const string AppKey = "test-app-key";
    public const string AppSecret = "test-app-secret-0123456789";
    public const string SellerA = "seller-a@example.jp";
    public const string SellerB = "seller-b@example.jp";
    public const string Password = "pass-word";
    public const string ShopA1 = "7495540735365777001";
    public const string ShopA2 = "7495540735365777002";
    public const string ShopB = "7495540735365777003";
    public const string CipherA1 = "ROW_testA1cipherAAAB8tKAVoAqsMT";
    public const string CipherA2 = "ROW_testA2cipherAAAB8tKAVoAqsMT";
    public const string CipherB = "ROW_testB0cipherAAAB8tKAVoAqsMT";
    public const string RedirectUrl = "https://oms.example.jp/tiktok/callback";

    public static readonly DateTimeOffset Start = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    private readonly Func<ValueTask> _stop;

    private TestEmulator(IServiceProvider services, HttpClient http, WatchedFakeTime time, EmulatorOptions options, Func<ValueTask> stop)
    {
        Services = services;
        Http = http;
        Time = time;
        Options = options;
        Control = services.GetRequiredService<IEmulatorControl>();
        _stop = stop;
    }

    public WatchedFakeTime Time { get; }

    public EmulatorOptions Options { get; }

    public HttpClient Http { get; }

    public IEmulatorControl Control { get; }

    public IServiceProvider Services { get; }

    public string? AccessToken { get; set; }

    public static EmulatorOptions DefaultOptions() => new()
    {
        AppKey = AppKey,
        AppSecret = AppSecret,
        ServiceId = "7310000000000000042",
        AppName = "Test OMS",
        RedirectUrl = RedirectUrl,
        Sellers =
        [
            new EmulatorSellerAccount
            {
                LoginId = SellerA,
                Password = Password,
                SellerName = "テスト商店A",
                Shops =
                [
                    new EmulatorShop { Id = ShopA1, Name = "ショップA1", Cipher = CipherA1, Code = "JPTESTA1", WarehouseId = "7300000000000000001" },
                    new EmulatorShop { Id = ShopA2, Name = "ショップA2", Cipher = CipherA2, Code = "JPTESTA2", WarehouseId = "7300000000000000002" },
                ],
            },
            new EmulatorSellerAccount
            {
                LoginId = SellerB,
                Password = Password,
                SellerName = "テスト商店B",
                Shops = [new EmulatorShop { Id = ShopB, Name = "ショップB", Cipher = CipherB, Code = "JPTESTB0", WarehouseId = "7300000000000000003" }],
            },
        ],
    };

    public static async Task<TestEmulator> StartAsync(Action<EmulatorOptions>? adjust = null, DateTimeOffset? start = null, bool authorize = true)
    {
        var options = DefaultOptions();
        adjust?.Invoke(options);
        var time = new WatchedFakeTime(start ?? Start);
        var app = TikTokShopEmulator.Build(options, configure: builder =>
        {
            builder.WebHost.UseTestServer();
            builder.Services.AddSingleton<TimeProvider>(time);
        });
        await app.StartAsync();
        var emulator = new TestEmulator(app.Services, app.GetTestClient(), time, options, async () =>
        {
            await app.StopAsync();
            await app.DisposeAsync();
        });
        return Authorize(emulator, authorize);
    }

    /// <summary>The same, on Kestrel at 127.0.0.1, for tests that need real HTTP on both sides (webhooks).</summary>
    public static async Task<TestEmulator> StartOnLoopbackAsync(Action<EmulatorOptions>? adjust = null)
    {
        var options = DefaultOptions();
        adjust?.Invoke(options);
        var time = new WatchedFakeTime(Start);
        var handle = await TikTokShopEmulator.StartAsync(options, configure: builder => builder.Services.AddSingleton<TimeProvider>(time));
        var http = new HttpClient { BaseAddress = handle.BaseUrl };
        return Authorize(new TestEmulator(handle.Services, http, time, options, handle.DisposeAsync), authorize: true);
    }

    private static TestEmulator Authorize(TestEmulator emulator, bool authorize)
    {
        if (authorize && emulator.Options.Sellers.Count > 0)
        {
            emulator.AccessToken = emulator.Control.IssueTokens(emulator.Options.Sellers[0].LoginId).AccessToken;
        }

        return emulator;
    }

    public long Now => Time.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>A signed Open API call as a correct client makes it; the optional knobs break one thing at a time.</summary>
    public async Task<ApiResponse> CallAsync(
        string method,
        string path,
        IReadOnlyDictionary<string, string>? query = null,
        string? body = null,
        string? shopCipher = CipherA1,
        string? accessToken = null,
        long? timestamp = null,
        string? appKey = null,
        Func<string, string?>? alterSign = null,
        bool useDefaultToken = true)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["app_key"] = appKey ?? AppKey,
            ["timestamp"] = (timestamp ?? Now).ToString(CultureInfo.InvariantCulture),
        };
        if (shopCipher is not null)
        {
            parameters["shop_cipher"] = shopCipher;
        }

        foreach (var (key, value) in query ?? new Dictionary<string, string>())
        {
            parameters[key] = value;
        }

        var sign = TestSigner.Sign(AppSecret, path, parameters, body);
        var finalSign = alterSign is null ? sign : alterSign(sign);
        if (finalSign is not null)
        {
            parameters["sign"] = finalSign;
        }

        var url = path + "?" + string.Join("&", parameters.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        var token = accessToken ?? (useDefaultToken ? AccessToken : null);
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("x-tts-access-token", token);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await Http.SendAsync(request);
        var result = new ApiResponse(response.StatusCode, await response.Content.ReadAsStringAsync());
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        TikTokShopOpenApi.ValidateJsonContentType(response.Content.Headers.ContentType?.ToString(), $"{method} {path} response").ThrowIfInvalid();
        var oas = TikTokShopOpenApi.Load();
        if (oas.HasOperation(method, path))
        {
            oas.ValidateResponseBody(method, path, result.Body).ThrowIfInvalid();
        }

        return result;
    }

    /// <summary>An unsigned token call (docs/tiktok-shop-api.md#token-exchange), validated against the token schema.</summary>
    public async Task<ApiResponse> TokenAsync(string path, IReadOnlyDictionary<string, string> query)
    {
        var url = path + "?" + string.Join("&", query.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
        using var response = await Http.GetAsync(url);
        var result = new ApiResponse(response.StatusCode, await response.Content.ReadAsStringAsync());
        TikTokShopOpenApi.ValidateJsonContentType(response.Content.Headers.ContentType?.ToString(), $"{path} response").ThrowIfInvalid();
        TikTokShopOpenApi.Load().ValidateTokenResponse(result.Body).ThrowIfInvalid();
        return result;
    }

    public Task<ApiResponse> ExchangeCodeAsync(string code, string grantType = "authorized_code") =>
        TokenAsync("/api/v2/token/get", new Dictionary<string, string>
        {
            ["app_key"] = AppKey, ["app_secret"] = AppSecret, ["auth_code"] = code, ["grant_type"] = grantType,
        });

    public Task<ApiResponse> RefreshAsync(string refreshToken) =>
        TokenAsync("/api/v2/token/refresh", new Dictionary<string, string>
        {
            ["app_key"] = AppKey, ["app_secret"] = AppSecret, ["refresh_token"] = refreshToken, ["grant_type"] = "refresh_token",
        });

    public Task<ApiResponse> SearchAsync(
        string? body = null, int pageSize = 50, string? pageToken = null, string? sortField = null, string? sortOrder = null,
        string cipher = CipherA1)
    {
        var query = new Dictionary<string, string> { ["page_size"] = pageSize.ToString(CultureInfo.InvariantCulture) };
        if (pageToken is not null)
        {
            query["page_token"] = pageToken;
        }

        if (sortField is not null)
        {
            query["sort_field"] = sortField;
        }

        if (sortOrder is not null)
        {
            query["sort_order"] = sortOrder;
        }

        return CallAsync("POST", "/order/202309/orders/search", query, body ?? "{}", cipher);
    }

    public async Task<JsonElement> GetOrderAsync(string orderId, string cipher = CipherA1)
    {
        var response = await CallAsync("GET", "/order/202309/orders", new Dictionary<string, string> { ["ids"] = orderId }, shopCipher: cipher);
        return response.AssertSuccess().Data.GetProperty("orders")[0];
    }

    public Task<ApiResponse> ShipAsync(string orderId, string trackingNumber, string providerId, IEnumerable<string>? lineItemIds = null)
    {
        var body = lineItemIds is null
            ? JsonSerializer.Serialize(new { tracking_number = trackingNumber, shipping_provider_id = providerId })
            : JsonSerializer.Serialize(new { tracking_number = trackingNumber, shipping_provider_id = providerId, order_line_item_ids = lineItemIds });
        return CallAsync("POST", $"/fulfillment/202309/orders/{orderId}/packages", body: body);
    }

    public Task<ApiResponse> UpdateShippingInfoAsync(string orderId, string trackingNumber, string providerId) =>
        CallAsync(
            "POST",
            $"/fulfillment/202309/orders/{orderId}/shipping_info/update",
            body: JsonSerializer.Serialize(new { tracking_number = trackingNumber, shipping_provider_id = providerId }));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _stop();
    }
}
