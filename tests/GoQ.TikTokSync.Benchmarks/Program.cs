using GoQ.TikTokSync.Benchmarks;

// Speed and memory figures for the TikTok Shop client against the in-process emulator. Each scenario lives in its own
// file; add one by adding a case here and a line to the usage text.
const string Usage = """
    usage: dotnet run -c Release --project tests/GoQ.TikTokSync.Benchmarks -- <scenario> [arguments]

    scenarios:
      page-orders [count] [--qps N] [--page-size N]
          Seeds <count> orders (default 50000) into the emulator and pages through all of them with
          SearchOrderPagesAsync. --qps sets both the client's and the emulator's per-endpoint limit
          (default 50, the documented TikTok figure); --page-size defaults to 100 (the maximum).
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
        "help" or "--help" or "-h" => PrintUsage(Console.Out),
        _ => PrintUsage(Console.Error, $"unknown scenario '{args[0]}'"),
    };
}
catch (ArgumentException invalid)
{
    return PrintUsage(Console.Error, invalid.Message);
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
