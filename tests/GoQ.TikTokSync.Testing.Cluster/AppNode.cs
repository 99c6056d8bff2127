using System.Globalization;

namespace GoQ.TikTokSync.Testing.Cluster;

/// <summary>One node of the published app in Production, on its own port and data folder.</summary>
public sealed class AppNode : IAsyncDisposable
{
    private readonly string _publishFolder;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private ChildProcess? _process;
    private int _starts;

    public AppNode(string name, string publishFolder, IReadOnlyDictionary<string, string> settings)
    {
        Name = name;
        _publishFolder = publishFolder;
        _settings = settings;
        Port = ChildProcess.FreePort();
        DataDirectory = Path.Combine(Path.GetTempPath(), "goq-cluster-" + name + "-" + Guid.NewGuid().ToString("N")[..8]);
    }

    public string Name { get; }

    public int Port { get; }

    public string DataDirectory { get; }

    public Uri BaseAddress => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}/"));

    public ChildProcess Process => _process ?? throw new InvalidOperationException($"{Name} is not running.");

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts the node (again, after a kill) and waits until /health answers.</summary>
    public async Task StartAsync(TimeSpan? within = null)
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        var environment = new Dictionary<string, string>(_settings)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["App__DataDirectory"] = DataDirectory,
        };
        _process = ChildProcess.Start($"{Name}-{++_starts}", PublishedApp.WebDll(_publishFolder), ["--urls", BaseAddress.ToString().TrimEnd('/')], environment);
        await WaitHealthyAsync(within ?? TimeSpan.FromSeconds(60));
    }

    private async Task WaitHealthyAsync(TimeSpan within)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode} while starting:\n{_process.ReadLog()}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("health", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"{Name} did not answer /health within {within}:\n{_process!.ReadLog()}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (IOException)
        {
        }
    }
}
