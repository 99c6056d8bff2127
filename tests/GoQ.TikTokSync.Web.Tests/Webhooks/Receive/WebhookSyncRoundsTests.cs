using GoQ.TikTokSync.Core.ProcessingLog;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.Core.Webhooks;
using GoQ.TikTokSync.Core.Webhooks.Receive;
using GoQ.TikTokSync.TikTokShop;
using GoQ.TikTokSync.TikTokShop.Emulator;
using GoQ.TikTokSync.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Web.Tests.Webhooks.Receive;

/// <summary>
/// A sync reads a notification at once (no waiting window) and takes the notifications that arrive while it reads TikTok
/// in a next round of the same run, instead of leaving them to a job that would find the connection busy and step back.
/// </summary>
public sealed class WebhookSyncRoundsTests : IAsyncLifetime
{
    private readonly ArrivalDuringRead _arrival = new();
    private readonly TikTokSyncWebFactory _factory;
    private int _connectionId;

    public WebhookSyncRoundsTests() => _factory = new TikTokSyncWebFactory
    {
        Settings = new Dictionary<string, string> { ["BackgroundJobs:ServerEnabled"] = "false" },
        TestServices = services => services.AddHttpClient(TikTokShopServiceCollectionExtensions.ApiHttpClientName).AddHttpMessageHandler(() => new ArrivalHandler(_arrival)),
    };

    public async Task InitializeAsync()
    {
        var admin = await _factory.CreateUserAsync(TikTokSyncWebFactory.AdminEmail, AppRoles.Admin);
        _connectionId = await _factory.AddAuthorizedConnectionAsync(admin.Id);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private Task RecordNotificationAsync(string orderId) => _factory.WithDbAsync(async db =>
    {
        db.WebhookNotifications.Add(new WebhookNotification
        {
            DedupeKey = WebhookTestKit.NextNotificationId(),
            Type = WebhookTypes.OrderStatusChange,
            ShopId = DemoDefaults.ShopId,
            MallConnectionId = _connectionId,
            TikTokOrderId = orderId,
            SentAtUtc = DateTime.UtcNow,
            ReceivedAtUtc = DateTime.UtcNow,
        });
        await db.SaveChangesAsync();
    });

    [Fact]
    public async Task Sync_NotificationArrivingWhileTikTokIsRead_IsTakenByTheNextRoundOfTheSameRun()
    {
        var first = _factory.Emulator().CreateOrder(DemoDefaults.ShopId);
        var second = _factory.Emulator().CreateOrder(DemoDefaults.ShopId);
        await RecordNotificationAsync(first);
        _arrival.DuringFirstDetailRead = () => RecordNotificationAsync(second);

        using (var scope = _factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<WebhookOrderSyncJob>().RunAsync(_connectionId, CancellationToken.None);
        }

        var (pending, stored, entries) = await _factory.QueryAsync(async db => (
            await db.WebhookNotifications.CountAsync(n => n.ProcessedAtUtc == null),
            await db.Orders.Where(o => o.TikTokOrderId == first || o.TikTokOrderId == second).CountAsync(),
            await db.ProcessingLogEntries.CountAsync(e => e.Kind == ProcessingKind.Webhook)));
        Assert.Equal(0, pending);
        Assert.Equal(2, stored);
        Assert.Equal(2, entries);
        Assert.Equal(2, _arrival.DetailReads);
    }

    private sealed class ArrivalDuringRead
    {
        private int _detailReads;

        public Func<Task>? DuringFirstDetailRead { get; set; }

        public int DetailReads => _detailReads;

        public Task OnDetailReadAsync() =>
            Interlocked.Increment(ref _detailReads) == 1 && DuringFirstDetailRead is { } arrive ? arrive() : Task.CompletedTask;
    }

    private sealed class ArrivalHandler(ArrivalDuringRead arrival) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == HttpMethod.Get && request.RequestUri!.AbsolutePath.EndsWith("/order/202309/orders", StringComparison.Ordinal))
            {
                await arrival.OnDetailReadAsync();
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}
