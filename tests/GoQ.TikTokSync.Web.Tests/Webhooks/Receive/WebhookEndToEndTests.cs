using System.Net;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.TikTokShop.Emulator;
using GoQ.TikTokSync.TikTokShop.Models;
using GoQ.TikTokSync.Web.Infrastructure;
using GoQ.TikTokSync.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Web.Tests.Webhooks.Receive;

/// <summary>
/// The app on a loopback Kestrel port, so that the in-process emulator's own webhook deliveries (signed, posted over
/// HTTP, retried as TikTok does) reach it: the demo path, end to end.
/// </summary>
public sealed class WebhookEndToEndTests : IAsyncLifetime
{
    private readonly TikTokSyncWebFactory _factory = new() { Settings = WebhookTestKit.QuickSettings };
    private Uri _baseAddress = null!;
    private string _adminId = string.Empty;

    public WebhookEndToEndTests() => _factory.UseKestrel(0);

    public async Task InitializeAsync()
    {
        _factory.StartServer();
        var address = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _baseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
        _adminId = (await _factory.CreateUserAsync(TikTokSyncWebFactory.AdminEmail, AppRoles.Admin)).Id;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public void DemoMode_RegistersTheAppsWebhookUrlWithTheEmulator()
    {
        var registered = _factory.Emulator().GetWebhookUrl();

        Assert.Equal(new Uri(_baseAddress, TikTokShopWebhooks.Path), new Uri(registered!));
    }

    [Fact]
    public async Task OrderCreatedThenCancelledOnTikTok_AppearsAndIsCancelledInTheStoreWithinSeconds()
    {
        var id = await _factory.AddAuthorizedConnectionAsync(_adminId);
        var emulator = _factory.Emulator();

        var orderId = emulator.CreateOrder(DemoDefaults.ShopId);
        var imported = await WaitForAsync(() => _factory.QueryAsync(db => db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.TikTokOrderId == orderId)), o => o is not null);
        Assert.Equal(GoqOrderStatus.NewOrder, imported!.GoqStatus);

        emulator.CancelOrder(orderId, CancelInitiator.Seller);
        var cancelled = await WaitForAsync(() => _factory.QueryAsync(db => db.Orders.AsNoTracking().SingleAsync(o => o.TikTokOrderId == orderId)), o => o.GoqStatus == GoqOrderStatus.Cancelled);

        Assert.Equal(TikTokOrderStatus.Cancelled, cancelled.TikTokStatus);
        Assert.True(cancelled.IsCancelledOnTikTok);
        var deliveries = emulator.GetWebhookDeliveries().Where(d => d.Body.Contains(orderId, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(deliveries);
        Assert.All(deliveries, d => Assert.Equal(200, d.StatusCode));
        Assert.NotNull((await _factory.ConnectionAsync(id)).LastWebhookAtUtc);
    }

    [Fact]
    public async Task TikTokSplitsAnOrder_PackageUpdateWebhook_StoresItsPackagesWithinSeconds()
    {
        await _factory.AddAuthorizedConnectionAsync(_adminId);
        var emulator = _factory.Emulator();
        var orderId = emulator.CreateOrder(DemoDefaults.ShopId, new NewOrderRequest { DistinctSkus = 2, UnitsPerSku = 1 });
        await WaitForAsync(() => _factory.QueryAsync(db => db.Orders.AsNoTracking().AnyAsync(o => o.TikTokOrderId == orderId)), found => found);

        var packages = emulator.SplitPackages(orderId, 2);

        var stored = await WaitForAsync(
            () => _factory.QueryAsync(db => db.OrderLines.AsNoTracking().Where(l => db.Orders.Any(o => o.Id == l.OrderId && o.TikTokOrderId == orderId)).Select(l => l.PackageId).ToListAsync()),
            ids => ids.All(id => id is not null));
        Assert.Equal(packages.Order(), stored.Order());
        Assert.Contains(emulator.GetWebhookDeliveries(), d => d.EventType == "PACKAGE_UPDATE" && d.Body.Contains(orderId, StringComparison.Ordinal) && d.StatusCode == 200);
    }

    [Fact]
    public async Task SellerRevokesOnTikTok_ConnectionNeedsReauthorizationWithinSeconds()
    {
        var id = await _factory.AddAuthorizedConnectionAsync(_adminId);

        _factory.Emulator().RevokeAuthorization(DemoDefaults.SellerLoginId);

        var connection = await WaitForAsync(() => _factory.ConnectionAsync(id), c => c.AuthorizationState == AuthorizationState.ReauthorizationRequired);
        Assert.Contains("再認証が必要です", connection.ReauthorizationReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamedBodyOverTheCap_WithoutContentLength_Answers413()
    {
        var body = new byte[(64 * 1024) + 10];
        using var client = new HttpClient { BaseAddress = _baseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, TikTokShopWebhooks.Path) { Content = new UnknownLengthContent(body) };
        request.Headers.TryAddWithoutValidation("Authorization", WebhookTestKit.Sign(body));

        var response = await client.SendAsync(request);

        Assert.True(request.Headers.TransferEncodingChunked ?? request.Content.Headers.ContentLength is null);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var giveUpAt = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < giveUpAt, "Not visible in the store within 20 s.");
            await Task.Delay(100);
        }
    }

    private sealed class UnknownLengthContent(byte[] data) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(data).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
