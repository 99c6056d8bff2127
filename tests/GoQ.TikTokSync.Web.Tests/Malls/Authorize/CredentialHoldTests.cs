using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Malls.Authorize;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.ProcessingLog;
using GoQ.TikTokSync.Core.Scheduling;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.TikTokShop.Emulator;
using GoQ.TikTokSync.TikTokShop.Emulator.Fulfillment;
using GoQ.TikTokSync.Web.Tests.Infrastructure;
using GoQ.TikTokSync.Web.Tests.Shipping.Push;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Web.Tests.Malls.Authorize;

/// <summary>
/// A missing API scope (105005) or credentials TikTok keeps refusing: the connection is held for 再認証 with a reason that
/// says what to do, its fetches and pushes pause (the 10-minute job logs the skip once), and re-authorizing clears it.
/// </summary>
public sealed class CredentialHoldTests : IAsyncLifetime
{
    private readonly TikTokSyncWebFactory _factory = new() { Settings = ExportTestKit.QuickRetries };
    private string _adminId = null!;
    private int _connectionId;

    public async Task InitializeAsync()
    {
        _adminId = (await _factory.CreateUserAsync(TikTokSyncWebFactory.AdminEmail, AppRoles.Admin)).Id;
        _connectionId = await _factory.AddAuthorizedConnectionAsync(_adminId, c => c.AutoFetchEnabled = true);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task AutoFetchJob_MissingScopeOnOrderSearch_HoldsTheConnectionShowsWhatToDoSkipsOnceAndReauthorizingClearsIt()
    {
        _factory.Emulator().RefuseAccess(new ShopAccessRefusal(DemoDefaults.ShopId, AccessRefusalKind.MissingScope, "GetOrderList"));

        await RunAutoFetchJobAsync();
        await RunAutoFetchJobAsync();
        await RunAutoFetchJobAsync();

        var connection = await _factory.ConnectionAsync(_connectionId);
        Assert.Equal(AuthorizationState.ReauthorizationRequired, connection.AuthorizationState);
        Assert.Contains("Partner Centerで必要なAPI権限を有効にしてから再認証してください", connection.ReauthorizationReason, StringComparison.Ordinal);
        var runs = await AutoFetchRunsAsync();
        Assert.Equal([ProcessingResult.Failure, ProcessingResult.Skipped], runs.Select(r => r.Result));
        Assert.Contains("105005", runs[0].Reason, StringComparison.Ordinal);

        var client = _factory.CreateBrowserlessClient();
        await FormPosting.SignInAsync(client, TikTokSyncWebFactory.AdminEmail);
        var home = await client.GetStringAsync("/");
        var settings = await client.GetStringAsync($"/MallSettings/Details/{_connectionId}");
        Assert.Contains("data-testid=\"reauth-banner\"", home, StringComparison.Ordinal);
        Assert.Contains("Partner Centerで必要なAPI権限を有効にしてから再認証してください", home, StringComparison.Ordinal);
        Assert.Contains("Partner Centerで必要なAPI権限を有効にしてから再認証してください", settings, StringComparison.Ordinal);

        _factory.Emulator().ClearAccessRefusals();
        await ReauthorizeAsync();
        await RunAutoFetchJobAsync();

        connection = await _factory.ConnectionAsync(_connectionId);
        Assert.Equal(AuthorizationState.Authorized, connection.AuthorizationState);
        Assert.Null(connection.ReauthorizationReason);
        Assert.Equal(ProcessingResult.Success, (await AutoFetchRunsAsync())[^1].Result);
    }

    [Fact]
    public async Task AutoFetchJob_TokenStillRefusedAfterRefresh_HoldsTheConnectionInsteadOfFailingEveryRun()
    {
        _factory.Emulator().RefuseAccess(new ShopAccessRefusal(DemoDefaults.ShopId, AccessRefusalKind.InvalidCredentials));

        await RunAutoFetchJobAsync();
        await RunAutoFetchJobAsync();

        var connection = await _factory.ConnectionAsync(_connectionId);
        Assert.Equal(AuthorizationState.ReauthorizationRequired, connection.AuthorizationState);
        Assert.Contains("アクセストークンを受け付けませんでした", connection.ReauthorizationReason, StringComparison.Ordinal);
        Assert.Equal([ProcessingResult.Failure, ProcessingResult.Skipped], (await AutoFetchRunsAsync()).Select(r => r.Result));
    }

    [Fact]
    public async Task Push_MissingScopeOnMarkPackageAsShipped_StopsTheRunKeepsThePackagesAndHoldsTheConnection()
    {
        var orders = await _factory.CreateAndImportAsync(_connectionId, 2);
        foreach (var (orderId, _) in orders)
        {
            await _factory.EnterValidAsync(orderId, Carrier.Yamato, ExportTestKit.NextTracking(JapaneseCarriers.Yamato));
        }

        _factory.Emulator().RefuseAccess(new ShopAccessRefusal(DemoDefaults.ShopId, AccessRefusalKind.MissingScope, "MarkPackageAsShipped"));
        var run = await _factory.PushAsync(_connectionId);

        Assert.Equal(ProcessingResult.Failure, run.Result);
        var connection = await _factory.ConnectionAsync(_connectionId);
        Assert.Equal(AuthorizationState.ReauthorizationRequired, connection.AuthorizationState);
        Assert.Contains("Partner Center", connection.ReauthorizationReason, StringComparison.Ordinal);
        var states = await _factory.QueryAsync(db => db.ShippingPackages.Select(p => p.PushState).ToListAsync());
        Assert.DoesNotContain(ShipmentPushState.Failed, states);
        Assert.DoesNotContain(ShipmentPushState.Pushed, states);
    }

    [Fact]
    public async Task ShopList_MissingScope_HoldsTheConnectionWithTheReason()
    {
        _factory.Emulator().RefuseAccess(new ShopAccessRefusal(DemoDefaults.ShopId, AccessRefusalKind.MissingScope, "GetAuthorizedShops"));

        using (var scope = _factory.Services.CreateScope())
        {
            await Assert.ThrowsAsync<GoQ.TikTokSync.TikTokShop.Errors.TikTokShopApiException>(
                () => scope.ServiceProvider.GetRequiredService<ShopAuthorization>().GetShopsAsync(_connectionId, CancellationToken.None));
        }

        var connection = await _factory.ConnectionAsync(_connectionId);
        Assert.Equal(AuthorizationState.ReauthorizationRequired, connection.AuthorizationState);
        Assert.Contains("Partner Center", connection.ReauthorizationReason, StringComparison.Ordinal);
    }

    private Task<List<ProcessingLogEntry>> AutoFetchRunsAsync() =>
        _factory.QueryAsync(db => db.ProcessingLogEntries.AsNoTracking()
            .Where(e => e.MallConnectionId == _connectionId && e.Kind == ProcessingKind.AutoFetch).OrderBy(e => e.Id).ToListAsync());

    private async Task RunAutoFetchJobAsync()
    {
        using var scope = _factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<AutoFetchJob>().RunAsync(_connectionId, CancellationToken.None);
    }

    private async Task ReauthorizeAsync()
    {
        using var scope = _factory.Services.CreateScope();
        var authorization = scope.ServiceProvider.GetRequiredService<ShopAuthorization>();
        var state = await ConnectedShop.BeginAsync(authorization, _connectionId, _adminId);
        var result = await authorization.CompleteAsync(state, _factory.Emulator().CreateAuthorizationCode(DemoDefaults.SellerLoginId), null, _adminId, CancellationToken.None);
        Assert.Equal(AuthorizationOutcome.Authorized, result.Outcome);
    }
}
