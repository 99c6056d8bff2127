using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Import.FetchOrders;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Malls.Authorize;
using GoQ.TikTokSync.Core.ProcessingLog;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.TikTokShop.Emulator;
using GoQ.TikTokSync.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Browser.Tests.Infrastructure;

/// <summary>The real app on a loopback Kestrel port, with its own SQLite files, for a real browser to drive.</summary>
public sealed class KestrelAppFactory : WebApplicationFactory<Program>
{
    public const string Password = "Browser-Passw0rd!";

    /// <summary>The 初期設定 code (Setup:Code, set by tests only; a real install prints a random one to its console).</summary>
    public const string SetupCode = "BROWSER-SETUP-CODE-01";

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "goq-browser-tests-" + Guid.NewGuid().ToString("N"));

    public KestrelAppFactory() => UseKestrel(0);

    /// <summary>Orders the in-process emulator generates for its demo shop over the last 14 days.</summary>
    public int SeedOrders { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Outside Development the build's static-asset manifest (with its pre-compressed variants under obj/) is not
        // wired up automatically; a published app has those files in wwwroot instead.
        builder.UseStaticWebAssets();
        builder.UseSetting("App:DataDirectory", _dataDirectory);
        builder.UseSetting("BackgroundJobs:WorkerCount", "1");
        builder.UseSetting("TikTokShop:Emulator:Enabled", "true");
        builder.UseSetting("TikTokShop:Emulator:SeedOrders", SeedOrders.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Setup:Code", SetupCode);
    }

    public Uri StartAndGetBaseAddress()
    {
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
    }

    public async Task CreateUserAsync(string email, string role)
    {
        using var scope = Services.CreateScope();
        await AppRoles.EnsureCreatedAsync(scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>());

        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, DisplayName = email, EmailConfirmed = true };
        var result = await users.CreateAsync(user, Password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(", ", result.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(user, role);
    }

    /// <summary>The in-process emulator standing in for TikTok Shop.</summary>
    public IEmulatorControl Emulator => Services.GetRequiredService<TikTokShopSetup.DemoEmulator>().Handle.Control;

    /// <summary>
    /// An administrator (created here) connected the emulator's demo shop: authorized through the real OAuth services and chose the shop.
    /// For journeys that start after that; the authorization journey itself goes through the screens.
    /// </summary>
    public async Task<int> ConnectDemoShopAsync(string adminEmail)
    {
        await CreateUserAsync(adminEmail, AppRoles.Admin);
        using var scope = Services.CreateScope();
        var admin = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(adminEmail);
        var connection = new MallConnection { DisplayName = "TikTok Shop 1号店", CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow };
        var db = scope.ServiceProvider.GetRequiredService<TikTokSyncDbContext>();
        db.MallConnections.Add(connection);
        await db.SaveChangesAsync();
        var authorization = scope.ServiceProvider.GetRequiredService<ShopAuthorization>();
        var url = await authorization.BeginAsync(connection.Id, admin!.Id, CancellationToken.None);
        await authorization.CompleteAsync(QueryHelpers.ParseQuery(url.Query)["state"], Emulator.CreateAuthorizationCode(DemoDefaults.SellerLoginId), null, admin.Id, CancellationToken.None);
        await authorization.SelectShopAsync(connection.Id, DemoDefaults.ShopId, CancellationToken.None);
        return connection.Id;
    }

    /// <summary>
    /// The demo shop connected (<see cref="ConnectDemoShopAsync"/>) and one order per request created on the emulator and
    /// fetched as モール詳細の取得日数で取得 would: for journeys that start with orders in 受注一覧.
    /// </summary>
    public async Task<IReadOnlyList<(long OrderId, string TikTokOrderId)>> ConnectDemoShopWithOrdersAsync(string adminEmail, params NewOrderRequest[] orders)
    {
        var connectionId = await ConnectDemoShopAsync(adminEmail);
        var tikTokOrderIds = orders.Select(order => Emulator.CreateOrder(DemoDefaults.ShopId, order)).ToList();
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TikTokSyncDbContext>();
        var entry = new ProcessingLogEntry { Kind = ProcessingKind.ManualFetch, Trigger = ProcessingTrigger.Manual, TriggeredBy = adminEmail, MallConnectionId = connectionId, StartedAtUtc = DateTime.UtcNow };
        db.ProcessingLogEntries.Add(entry);
        await db.SaveChangesAsync();
        await scope.ServiceProvider.GetRequiredService<OrderImport>().RunAsync(entry.Id, ImportMode.ConfiguredDays, CancellationToken.None);
        var stored = await db.Orders.Where(o => tikTokOrderIds.Contains(o.TikTokOrderId)).ToDictionaryAsync(o => o.TikTokOrderId, o => o.Id);
        return [.. tikTokOrderIds.Select(id => (stored[id], id))];
    }

    public async Task WithDbAsync(Func<TikTokSyncDbContext, Task> action)
    {
        using var scope = Services.CreateScope();
        await action(scope.ServiceProvider.GetRequiredService<TikTokSyncDbContext>());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Hangfire may hold its file a moment longer; a leftover temp folder is harmless.
        }
    }
}
