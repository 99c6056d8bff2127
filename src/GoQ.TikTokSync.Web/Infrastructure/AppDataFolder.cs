namespace GoQ.TikTokSync.Web.Infrastructure;

/// <summary>Where the embedded store, the Hangfire SQLite file and the log files live on this machine.</summary>
public sealed class AppDataFolder(string path)
{
    public string Path { get; } = path;

    public string Resolve(string fileOrRelativePath) =>
        System.IO.Path.IsPathRooted(fileOrRelativePath) ? fileOrRelativePath : System.IO.Path.Combine(Path, fileOrRelativePath);
}

public static class AppDataFolderSetup
{
    public const string ConfigurationKey = "App:DataDirectory";

    public static IServiceCollection AddAppDataFolder(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var folder = ResolveDataDirectory(configuration, environment);
        Directory.CreateDirectory(folder);
        return services.AddSingleton(new AppDataFolder(folder));
    }

    public static string ResolveDataDirectory(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration[ConfigurationKey];
        var folder = string.IsNullOrWhiteSpace(configured) ? "App_Data" : configured;
        return Path.GetFullPath(Path.IsPathRooted(folder) ? folder : Path.Combine(environment.ContentRootPath, folder));
    }
}
