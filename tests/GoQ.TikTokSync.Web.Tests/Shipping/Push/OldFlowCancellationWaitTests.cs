using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Malls.MapCarriers;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.ProcessingLog;
using GoQ.TikTokSync.Core.Scheduling;
using GoQ.TikTokSync.Core.Shipping.Push;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.TikTokShop.Emulator;
using GoQ.TikTokSync.TikTokShop.Emulator.Fulfillment;
using GoQ.TikTokSync.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GoQ.TikTokSync.Web.Tests.Shipping.Push;

/// <summary>
/// The old flow without ON_HOLD (is_on_hold_order=false): an order reads AWAITING_SHIPMENT while its buyer may still cancel,
/// so 自動書き出し leaves it until the wait after payment has passed, and データ書出 says until when.
/// </summary>
public sealed class OldFlowCancellationWaitTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly TikTokSyncWebFactory _factory;
    private HttpClient _client = null!;
    private int _connectionId;

    public OldFlowCancellationWaitTests()
    {
        _factory = new TikTokSyncWebFactory { Time = _time, Settings = ExportTestKit.QuickRetries };
    }

    public async Task InitializeAsync()
    {
        var admin = await _factory.CreateUserAsync(TikTokSyncWebFactory.AdminEmail, AppRoles.Admin);
        _connectionId = await _factory.AddAuthorizedConnectionAsync(admin.Id);
        await _factory.WithDbAsync(db => db.MallConnections.Where(c => c.Id == _connectionId).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.AutoFetchEnabled, true).SetProperty(c => c.AutoExportEnabled, true)));
        _client = _factory.CreateBrowserlessClient();
        await FormPosting.SignInAsync(_client, TikTokSyncWebFactory.AdminEmail);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task AutoExport_OldFlowOrderWithinTheBuyersCancellationHour_WaitsAndShowsWhenItClearsThenPushes()
    {
        var (orderId, tikTokId) = (await _factory.CreateAndImportAsync(_connectionId, 1, new NewOrderRequest
        {
            DistinctSkus = 1,
            UnitsPerSku = 1,
            OnHoldFlow = false,
            PaidAgo = TimeSpan.FromMinutes(10),
        }))[0];
        await _factory.EnterValidAsync(orderId, Carrier.Yamato, ExportTestKit.NextTracking(JapaneseCarriers.Yamato));
        var order = await _factory.QueryAsync(db => db.Orders.AsNoTracking().SingleAsync(o => o.Id == orderId));
        var clearsJst = JapanTimeText(order.PaidAtUtc!.Value.AddHours(1));

        await RunAutoFetchJobAsync();
        var list = await ListAsync();
        var page = await _client.GetStringAsync("/Export");

        Assert.False(order.IsOnHold);
        Assert.Equal(OrderStatuses.AwaitingShipment, order.TikTokStatus.Value);
        Assert.Equal(0, _factory.Emulator().GetShipping(tikTokId)?.ShipAttemptCount ?? 0);
        var excluded = Assert.Single(list.Excluded);
        Assert.Contains("購入者がキャンセルできる時間内", excluded.Exclusion, StringComparison.Ordinal);
        Assert.Contains(clearsJst, excluded.Exclusion, StringComparison.Ordinal);
        Assert.Contains(clearsJst, page, StringComparison.Ordinal);

        _time.Advance(TimeSpan.FromMinutes(51));
        await RunAutoFetchJobAsync();

        Assert.Equal(1, _factory.Emulator().GetShipping(tikTokId)!.ShipCallCount);
        Assert.Equal(ShipmentPushState.Pushed, await _factory.QueryAsync(db => db.ShippingPackages.Where(p => p.OrderId == orderId).Select(p => p.PushState).SingleAsync()));
    }

    [Fact]
    public async Task AutoExport_OrderThatWentThroughOnHold_IsPushedAtOnce()
    {
        var (orderId, tikTokId) = (await _factory.CreateAndImportAsync(_connectionId, 1))[0];
        await _factory.EnterValidAsync(orderId, Carrier.Yamato, ExportTestKit.NextTracking(JapaneseCarriers.Yamato));

        await RunAutoFetchJobAsync();

        Assert.Equal(1, _factory.Emulator().GetShipping(tikTokId)!.ShipCallCount);
    }

    private static string JapanTimeText(DateTime utc) => GoQ.TikTokSync.Core.Time.JapanTime.Format(utc);

    private async Task<ExportList> ListAsync()
    {
        using var scope = _factory.Services.CreateScope();
        return await ExportEligibility.ListAsync(
            scope.ServiceProvider.GetRequiredService<TikTokSyncDbContext>(),
            scope.ServiceProvider.GetRequiredService<ShippingProviders>(),
            _connectionId,
            null,
            null,
            _time,
            CancellationToken.None);
    }

    private async Task RunAutoFetchJobAsync()
    {
        using var scope = _factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<AutoFetchJob>().RunAsync(_connectionId, CancellationToken.None);
    }
}
