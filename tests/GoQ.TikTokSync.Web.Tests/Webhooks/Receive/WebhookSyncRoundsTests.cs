using System.Data.Common;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.ProcessingLog;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.Core.Webhooks;
using GoQ.TikTokSync.Core.Webhooks.Receive;
using GoQ.TikTokSync.TikTokShop;
using GoQ.TikTokSync.TikTokShop.Emulator;
using GoQ.TikTokSync.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Web.Tests.Webhooks.Receive;

/// <summary>
/// A sync reads a notification at once (no waiting window) and takes the notifications that arrive while it reads TikTok
/// in a next round of the same run, instead of leaving them to a job that would find the connection busy and step back.
/// </summary>
public sealed class WebhookSyncRoundsTests : IAsyncLifetime
{
    /// <summary>Long enough for a test to deliver a notification between two rounds, whatever the machine's load.</summary>
    private const string GapBetweenRounds = "00:00:03";

    private readonly ArrivalDuringRead _arrival = new();
    private readonly MovableClock _clock = new();
    private readonly FailingStatement _failing = new();
    private readonly TikTokSyncWebFactory _factory;
    private int _connectionId;

    public WebhookSyncRoundsTests() => _factory = new TikTokSyncWebFactory
    {
        // Jobs stay in the queue where the tests can count them; each test runs the sync itself.
        Settings = new Dictionary<string, string> { ["BackgroundJobs:ServerEnabled"] = "false", ["Webhooks:RoundGap"] = GapBetweenRounds },
        Time = _clock,
        TestServices = services =>
        {
            services.AddHttpClient(TikTokShopServiceCollectionExtensions.ApiHttpClientName).AddHttpMessageHandler(() => new ArrivalHandler(_arrival));
            services.ConfigureDbContext<TikTokSyncDbContext>(options => options.AddInterceptors(_failing));
        },
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

    [Fact]
    public async Task Sync_WebhooksDeliveredWhileARunWorks_QueueNoFurtherJobAndAreTakenByThatRun()
    {
        var orders = Enumerable.Range(0, 4).Select(_ => _factory.Emulator().CreateOrder(DemoDefaults.ShopId)).ToList();
        var client = _factory.CreateClient();
        await client.PostAsync(WebhookTestKit.OrderStatusChange(orders[0], "AWAITING_SHIPMENT"));
        Assert.Equal(1, QueuedJobs());
        _arrival.DuringFirstDetailRead = async () =>
        {
            foreach (var orderId in orders.Skip(1))
            {
                await client.PostAsync(WebhookTestKit.OrderStatusChange(orderId, "AWAITING_SHIPMENT"));
            }
        };

        await RunSyncAsync();

        Assert.Equal(1, QueuedJobs());
        Assert.Equal(0, await _factory.QueryAsync(db => db.WebhookNotifications.CountAsync(n => n.ProcessedAtUtc == null)));
        Assert.Equal(4, await _factory.QueryAsync(db => db.Orders.CountAsync(o => orders.Contains(o.TikTokOrderId))));
        // The run has handed over: the next webhook finds no run going and queues one.
        Assert.Null((await _factory.ConnectionAsync(_connectionId)).WebhookSyncQueuedAtUtc);
        await client.PostAsync(WebhookTestKit.OrderStatusChange(orders[0], "AWAITING_SHIPMENT"));
        Assert.Equal(2, QueuedJobs());
    }

    [Fact]
    public async Task Sync_WebhookDeliveredJustAfterARound_IsGatheredIntoTheNextRoundOfTheSameRun()
    {
        var first = _factory.Emulator().CreateOrder(DemoDefaults.ShopId);
        var second = _factory.Emulator().CreateOrder(DemoDefaults.ShopId);
        var client = _factory.CreateClient();
        await client.PostAsync(WebhookTestKit.OrderStatusChange(first, "AWAITING_SHIPMENT"));

        var run = RunSyncAsync();
        await WaitUntilAsync(() => _factory.QueryAsync(db => db.WebhookNotifications.AnyAsync(n => n.ProcessedAtUtc != null)), run, "the first round did not finish");
        Assert.False(run.IsCompleted, "the run ended right after its round instead of waiting for more of the burst");
        await client.PostAsync(WebhookTestKit.OrderStatusChange(second, "AWAITING_SHIPMENT"));
        await run;

        Assert.Equal(1, QueuedJobs());
        Assert.True(await _factory.QueryAsync(db => db.Orders.AnyAsync(o => o.TikTokOrderId == second)));
        Assert.Equal(2, await _factory.QueryAsync(db => db.ProcessingLogEntries.CountAsync(e => e.Kind == ProcessingKind.Webhook)));
    }

    [Fact]
    public async Task Sync_RunPastItsMinute_EndsAndLeavesWhatIsLeftToAQueuedRun()
    {
        var first = _factory.Emulator().CreateOrder(DemoDefaults.ShopId);
        var second = _factory.Emulator().CreateOrder(DemoDefaults.ShopId);
        var client = _factory.CreateClient();
        await client.PostAsync(WebhookTestKit.OrderStatusChange(first, "AWAITING_SHIPMENT"));
        _arrival.DuringFirstDetailRead = async () =>
        {
            await client.PostAsync(WebhookTestKit.OrderStatusChange(second, "AWAITING_SHIPMENT"));
            _clock.Offset = TimeSpan.FromMinutes(2);
        };

        await RunSyncAsync();

        // The run stopped after its round; the notification it did not take has a queued run of its own.
        Assert.Equal(1, _arrival.DetailReads);
        Assert.Equal(1, await _factory.QueryAsync(db => db.WebhookNotifications.CountAsync(n => n.ProcessedAtUtc == null)));
        Assert.Equal(2, QueuedJobs());
        Assert.NotNull((await _factory.ConnectionAsync(_connectionId)).WebhookSyncQueuedAtUtc);
    }

    [Fact]
    public async Task Sync_BrokenOffByAStoreFailure_FreesItsMarkerSoTheNextWebhookQueuesARun()
    {
        var first = _factory.Emulator().CreateOrder(DemoDefaults.ShopId);
        var second = _factory.Emulator().CreateOrder(DemoDefaults.ShopId);
        var client = _factory.CreateClient();
        await client.PostAsync(WebhookTestKit.OrderStatusChange(first, "AWAITING_SHIPMENT"));
        _failing.FailNext("UPDATE \"WebhookNotifications\"");

        await Assert.ThrowsAsync<InvalidOperationException>(RunSyncAsync);

        Assert.Null((await _factory.ConnectionAsync(_connectionId)).WebhookSyncQueuedAtUtc);
        await client.PostAsync(WebhookTestKit.OrderStatusChange(second, "AWAITING_SHIPMENT"));
        Assert.Equal(2, QueuedJobs());
    }

    private async Task RunSyncAsync()
    {
        using var scope = _factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<WebhookOrderSyncJob>().RunAsync(_connectionId, CancellationToken.None);
    }

    private long QueuedJobs() =>
        _factory.Services.GetRequiredService<Hangfire.JobStorage>().GetMonitoringApi().Queues().Sum(q => q.Length);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, Task run, string failure)
    {
        var giveUpAt = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            if (run.IsFaulted || DateTime.UtcNow > giveUpAt)
            {
                await (run.IsFaulted ? run : Task.CompletedTask);
                Assert.Fail(failure + " within 30 s.");
            }

            await Task.Delay(10);
        }
    }

    /// <summary>Fails the next statement whose text contains the armed fragment, as a store failing mid-run would.</summary>
    private sealed class FailingStatement : DbCommandInterceptor
    {
        private string? _fragment;

        public void FailNext(string fragment) => _fragment = fragment;

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(command);
            if (_fragment is { } fragment && command.CommandText.Contains(fragment, StringComparison.Ordinal) && Interlocked.Exchange(ref _fragment, null) is not null)
            {
                throw new InvalidOperationException("Store failure injected by the test.");
            }

            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }
    }

    /// <summary>The system clock, moved forward by a test when a run must seem to have gone on for long.</summary>
    private sealed class MovableClock : TimeProvider
    {
        public TimeSpan Offset { get; set; }

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
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
