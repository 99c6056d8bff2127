using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using GoQ.TikTokSync.TikTokShop;
using GoQ.TikTokSync.TikTokShop.Emulator;

namespace GoQ.TikTokSync.Benchmarks;

/// <summary>
/// The emulator in a process of its own, so a scenario can measure the app's memory without the emulator's: this
/// executable re-launched as <c>emulator-host &lt;count&gt; --qps N</c> seeds the orders, prints one ready line and serves
/// until its standard input closes (the parent ended or disposed it).
/// </summary>
internal sealed class EmulatorHostProcess : IAsyncDisposable
{
    public const string Name = "emulator-host";

    private const string ReadyPrefix = "EMULATOR-READY ";

    private readonly Process _child;

    private EmulatorHostProcess(Process child, ReadyLine ready)
    {
        _child = child;
        Ready = ready;
    }

    public ReadyLine Ready { get; }

    /// <summary>The child's own peak working set so far.</summary>
    public long PeakWorkingSetBytes
    {
        get
        {
            _child.Refresh();
            return _child.PeakWorkingSet64;
        }
    }

    /// <summary>
    /// Seeds <paramref name="count"/> orders created within the last 6 days and paid 2 hours ago, all AWAITING_SHIPMENT
    /// (or later) when fetched; the figure that matters is calls per stored order.
    /// </summary>
    public static async Task<EmulatorHostProcess> StartAsync(int count, int qps)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        // Under `dotnet run` the process is the apphost; under `dotnet <dll>` it is the muxer and needs the dll.
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("No process path to re-launch.");
        start.FileName = self;
        if (Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(typeof(EmulatorHostProcess).Assembly.Location);
        }

        foreach (var argument in new[] { Name, count.ToString(CultureInfo.InvariantCulture), "--qps", qps.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        var child = Process.Start(start) ?? throw new InvalidOperationException("Could not start the emulator host.");
        while (await child.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith(ReadyPrefix, StringComparison.Ordinal))
            {
                var ready = JsonSerializer.Deserialize<ReadyLine>(line[ReadyPrefix.Length..])
                    ?? throw new InvalidOperationException("Unreadable ready line: " + line);
                // Keep draining so a chatty child never blocks on a full pipe.
                _ = Task.Run(() => child.StandardOutput.ReadToEndAsync());
                return new EmulatorHostProcess(child, ready);
            }

            Console.WriteLine("emulator-host: " + line);
        }

        await child.WaitForExitAsync();
        throw new InvalidOperationException($"The emulator host exited ({child.ExitCode}) before it was ready.");
    }

    /// <summary>The child side: runs until standard input reaches its end.</summary>
    public static async Task<int> RunAsync(int count, int qps)
    {
        var options = new EmulatorOptions { RateLimitPerSecond = qps, SeedOrdersPerShop = 0 };
        await using var emulator = await TikTokShopEmulator.StartAsync(options);
        var now = emulator.Control.Now;
        emulator.Control.SeedOrders(DemoDefaults.ShopId, count, now.AddDays(-6), now.AddHours(-2));
        var expected = emulator.Control.ListOrders(DemoDefaults.ShopId, OrderStatuses.AwaitingShipment).Count(o => o.CreateTime >= now.AddDays(-7));
        var ready = new ReadyLine(emulator.BaseUrl.ToString(), expected, emulator.Control.CreateAuthorizationCode(DemoDefaults.SellerLoginId));
        Console.WriteLine(ReadyPrefix + JsonSerializer.Serialize(ready));
        while (await Console.In.ReadLineAsync() is not null)
        {
        }

        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        _child.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _child.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _child.Kill();
        }

        _child.Dispose();
    }

    /// <summary>Where the child listens, how many orders a configured-days fetch should store, and a consent code.</summary>
    internal sealed record ReadyLine(string Url, int ExpectedOrders, string AuthorizationCode);
}
