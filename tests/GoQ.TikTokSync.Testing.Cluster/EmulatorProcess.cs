using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GoQ.TikTokSync.Testing.Cluster;

/// <summary>
/// The TikTok Shop emulator as its own process (as it runs beside a deployment), driven through its HTTP control surface.
/// Its record of ship calls is the independent witness of "every package shipped exactly once".
/// </summary>
public sealed class EmulatorProcess : IAsyncDisposable
{
    public const string ShopId = "7495540735365777507";
    public const string SellerLoginId = "demo-seller@example.jp";
    public const string AppKey = "6demo0jp1emu";
    public const string AppSecret = "e59af819cc0demo0secret0emulator0jp";
    public const string ServiceId = "7310000000000000001";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly ChildProcess _process;
    private readonly HttpClient _control;

    private EmulatorProcess(ChildProcess process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        _control = new HttpClient { BaseAddress = new Uri(baseAddress, "_emulator/"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri BaseAddress { get; }

    public ChildProcess Process => _process;

    /// <summary>The app's TikTokShop settings that point it at this emulator (environment-variable form).</summary>
    public IReadOnlyDictionary<string, string> AppSettings => new Dictionary<string, string>
    {
        ["TikTokShop__AppKey"] = AppKey,
        ["TikTokShop__AppSecret"] = AppSecret,
        ["TikTokShop__ServiceId"] = ServiceId,
        ["TikTokShop__ApiBaseUrl"] = BaseAddress.ToString(),
        ["TikTokShop__AuthBaseUrl"] = BaseAddress.ToString(),
        ["TikTokShop__AuthorizeUrl"] = new Uri(BaseAddress, "open/authorize").ToString(),
        ["TikTokShop__Emulator__Enabled"] = "false",
    };

    public static async Task<EmulatorProcess> StartAsync(string publishFolder, params string[] extraArguments)
    {
        var port = ChildProcess.FreePort();
        var process = ChildProcess.Start(
            "emulator",
            PublishedApp.EmulatorDll(publishFolder),
            [string.Create(CultureInfo.InvariantCulture, $"--port={port}"), "--Emulator:SeedOrdersPerShop=0", .. extraArguments],
            new Dictionary<string, string>());
        var emulator = new EmulatorProcess(process, new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/")));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                using var response = await emulator._control.GetAsync(new Uri("", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return emulator;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
            }

            if (DateTime.UtcNow >= deadline || process.HasExited)
            {
                throw new InvalidOperationException("The emulator did not start:\n" + process.ReadLog());
            }

            await Task.Delay(200);
        }
    }

    public async Task<string> CreateAuthorizationCodeAsync()
    {
        var answer = await PostAsync("auth-codes", new { sellerLoginId = SellerLoginId });
        return answer["code"]!.GetValue<string>();
    }

    /// <summary>New AWAITING_SHIPMENT orders with one line each, created now; several at a time as buyers do.</summary>
    public async Task<IReadOnlyList<string>> CreateOrdersAsync(int count)
    {
        var ids = new string[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var answer = await PostAsync($"shops/{ShopId}/orders", new { status = "AWAITING_SHIPMENT", distinctSkus = 1, unitsPerSku = 1 });
            ids[i] = answer["orderId"]!.GetValue<string>();
        });
        return ids;
    }

    /// <summary>Replaces the emulator's injected faults (field names as GET /_emulator/faults shows them).</summary>
    public async Task SetFaultsAsync(object faults)
    {
        using var response = await _control.PutAsJsonAsync(new Uri("faults", UriKind.Relative), faults, Json);
        response.EnsureSuccessStatusCode();
    }

    public async Task<IReadOnlyList<ShippedOrderRecord>> ShippingAsync()
    {
        var list = await _control.GetFromJsonAsync<List<ShippedOrderRecord>>(new Uri($"shipping?shopId={ShopId}", UriKind.Relative), Json);
        return list ?? [];
    }

    /// <summary>Totals of the emulator's ship-call record for the shop (GET /_emulator/ship-calls).</summary>
    public async Task<ShipCallTotals> ShipCallsAsync() =>
        await _control.GetFromJsonAsync<ShipCallTotals>(new Uri($"ship-calls?shopId={ShopId}", UriKind.Relative), Json)
        ?? throw new InvalidOperationException("No ship-call record.");

    private async Task<JsonNode> PostAsync(string path, object body)
    {
        using var response = await _control.PostAsJsonAsync(new Uri(path, UriKind.Relative), body, Json);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST /_emulator/{path} answered {(int)response.StatusCode}: {text}");
        }

        return JsonNode.Parse(text)!;
    }

    public async ValueTask DisposeAsync()
    {
        _control.Dispose();
        await _process.DisposeAsync();
    }
}

/// <summary>The emulator's record of one order's fulfilment, as its control surface lists it (this suite's own reading).</summary>
public sealed record ShippedOrderRecord(
    string OrderId,
    string Status,
    IReadOnlyList<ShippedPackageRecord> Packages,
    int ShipCallCount,
    int ShipAttemptCount);

public sealed record ShipCallTotals(int Calls, int Applied, int RejectedAlreadyShipped, int Rejected, int Faulted, int ResponseLost, int PackagesApplied, int PackagesAppliedMoreThanOnce);

public sealed record ShippedPackageRecord(string PackageId, string TrackingNumber, IReadOnlyList<string> LineItemIds);
