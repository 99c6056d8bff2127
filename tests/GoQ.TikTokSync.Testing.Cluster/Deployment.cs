using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.ProcessingLog;
using GoQ.TikTokSync.Testing.Stores;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Testing.Cluster;

/// <summary>
/// One deployment for one scenario: a fresh PostgreSQL database, the emulator process, the console that stands for the
/// administrator, and app nodes (the published app, started on demand, killed and restarted by the scenario).
/// </summary>
public sealed class Deployment : IAsyncDisposable
{
    private readonly List<AppNode> _nodes = [];

    private Deployment(PostgreSqlTestDatabase database, EmulatorProcess emulator, string publishFolder, IReadOnlyDictionary<string, string> nodeSettings)
    {
        Database = database;
        Emulator = emulator;
        PublishFolder = publishFolder;
        NodeSettings = nodeSettings;
        Console = new ClusterConsole(nodeSettings);
    }

    public PostgreSqlTestDatabase Database { get; }

    public EmulatorProcess Emulator { get; }

    public string PublishFolder { get; }

    public IReadOnlyDictionary<string, string> NodeSettings { get; }

    public ClusterConsole Console { get; }

    public IReadOnlyList<AppNode> Nodes => _nodes;

    /// <summary>
    /// Settings every node gets besides the store and the emulator: jobs polled every second, the recurring fetch every
    /// 5 seconds, and short lease, heartbeat and stale-claim times so that a killed node's work is taken over in seconds.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> AcceleratedSchedule = new Dictionary<string, string>
    {
        ["BackgroundJobs__SchedulePollingInterval"] = "00:00:01",
        ["BackgroundJobs__WorkerCount"] = "4",
        ["MallSettings__AutoFetchCron"] = "*/5 * * * * *",
    };

    public static async Task<Deployment> StartAsync(IReadOnlyDictionary<string, string>? extraSettings = null, params string[] emulatorArguments)
    {
        var folder = await PublishedApp.FolderAsync();
        var database = await PostgreSqlTestDatabase.CreateAsync();
        var emulator = await EmulatorProcess.StartAsync(folder, emulatorArguments);
        var settings = new Dictionary<string, string>(emulator.AppSettings)
        {
            ["Database__Provider"] = "PostgreSql",
            ["Database__PostgreSqlConnectionString"] = database.ConnectionString,
            ["Database__MigrateOnStartup"] = "true",
            // The key ring in the shared database is encrypted with this file's key: every node (and the console) needs the same one.
            ["DataProtection__KeyFilePath"] = Path.Combine(Path.GetTempPath(), "goq-cluster-keyring-" + Guid.NewGuid().ToString("N")[..8] + ".key"),
        };
        foreach (var (key, value) in AcceleratedSchedule.Concat(extraSettings ?? new Dictionary<string, string>()))
        {
            settings[key] = value;
        }

        var cluster = new Deployment(database, emulator, folder, settings);
        cluster.Console.Start();
        return cluster;
    }

    public AppNode AddNode(string name)
    {
        var node = new AppNode(name, PublishFolder, NodeSettings);
        _nodes.Add(node);
        return node;
    }

    /// <summary>Polls the store until the condition holds; fails with what it last saw.</summary>
    public async Task WaitUntilAsync<T>(Func<Core.Data.TikTokSyncDbContext, Task<T>> read, Func<T, bool> done, TimeSpan within, string what)
    {
        var deadline = DateTime.UtcNow + within;
        T last;
        while (true)
        {
            last = await Console.QueryAsync(read);
            if (done(last))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what} not reached within {within}; last seen: {last}\n{Describe()}");
            }

            // Short: a scenario kills a node when a count is reached, and the kill should land close to that moment.
            await Task.Delay(200);
        }
    }

    public Task<int> CountOrdersAsync() => Console.QueryAsync(db => db.Orders.CountAsync());

    public Task<Dictionary<ShipmentPushState, int>> PackageStatesAsync() =>
        Console.QueryAsync(db => db.ShippingPackages.GroupBy(p => p.PushState).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count));

    public Task<List<ProcessingLogEntry>> UnfinishedEntriesAsync() =>
        Console.QueryAsync(db => db.ProcessingLogEntries.AsNoTracking().Where(e => e.FinishedAtUtc == null).ToListAsync());

    private string Describe() => string.Join("\n", _nodes.Select(n => $"{n.Name}: {(n.IsRunning ? "running" : "stopped")} log {(n.IsRunning ? n.Process.LogPath : "-")}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        await Console.DisposeAsync();
        await Emulator.DisposeAsync();
        await Database.DisposeAsync();
        File.Delete(NodeSettings["DataProtection__KeyFilePath"]);
    }
}
