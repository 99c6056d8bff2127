using System.Diagnostics;

namespace GoQ.TikTokSync.Testing.Cluster;

/// <summary>
/// The web project published exactly as the README and the Dockerfile do it (<c>dotnet publish src/GoQ.TikTokSync.Web -c
/// Release -o dir</c>), once per test run. GOQ_PUBLISHED_APP points at an existing publish folder instead.
/// </summary>
public static class PublishedApp
{
    public const string FolderVariable = "GOQ_PUBLISHED_APP";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _folder;

    public static string WebDll(string folder) => Path.Combine(folder, "GoQ.TikTokSync.Web.dll");

    public static string EmulatorDll(string folder) => Path.Combine(folder, "GoQ.TikTokSync.TikTokShop.Emulator.dll");

    public static async Task<string> FolderAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return _folder ??= Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } given ? given : await PublishAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<string> PublishAsync()
    {
        var root = RepositoryRoot();
        var output = Path.Combine(root, "artifacts", "published-app");
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "publish", "src/GoQ.TikTokSync.Web", "-c", "Release", "-o", output })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
        }

        return output;
    }

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "GoQ.TikTokSync.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("GoQ.TikTokSync.sln not found above " + AppContext.BaseDirectory);
    }
}
