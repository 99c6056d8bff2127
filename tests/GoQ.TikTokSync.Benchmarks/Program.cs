using GoQ.TikTokSync.Benchmarks;

// Speed and memory figures for the TikTok Shop client against the in-process emulator. Each scenario lives in its own
// file; add one by adding a case here and a line to the usage text.
const string Usage = """
    usage: dotnet run -c Release --project tests/GoQ.TikTokSync.Benchmarks -- <scenario> [arguments]

    Scenarios marked [store] also take --store Sqlite|PostgreSql, --connection CS (a PostgreSQL server without a
    database; the scenario creates and drops its own) and --json FILE (figures under stable keys plus "store").

    scenarios:
      page-orders [count] [--qps N] [--page-size N]
          Seeds <count> orders (default 50000) into the emulator and pages through all of them with
          SearchOrderPagesAsync. --qps sets both the client's and the emulator's per-endpoint limit
          (default 50, the documented TikTok figure); --page-size defaults to 100 (the maximum).
      import-orders [count] [--qps N] [store]
          Seeds <count> orders (default 50000, about 3 lines each) created in the last 6 days, runs the configured-days
          fetch (モール詳細の取得日数で取得) into a fresh store from an emulator in a child process (so the app's own
          peak working set is measured), then a no-change 10-minute run, the same pages fetched without storing and the
          same rows inserted raw (AddRange/SaveChanges per 1 000) into another fresh store. --json writes
          import_wall_s, import_api_floor_s, import_api_calls, import_app_peak_mib, import_raw_insert_s,
          import_fetch_only_s and store.
      emulator-host [count] [--qps N]
          The child import-orders starts: seeds <count> orders, prints its URL and serves until stdin closes.
      order-list [orders] [--iterations N] [--store Sqlite|PostgreSql] [--connection CS] [--json FILE]
          Fills a store with 100000 and then <orders> orders (default 1000000) and times, at both sizes, 受注一覧's first
          page with its tab counts, the tab counts alone, the 期限が近い page and the home page's 発送期限 counts.
          --connection names a PostgreSQL server (no database; one is created and dropped); --json writes
          list_p95_ms, list_counts_p95_ms, list_small_store_p95_ms and store.
      push-packages [count] [--qps N] [store]
          Creates <count> orders (default 5000), imports them, enters one Yamato package each and runs 発送情報を更新:
          ship calls/s as a share of the limit (default 50 QPS), 429s seen, packages left unpushed.
      webhook-latency [events] [--rate N] [store]
          Runs the webhook endpoint on loopback Kestrel with Hangfire (SQLite), registers it with the emulator, then
          creates and cancels orders on the emulator (<events> in all, default 200, at N per second, default 10):
          p50/p95 time until the store shows each order with TikTok's status.
      operation-history [rows] [--iterations N]
          Fills a SQLite store with <rows> 操作履歴 rows (default 1000000 over two years, 1-3 orders each) and times the
          screen's queries per filter (N requests each, default 20), the CSV of every row (streamed) and the daily purge.
      resilience [import-orders] [--push N] [--chaos N]
          Publishes the app and runs the cluster scenarios on two nodes sharing one PostgreSQL database (needs the test
          server of scripts/install-test-prerequisites.sh): kill -9 during an import of <import-orders> orders (default
          5000), kill -9 during a push of N packages (default 1000), and chaos on the emulator during import and push of
          N orders (default 500). Prints what each left: orders stored/duplicated, packages shipped/twice/stuck, log
          entries unfinished.
    """;

if (args.Length == 0)
{
    Console.Error.WriteLine(Usage);
    return 2;
}

try
{
    return args[0] switch
    {
        PageOrdersScenario.Name => await PageOrdersScenario.RunAsync(args[1..]),
        EmulatorHostProcess.Name => await EmulatorHostProcess.RunAsync(Count(args, 50_000), Option(args, "--qps", 50)),
        "import-orders" => await Run(() => ImportScenarios.RunImportAsync(Count(args, 50_000), Option(args, "--qps", 50), BenchmarkOptions.Parse(args))),
        OrderListScenario.Name => await Run(() => OrderListScenario.RunAsync(Count(args, 1_000_000), Option(args, "--iterations", 200), BenchmarkOptions.Parse(args))),
        PushPackagesScenario.Name => await Run(() => PushPackagesScenario.RunAsync(Count(args, 5_000), Option(args, "--qps", 50), BenchmarkOptions.Parse(args))),
        OperationHistoryScenario.Name => await Run(() => OperationHistoryScenario.RunAsync(Count(args, 1_000_000), Option(args, "--iterations", 20))),
        WebhookLatencyScenario.Name => await Run(() => WebhookLatencyScenario.RunAsync(Count(args, 200), Option(args, "--rate", 10), BenchmarkOptions.Parse(args))),
        ResilienceScenario.Name => await ResilienceScenario.RunAsync(Count(args, 5_000), Option(args, "--push", 1_000), Option(args, "--chaos", 500)),
        "help" or "--help" or "-h" => PrintUsage(Console.Out),
        _ => PrintUsage(Console.Error, $"unknown scenario '{args[0]}'"),
    };
}
catch (ArgumentException invalid)
{
    return PrintUsage(Console.Error, invalid.Message);
}

static int Count(string[] arguments, int fallback) =>
    arguments.Length > 1 && !arguments[1].StartsWith("--", StringComparison.Ordinal)
        ? int.Parse(arguments[1], System.Globalization.CultureInfo.InvariantCulture)
        : fallback;

static int Option(string[] arguments, string name, int fallback)
{
    var index = Array.IndexOf(arguments, name);
    return index >= 0 && index + 1 < arguments.Length ? int.Parse(arguments[index + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
}

static async Task<int> Run(Func<Task> scenario)
{
    await scenario();
    return 0;
}

static int PrintUsage(TextWriter writer, string? problem = null)
{
    if (problem is not null)
    {
        writer.WriteLine(problem);
    }

    writer.WriteLine(Usage);
    return problem is null ? 0 : 2;
}
