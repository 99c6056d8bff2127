using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Import.FetchOrders;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Malls.Authorize;
using GoQ.TikTokSync.Core.ProcessingLog;
using GoQ.TikTokSync.TikTokShop.Emulator;
using GoQ.TikTokSync.Web.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Web.Tests.Infrastructure;

/// <summary>Test steps that stand for what an operator does in the UI: connect a shop, run a fetch.</summary>
public static class ConnectedShop
{
    public static IEmulatorControl Emulator(this TikTokSyncWebFactory factory) =>
        factory.Services.GetRequiredService<TikTokShopSetup.DemoEmulator>().Handle.Control;

    public static async Task<int> AddConnectionAsync(this TikTokSyncWebFactory factory, Action<MallConnection>? configure = null)
    {
        var connection = new MallConnection { DisplayName = "TikTok Shop 1号店", CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow };
        configure?.Invoke(connection);
        await factory.WithDbAsync(async db =>
        {
            db.MallConnections.Add(connection);
            await db.SaveChangesAsync();
        });
        return connection.Id;
    }

    /// <summary>認証 → consent (approved in the emulator) → callback → ショップ変更, without a browser.</summary>
    public static async Task<int> AddAuthorizedConnectionAsync(this TikTokSyncWebFactory factory, string userId, Action<MallConnection>? configure = null)
    {
        var id = await factory.AddConnectionAsync(configure);
        using var scope = factory.Services.CreateScope();
        var authorization = scope.ServiceProvider.GetRequiredService<ShopAuthorization>();
        var state = await BeginAsync(authorization, id, userId);
        var code = factory.Emulator().CreateAuthorizationCode(DemoDefaults.SellerLoginId);
        var result = await authorization.CompleteAsync(state, code, null, userId, CancellationToken.None);
        Assert.Equal(AuthorizationOutcome.Authorized, result.Outcome);
        Assert.True(await authorization.SelectShopAsync(id, DemoDefaults.ShopId, CancellationToken.None));
        return id;
    }

    public static async Task<string> BeginAsync(ShopAuthorization authorization, int connectionId, string userId)
    {
        var url = await authorization.BeginAsync(connectionId, userId, CancellationToken.None);
        return QueryHelpers.ParseQuery(url.Query)["state"].ToString();
    }

    public static async Task<ProcessingLogEntry> ImportAsync(this TikTokSyncWebFactory factory, int connectionId, ImportMode mode, DateTime? fromUtc = null, DateTime? toUtc = null)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TikTokSyncDbContext>();
        var entry = new ProcessingLogEntry
        {
            Kind = mode == ImportMode.Incremental ? ProcessingKind.AutoFetch : ProcessingKind.ManualFetch,
            Trigger = ProcessingTrigger.Manual,
            MallConnectionId = connectionId,
            StartedAtUtc = DateTime.UtcNow,
            RangeFromUtc = fromUtc,
            RangeToUtc = toUtc,
        };
        db.ProcessingLogEntries.Add(entry);
        await db.SaveChangesAsync();
        return await scope.ServiceProvider.GetRequiredService<OrderImport>().RunAsync(entry.Id, mode, CancellationToken.None);
    }

    public static async Task<T> QueryAsync<T>(this TikTokSyncWebFactory factory, Func<TikTokSyncDbContext, Task<T>> query)
    {
        using var scope = factory.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<TikTokSyncDbContext>());
    }

    public static Task<MallConnection> ConnectionAsync(this TikTokSyncWebFactory factory, int id) =>
        factory.QueryAsync(db => db.MallConnections.AsNoTracking().SingleAsync(c => c.Id == id));
}
