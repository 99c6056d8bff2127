using GoQ.TikTokSync.TikTokShop.Emulator;
using Microsoft.Extensions.Configuration;

namespace GoQ.TikTokSync.TikTokShop.Emulator;

/// <summary>
/// Runs the emulator on its own: `dotnet run -- --Emulator:SeedOrdersPerShop=500 --port=5080`.
/// Options come from appsettings.json, environment variables (Emulator__AppKey=…) and the command line.
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

        await using var emulator = await TikTokShopEmulator.StartAsync(options, port);
        Console.WriteLine($"TikTok Shop emulator listening on {emulator.BaseUrl}");
        Console.WriteLine($"  app_key={options.AppKey} service_id={options.ServiceId} redirect={options.RedirectUrl}");
        Console.WriteLine($"  seller login: {string.Join(", ", options.Sellers.Select(s => s.LoginId))}");
        Console.WriteLine($"  authorize:   {emulator.BaseUrl}open/authorize?service_id={options.ServiceId}&state=demo");
        Console.WriteLine($"  control:     {emulator.BaseUrl}_emulator/");
        Console.WriteLine("Press Ctrl+C to stop.");

        var stop = new TaskCompletionSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.TrySetResult();
        };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.TrySetResult();
        await stop.Task;
    }
}
