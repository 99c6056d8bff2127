using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Import.FetchOrders;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Malls.Authorize;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.Scheduling;
using GoQ.TikTokSync.Core.Shipping.EnterTracking;
using GoQ.TikTokSync.Core.Shipping.Push;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.TikTokShop.Emulator.Fulfillment;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Testing.Cluster;

/// <summary>
/// What an administrator's browser does in these scenarios, done with the app's own services on the shared database: the
/// same code as the nodes, in the test process, with no job server of its own (jobs it enqueues run on the nodes). It
/// migrates the database first, as the first node of a fresh deployment would.
/// </summary>
public sealed class ClusterConsole : WebApplicationFactory<Program>
{
    public const string OperatorName = "cluster-test@example.jp";

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "goq-cluster-console-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly IReadOnlyDictionary<string, string> _settings;
    private static long _trackingSerial = 20_000_000 + (DateTime.UtcNow.Ticks % 1_000_000);

    public ClusterConsole(IReadOnlyDictionary<string, string> settings) => _settings = settings;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Found without the test-project manifest, so that the resilience benchmark (not a test project) can host it too.
        builder.UseContentRoot(Path.Combine(PublishedApp.RepositoryRoot(), "src", "GoQ.TikTokSync.Web"));
        builder.UseSetting("App:DataDirectory", _dataDirectory);
        builder.UseSetting("BackgroundJobs:ServerEnabled", "false");
        // The nodes' logs are what a scenario is about (artifacts/cluster-logs); the console's own would only bury them.
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key.Replace("__", ":", StringComparison.Ordinal), value);
        }
    }

    public void Start() => _ = Services;

    /// <summary>認証 (code approved on the emulator) → callback → ショップ変更 → モール詳細設定 with 自動取得 and 自動書き出し on.</summary>
    public async Task<int> ConnectShopAsync(EmulatorProcess emulator, bool autoFetch, bool autoExport)
    {
        using var scope = Services.CreateScope();
        var provider = scope.ServiceProvider;
        await AppRoles.EnsureCreatedAsync(provider.GetRequiredService<RoleManager<IdentityRole>>());
        var users = provider.GetRequiredService<UserManager<AppUser>>();
        var admin = new AppUser { UserName = OperatorName, Email = OperatorName, DisplayName = "クラスタ試験", EmailConfirmed = true };
        Require((await users.CreateAsync(admin, "Cluster-Passw0rd!")).Succeeded, "creating the administrator failed");
        await users.AddToRoleAsync(admin, AppRoles.Admin);

        var db = provider.GetRequiredService<TikTokSyncDbContext>();
        var connection = new MallConnection { DisplayName = "TikTok Shop 1号店", CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow };
        db.MallConnections.Add(connection);
        await db.SaveChangesAsync();

        var authorization = provider.GetRequiredService<ShopAuthorization>();
        var url = await authorization.BeginAsync(connection.Id, admin.Id, CancellationToken.None);
        var state = QueryHelpers.ParseQuery(url.Query)["state"].ToString();
        var result = await authorization.CompleteAsync(state, await emulator.CreateAuthorizationCodeAsync(), null, admin.Id, CancellationToken.None);
        Require(result.Outcome == AuthorizationOutcome.Authorized, $"authorization ended {result.Outcome}");
        Require(await authorization.SelectShopAsync(connection.Id, EmulatorProcess.ShopId, CancellationToken.None), "ショップ変更 failed");

        var saved = await db.MallConnections.SingleAsync(c => c.Id == connection.Id);
        saved.AutoFetchEnabled = autoFetch;
        saved.AutoExportEnabled = autoExport;
        saved.FetchDays = 1;
        await db.SaveChangesAsync();
        provider.GetRequiredService<AutoFetchSchedule>().Apply(saved);
        return connection.Id;
    }

    /// <summary>An operator enters a ヤマト tracking number for each order (one package with all its lines).</summary>
    public async Task<IReadOnlyList<long>> EnterTrackingAsync(IEnumerable<string> tikTokOrderIds)
    {
        var wanted = tikTokOrderIds.ToHashSet(StringComparer.Ordinal);
        var orderIds = await QueryAsync(db => db.Orders.Where(o => wanted.Contains(o.TikTokOrderId)).Select(o => o.Id).ToListAsync());
        Require(wanted.Count == orderIds.Count, $"{orderIds.Count} of {wanted.Count} orders are in the store");
        var packages = new List<long>();
        foreach (var orderId in orderIds)
        {
            using var scope = Services.CreateScope();
            var tracking = JapaneseCarriers.MakeTrackingNumber(JapaneseCarriers.Yamato, Interlocked.Increment(ref _trackingSerial));
            var result = await scope.ServiceProvider.GetRequiredService<ShippingEntry>()
                .SaveAsync(orderId, null, new PackageInput(Carrier.Yamato, tracking, null), null, OperatorName, CancellationToken.None);
            Require(result.Saved, string.Join(" / ", result.Errors.Select(e => e.Message)));
            packages.Add(result.PackageId!.Value);
        }

        return packages;
    }

    /// <summary>データ取込 › モール詳細の取得日数で取得: enqueued; a node runs it.</summary>
    public async Task StartManualFetchAsync(int connectionId)
    {
        using var scope = Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<ManualFetch>().StartAsync(connectionId, null, null, OperatorName, CancellationToken.None);
    }

    /// <summary>データ書出 › 発送情報を更新: enqueued; a node runs it.</summary>
    public async Task StartPushAsync(int connectionId)
    {
        using var scope = Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<ShippingExport>().StartAsync(connectionId, null, null, null, OperatorName, CancellationToken.None);
    }

    public async Task<T> QueryAsync<T>(Func<TikTokSyncDbContext, Task<T>> query)
    {
        using var scope = Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<TikTokSyncDbContext>());
    }

    private static void Require(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException(what);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
