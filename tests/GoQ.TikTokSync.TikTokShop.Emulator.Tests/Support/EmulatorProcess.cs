using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace GoQ.TikTokSync.TikTokShop.Emulator.Tests.Support;

/// <summary>
/// The built emulator started as its own process with <c>dotnet GoQ.TikTokSync.TikTokShop.Emulator.dll</c>, as a
/// multi-node test suite runs it. The test project references the emulator, so its dll, deps and runtimeconfig sit next
/// to the tests.
/// </summary>
internal sealed class EmulatorProcess : IAsyncDisposable
{
    public const string DllName = "GoQ.TikTokSync.TikTokShop.Emulator.dll";

    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private EmulatorProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        BaseUrl = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
        Http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(10) };
    }

    public int Port { get; }

    public Uri BaseUrl { get; }

    public HttpClient Http { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>What the process wrote so far (stdout and stderr), for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the emulator on a free loopback port and waits until its control surface answers.</summary>
    /// <param name="resetSignal">Started through <c>env --default-signal=…</c> so that the signal is not ignored even when
    /// the test runner was started in the background (a shell then ignores SIGINT for its children, and they inherit it).</param>
    public static async Task<EmulatorProcess> StartAsync(IEnumerable<string>? arguments = null, string? resetSignal = null)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, DllName);
        Assert.True(File.Exists(dll), $"The emulator is not built next to the tests: {dll}");
        var port = FreePort();
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        if (resetSignal is null)
        {
            start.FileName = DotnetHost();
        }
        else
        {
            start.FileName = "env";
            start.ArgumentList.Add("--default-signal=" + resetSignal);
            start.ArgumentList.Add(DotnetHost());
        }

        start.ArgumentList.Add(dll);
        start.ArgumentList.Add(string.Create(CultureInfo.InvariantCulture, $"--port={port}"));
        foreach (var argument in arguments ?? [])
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        var emulator = new EmulatorProcess(process, port);
        process.OutputDataReceived += (_, e) => emulator.Append(e.Data);
        process.ErrorDataReceived += (_, e) => emulator.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await emulator.WaitUntilAnsweringAsync();
        }
        catch
        {
            await emulator.DisposeAsync();
            throw;
        }

        return emulator;
    }

    /// <summary>Sends a POSIX signal the way an operator or a supervisor does.</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, Id.ToString(CultureInfo.InvariantCulture)])
        {
            UseShellExecute = false,
        })!;
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>True when the process ended within <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task WaitUntilAnsweringAsync()
    {
        var deadline = DateTime.UtcNow + StartupTimeout;
        while (true)
        {
            Assert.False(_process.HasExited, $"The emulator process ended while starting:\n{Output}");
            try
            {
                using var response = await Http.GetAsync("_emulator/");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            Assert.True(DateTime.UtcNow < deadline, $"The emulator did not answer GET /_emulator/ within {StartupTimeout}:\n{Output}");
            await Task.Delay(100);
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    /// <summary>The dotnet host running these tests (the CLI tells child processes where it is), else the one on PATH.</summary>
    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }

        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }

    /// <summary>A port nobody listens on right now; the emulator binds it a moment later.</summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
