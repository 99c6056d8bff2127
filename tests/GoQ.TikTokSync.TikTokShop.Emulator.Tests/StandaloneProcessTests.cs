using System.Net.Http.Json;
using System.Text.Json;
using GoQ.TikTokSync.TikTokShop.Emulator.Tests.Support;

namespace GoQ.TikTokSync.TikTokShop.Emulator.Tests;

/// <summary>
/// The emulator run on its own (<c>dotnet GoQ.TikTokSync.TikTokShop.Emulator.dll --port=N</c>), as a multi-node or crash
/// test suite starts and stops it. Signals are POSIX: on Windows these tests have nothing to check.
/// </summary>
public sealed class StandaloneProcessTests
{
    private static readonly TimeSpan StopWithin = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Sigterm_StopsTheProcessCleanlyWithExitCode0()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        await using var emulator = await EmulatorProcess.StartAsync();

        await emulator.SignalAsync("TERM");
        var exited = await emulator.WaitForExitAsync(StopWithin);

        Assert.True(exited, $"The emulator was still running {StopWithin} after SIGTERM:\n{emulator.Output}");
        Assert.True(emulator.ExitCode == 0, $"Exit code {emulator.ExitCode}:\n{emulator.Output}");
    }

    [Fact]
    public async Task Sigint_AsFromCtrlC_StopsTheProcessCleanlyWithExitCode0()
    {
        // GNU env resets SIGINT to its default for the child: a runner started in the background would pass it on ignored.
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        await using var emulator = await EmulatorProcess.StartAsync(resetSignal: "INT");

        await emulator.SignalAsync("INT");
        var exited = await emulator.WaitForExitAsync(StopWithin);

        Assert.True(exited, $"The emulator was still running {StopWithin} after SIGINT:\n{emulator.Output}");
        Assert.True(emulator.ExitCode == 0, $"Exit code {emulator.ExitCode}:\n{emulator.Output}");
    }

    [Fact]
    public async Task PortAndEmulatorOptions_ComeFromTheCommandLine()
    {
        await using var emulator = await EmulatorProcess.StartAsync(
            ["--Emulator:SeedOrdersPerShop=7", "--Emulator:AppKey=cli-app-key", "--Emulator:RandomSeed=5"]);

        var orders = await emulator.Http.GetFromJsonAsync<JsonElement>("_emulator/orders");
        var cliKey = await emulator.Http.GetFromJsonAsync<JsonElement>(
            $"api/v2/token/get?app_key=cli-app-key&app_secret={DemoDefaults.AppSecret}&auth_code=nope&grant_type=authorized_code");
        var defaultKey = await emulator.Http.GetFromJsonAsync<JsonElement>(
            $"api/v2/token/get?app_key={DemoDefaults.AppKey}&app_secret={DemoDefaults.AppSecret}&auth_code=nope&grant_type=authorized_code");

        Assert.Equal(7, orders.GetArrayLength());
        Assert.Equal(36004004, cliKey.GetProperty("code").GetInt32());
        Assert.Equal(36009004, defaultKey.GetProperty("code").GetInt32());
        Assert.Contains($"listening on {emulator.BaseUrl}", emulator.Output, StringComparison.Ordinal);
    }
}
