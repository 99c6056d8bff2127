using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.Testing.Stores;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Web.Tests.Infrastructure;

/// <summary>
/// The real app on a real SQLite file in a fresh temporary folder (or a throwaway PostgreSQL database, see <see cref="Provider"/>), with the Hangfire server running on its SQLite storage
/// (so one process exercises EF Core's SQLite and Hangfire's SQLite side by side, as build-notes advise).
/// </summary>
public sealed class TikTokSyncWebFactory : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@example.jp";
    public const string OperatorEmail = "operator@example.jp";
    public const string Password = "Test-Passw0rd!";

    /// <summary>The 初期設定 code this app accepts (Setup:Code, which only tests set; a real install prints a random one).</summary>
    public const string SetupCode = "TEST-SETUP-CODE-0001";

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "goq-web-tests-" + Guid.NewGuid().ToString("N"));

    /// <summary>Orders the in-process emulator generates for its demo shop over the last 14 days.</summary>
    public int SeedOrders { get; init; }

    /// <summary>A fake clock shared by the app and its in-process emulator, when a test needs to move time.</summary>
    public TimeProvider? Time { get; init; }

    /// <summary>Extra configuration values (e.g. shorter client retry delays), applied on top of the defaults above.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>The order store (and Hangfire's storage with it): a SQLite file by default, or a throwaway PostgreSQL database.</summary>
    public DatabaseProvider Provider { get; init; } = DatabaseProvider.Sqlite;

    private PostgreSqlTestDatabase? _postgres;

    /// <summary>The hosting environment; "Production" for what only production does (HSTS).</summary>
    public string EnvironmentName { get; init; } = "Testing";

    /// <summary>False to leave Setup:Code unset, so the app makes and logs a random code as a real install does.</summary>
    public bool FixedSetupCode { get; init; } = true;

    /// <summary>Replaces or decorates app services (e.g. a TikTok client that loses responses).</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        // Outside Development the build's static-asset manifest (with its pre-compressed variants under obj/) is not
        // wired up automatically; a published app has those files in wwwroot instead.
        builder.UseStaticWebAssets();
        builder.UseSetting("App:DataDirectory", DataDirectory);
        builder.UseSetting("BackgroundJobs:WorkerCount", "1");
        builder.UseSetting("TikTokShop:Emulator:Enabled", "true");
        builder.UseSetting("TikTokShop:Emulator:SeedOrders", SeedOrders.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Seeded orders keep their simple shape; tests that want TikTok's packages ask the emulator's control surface.
        builder.UseSetting("TikTokShop:Emulator:PreShippingSplitShare", "0");
        builder.UseSetting("TikTokShop:Emulator:CombinedOrderShare", "0");
        if (FixedSetupCode)
        {
            builder.UseSetting("Setup:Code", SetupCode);
        }

        if (Provider == DatabaseProvider.PostgreSql)
        {
            // The host is built synchronously; the database must exist before the app migrates it on start.
            _postgres ??= PostgreSqlTestDatabase.CreateAsync().GetAwaiter().GetResult();
            builder.UseSetting("Database:Provider", nameof(DatabaseProvider.PostgreSql));
            builder.UseSetting("Database:PostgreSqlConnectionString", _postgres.ConnectionString);
            builder.UseSetting("Database:MigrateOnStartup", "true");
        }

        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        if (Time is not null)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(Time));
        }

        if (TestServices is not null)
        {
            builder.ConfigureTestServices(TestServices);
        }
    }

    public async Task<AppUser> CreateUserAsync(string email, string role)
    {
        using var scope = Services.CreateScope();
        await AppRoles.EnsureCreatedAsync(scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>());

        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, DisplayName = email, EmailConfirmed = true };
        var result = await users.CreateAsync(user, Password);
        Assert.True(result.Succeeded, string.Join(", ", result.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, role);
        return user;
    }

    public async Task WithDbAsync(Func<TikTokSyncDbContext, Task> action)
    {
        using var scope = Services.CreateScope();
        await action(scope.ServiceProvider.GetRequiredService<TikTokSyncDbContext>());
    }

    public HttpClient CreateBrowserlessClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Hangfire may still hold its file for a moment; a leftover temp folder is harmless.
        }
    }
}
