using System.Runtime.InteropServices;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GoQ.TikTokSync.TikTokShop.Emulator;

/// <summary>
/// Runs the emulator on its own: `dotnet run -- --Emulator:SeedOrdersPerShop=500 --port=5080`.
/// Options come from emulatorsettings.json, environment variables (Emulator__AppKey=…) and the command line.
/// A classic entry point rather than top-level statements: the app that hosts the emulator in-process has its own
/// global <c>Program</c>, and two public ones in one test run would be ambiguous.
/// </summary>
internal static class EmulatorEntryPoint
{
    /// <summary>
    /// Not appsettings.json: projects that host the emulator in-process receive this file in their output, and two
    /// appsettings.json files in one publish folder collide (NETSDK1152) or, in a build, one silently replaces the other.
    /// </summary>
    public const string SettingsFile = "emulatorsettings.json";

    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(5);

    public static async Task Main(string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile(SettingsFile, optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .Build();

        var section = configuration.GetSection(EmulatorOptions.SectionName);
        var options = new EmulatorOptions();

        // The binder appends to lists that already hold defaults; start from empty lists when configuration supplies them.
        if (section.GetSection(nameof(EmulatorOptions.Sellers)).Exists())
        {
            options.Sellers.Clear();
        }

        if (section.GetSection(nameof(EmulatorOptions.WebhookRetryDelays)).Exists())
        {
            options.WebhookRetryDelays.Clear();
        }

        if (section.GetSection(nameof(EmulatorOptions.GrantedScopes)).Exists())
        {
            options.GrantedScopes.Clear();
        }

        section.Bind(options);
        var port = configuration.GetValue("port", 5080);

        // A supervisor that stops the process (docker stop, a test killing a node) must not wait long for requests held
        // by injected latency; those clients are about to lose the emulator anyway.
        await using var emulator = await TikTokShopEmulator.StartAsync(
            options, port, builder => builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout));
        Console.WriteLine($"TikTok Shop emulator listening on {emulator.BaseUrl}");
        Console.WriteLine($"  app_key={options.AppKey} service_id={options.ServiceId} redirect={options.RedirectUrl}");
        Console.WriteLine($"  seller login: {string.Join(", ", options.Sellers.Select(s => s.LoginId))}");
        Console.WriteLine($"  authorize:   {emulator.BaseUrl}open/authorize?service_id={options.ServiceId}&state=demo");
        Console.WriteLine($"  control:     {emulator.BaseUrl}_emulator/");
        Console.WriteLine("Press Ctrl+C to stop.");

        // The emulator's host is only started, never run, so its console lifetime merely flags the application as
        // stopping and the process would go on serving. SIGTERM (docker stop, a supervisor), SIGINT (Ctrl+C) and SIGQUIT
        // all leave Main instead, and disposing the emulator stops Kestrel and the background services: exit code 0.
        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.TrySetResult();
        }

        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigquit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, Stop);
        await stop.Task;
        Console.WriteLine("Stopping.");
    }
}
