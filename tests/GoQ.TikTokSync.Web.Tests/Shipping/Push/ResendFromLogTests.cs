using System.Net;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Web.Tests.Shipping.Push;

/// <summary>再送信 from the 自動処理ログ detail of a push run, after the operator fixed what TikTok refused.</summary>
public sealed class ResendFromLogTests : IAsyncLifetime
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
    public async Task LogDetail_FailedPackageFixed_ResendPushesItOnce()
    {
        var (orderId, tikTokId) = (await _factory.CreateAndImportAsync(_connectionId, 1))[0];
        var packageId = await _factory.EnterValidAsync(orderId, Carrier.SeinoTransportation, "1234567890");
        await _factory.WithDbAsync(db => db.ShippingPackages.Where(p => p.Id == packageId).ExecuteUpdateAsync(s => s.SetProperty(p => p.Carrier, Carrier.Yamato)));
        var failedRun = await _factory.PushAsync(_connectionId);
        Assert.Equal(1, failedRun.Failed);
        var client = _factory.CreateBrowserlessClient();
        await FormPosting.SignInAsync(client, TikTokSyncWebFactory.AdminEmail);
        Assert.Contains(">再送信</button>", await client.GetStringAsync($"/ProcessingLog/{failedRun.Id}"), StringComparison.Ordinal);

        // The operator corrects the carrier, then sends again from the log.
        await _factory.WithDbAsync(db => db.ShippingPackages.Where(p => p.Id == packageId).ExecuteUpdateAsync(s => s.SetProperty(p => p.Carrier, Carrier.SeinoTransportation)));
        var response = await FormPosting.PostFormAsync(client, $"/ProcessingLog/{failedRun.Id}?handler=Resend&orderId={orderId}", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Export/Run/", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        ShipmentPushState state = ShipmentPushState.Pending;
        for (var attempt = 0; attempt < 200 && state != ShipmentPushState.Pushed; attempt++)
        {
            await Task.Delay(100);
            state = (await _factory.PackageAsync(packageId)).PushState;
        }

        Assert.Equal(ShipmentPushState.Pushed, state);
        Assert.Equal(1, _factory.Emulator().GetShipping(tikTokId)!.ShipCallCount);
        Assert.DoesNotContain(">再送信</button>", await client.GetStringAsync($"/ProcessingLog/{failedRun.Id}"), StringComparison.Ordinal);
    }
}
