using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.ProcessingLog;
using GoQ.TikTokSync.Core.Scheduling;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.TikTokShop.Emulator.Fulfillment;
using GoQ.TikTokSync.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Web.Tests.Shipping.Push;

/// <summary>The JP one-correction rule, 自動書き出し in the 10-minute job, and the status move after a push.</summary>
public sealed class TrackingCorrectionAndAutoExportTests : IAsyncLifetime
{
    private readonly TikTokSyncWebFactory _factory = new() { Settings = ExportTestKit.QuickRetries };
    private int _connectionId;

    public async Task InitializeAsync()
    {
        var admin = await _factory.CreateUserAsync(TikTokSyncWebFactory.AdminEmail, AppRoles.Admin);
        _connectionId = await _factory.AddAuthorizedConnectionAsync(admin.Id);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task TrackingChangedAfterPush_IsCorrectedOnceThenASecondChangeIsRefusedWithTheReason()
    {
        var (orderId, tikTokId) = (await _factory.CreateAndImportAsync(_connectionId, 1))[0];
        var packageId = await _factory.EnterValidAsync(orderId, Carrier.Yamato, ExportTestKit.NextTracking(JapaneseCarriers.Yamato));
        await _factory.PushAsync(_connectionId);
        var corrected = ExportTestKit.NextTracking(JapaneseCarriers.Sagawa);

        var change = await _factory.EnterAsync(orderId, Carrier.Sagawa, corrected, packageId: packageId);
        var list = await _factory.ListAsync(_connectionId);
        var run = await _factory.PushAsync(_connectionId);

        Assert.True(change.Saved);
        Assert.True(Assert.Single(list.Candidates).IsCorrection);
        Assert.Equal(1, run.Updated);
        var shipping = _factory.Emulator().GetShipping(tikTokId)!;
        Assert.Equal(1, shipping.ShipCallCount);
        Assert.Equal(1, shipping.UpdateShippingInfoCallCount);
        Assert.Equal(corrected, Assert.Single(shipping.Packages).TrackingNumber);
        var package = await _factory.PackageAsync(packageId);
        Assert.Equal(ShipmentPushState.Pushed, package.PushState);
        Assert.Equal(corrected, package.PushedTrackingNumber);

        var second = await _factory.EnterAsync(orderId, Carrier.Sagawa, ExportTestKit.NextTracking(JapaneseCarriers.Sagawa), packageId: packageId);

        Assert.False(second.Saved);
        Assert.Contains("1注文につき1回まで", Assert.Single(second.Errors).Message, StringComparison.Ordinal);
        Assert.Equal(corrected, (await _factory.PackageAsync(packageId)).TrackingNumber);
    }

    [Fact]
    public async Task AutoFetchJob_AutoExportOn_PushesAfterImportAndLogsAnExportRun()
    {
        await _factory.WithDbAsync(db => db.MallConnections.Where(c => c.Id == _connectionId).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.AutoFetchEnabled, true).SetProperty(c => c.AutoExportEnabled, true).SetProperty(c => c.StatusAfterPush, GoqOrderStatus.Processed)));
        var (orderId, tikTokId) = (await _factory.CreateAndImportAsync(_connectionId, 1))[0];
        await _factory.EnterValidAsync(orderId, Carrier.Yamato, ExportTestKit.NextTracking(JapaneseCarriers.Yamato));

        await RunAutoFetchJobAsync();

        Assert.Equal(1, _factory.Emulator().GetShipping(tikTokId)!.ShipCallCount);
        var export = await _factory.QueryAsync(db => db.ProcessingLogEntries.SingleAsync(e => e.Kind == ProcessingKind.Export));
        Assert.Equal(ProcessingTrigger.Automatic, export.Trigger);
        Assert.Equal(ProcessingResult.Success, export.Result);
        Assert.Equal(1, export.Updated);
        var order = await _factory.QueryAsync(db => db.Orders.AsNoTracking().SingleAsync(o => o.Id == orderId));
        Assert.Equal(GoqOrderStatus.Processed, order.GoqStatus);
    }

    [Fact]
    public async Task AutoFetchJob_AutoExportOff_SendsNothingAndLeavesTheStatus()
    {
        await _factory.WithDbAsync(db => db.MallConnections.Where(c => c.Id == _connectionId).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.AutoFetchEnabled, true).SetProperty(c => c.AutoExportEnabled, false)));
        var (orderId, tikTokId) = (await _factory.CreateAndImportAsync(_connectionId, 1))[0];
        await _factory.EnterValidAsync(orderId, Carrier.Yamato, ExportTestKit.NextTracking(JapaneseCarriers.Yamato));

        await RunAutoFetchJobAsync();

        Assert.Equal(0, _factory.Emulator().GetShipping(tikTokId)?.ShipAttemptCount ?? 0);
        Assert.False(await _factory.QueryAsync(db => db.ProcessingLogEntries.AnyAsync(e => e.Kind == ProcessingKind.Export)));
        Assert.Equal(ShipmentPushState.Pending, await _factory.QueryAsync(db => db.ShippingPackages.Where(p => p.OrderId == orderId).Select(p => p.PushState).SingleAsync()));
    }

    private async Task RunAutoFetchJobAsync()
    {
        using var scope = _factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<AutoFetchJob>().RunAsync(_connectionId, CancellationToken.None);
    }
}
