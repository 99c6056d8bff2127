using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Import.FetchOrders;
using GoQ.TikTokSync.Core.Jobs;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.ProcessingLog;
using GoQ.TikTokSync.Core.Scheduling;
using GoQ.TikTokSync.Core.Shipping.Push;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.Core.Webhooks;
using GoQ.TikTokSync.Core.Webhooks.Receive;
using GoQ.TikTokSync.TikTokShop.Emulator;
using GoQ.TikTokSync.TikTokShop.Emulator.Fulfillment;
using GoQ.TikTokSync.TikTokShop.Errors;
using GoQ.TikTokSync.Web.Tests.Shipping.Push;
using GoQ.TikTokSync.Web.Tests.Infrastructure;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Web.Tests.Jobs;

/// <summary>Every background run ends with its 自動処理ログ entry finished, whatever stops it, and its packages safe.</summary>
public sealed class JobEndingTests : IAsyncLifetime
{
    private readonly TikTokSyncWebFactory _factory = new()
    {
        Settings = new Dictionary<string, string>(ExportTestKit.QuickRetries)
        {
            ["Webhooks:CoalesceWindow"] = "00:00:00",
            // Registered, never due during a test: the janitor is run by hand here.
            ["Jobs:JanitorCron"] = "17 3 1 1 *",
        },
        TestServices = ResponseLoss.Install,
    };

    private int _connectionId;

    public async Task InitializeAsync()
    {
        var admin = await _factory.CreateUserAsync(TikTokSyncWebFactory.AdminEmail, AppRoles.Admin);
        _connectionId = await _factory.AddAuthorizedConnectionAsync(admin.Id, c => c.AutoFetchEnabled = true);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private ResponseLoss Faults => _factory.Services.GetRequiredService<ResponseLoss>();

    private Task<List<ProcessingLogEntry>> EntriesAsync(ProcessingKind kind) =>
        _factory.QueryAsync(db => db.ProcessingLogEntries.AsNoTracking().Where(e => e.Kind == kind).OrderBy(e => e.Id).ToListAsync());

    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        using var scope = _factory.Services.CreateScope();
        return await action(scope.ServiceProvider);
    }

    private async Task<(long PackageId, long EntryId)> PackageAndPushEntryAsync()
    {
        var (orderId, _) = (await _factory.CreateAndImportAsync(_connectionId, 1))[0];
        var packageId = await _factory.EnterValidAsync(orderId, Carrier.Yamato, ExportTestKit.NextTracking(JapaneseCarriers.Yamato));
        var entryId = await InScopeAsync(async sp =>
        {
            var entry = sp.GetRequiredService<ShippingExport>().NewEntry(_connectionId, ProcessingTrigger.Manual, TikTokSyncWebFactory.AdminEmail, null, null);
            var db = sp.GetRequiredService<TikTokSyncDbContext>();
            db.ProcessingLogEntries.Add(entry);
            await db.SaveChangesAsync();
            return entry.Id;
        });
        return (packageId, entryId);
    }

    private Task RunPushJobAsync(long entryId, CancellationToken cancellationToken = default) =>
        InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<ShippingPushJob>().RunAsync(entryId, null, cancellationToken);
            return true;
        });

    [Fact]
    public async Task AutoFetchJob_TikTokRepeatsAPageToken_FinishesTheEntryAsFailedAndFreesTheConnection()
    {
        _factory.Emulator().CreateOrder(DemoDefaults.ShopId);
        Faults.ThrowAfterFirstSearchPage(new TikTokShopPageTokenRepeatedException("/order/202309/orders/search", "page-2", 1));

        await InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<AutoFetchJob>().RunAsync(_connectionId, CancellationToken.None);
            return true;
        });

        var entry = Assert.Single(await EntriesAsync(ProcessingKind.AutoFetch));
        Assert.Equal(ProcessingResult.Failure, entry.Result);
        Assert.NotNull(entry.FinishedAtUtc);
        Assert.Contains("同じページを繰り返し返した", entry.Reason, StringComparison.Ordinal);
        Assert.Empty(await EntriesAsync(ProcessingKind.StatusSweep));
        Assert.Null((await _factory.ConnectionAsync(_connectionId)).FetchLeaseOwner);
    }

    [Fact]
    public async Task ManualFetchJob_StoredTokenCannotBeDecrypted_FinishesTheEntryAsFailedAskingForReauthorization()
    {
        // What lost Data Protection keys look like: the stored token no longer decrypts.
        await _factory.WithDbAsync(db => db.MallConnections.Where(c => c.Id == _connectionId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ProtectedAccessToken, "CfDJ8AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")));
        var entryId = await InScopeAsync(sp => sp.GetRequiredService<ManualFetch>().StartAsync(_connectionId, null, null, TikTokSyncWebFactory.AdminEmail, CancellationToken.None));

        await InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<ManualFetchJob>().RunAsync(entryId, CancellationToken.None);
            return true;
        });

        var entry = await _factory.QueryAsync(db => db.ProcessingLogEntries.AsNoTracking().SingleAsync(e => e.Id == entryId));
        Assert.Equal(ProcessingResult.Failure, entry.Result);
        Assert.NotNull(entry.FinishedAtUtc);
        Assert.Contains("復号できませんでした", entry.Reason, StringComparison.Ordinal);
        Assert.Contains("再認証", entry.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShippingPushJob_UnexpectedErrorDuringTheCall_FinishesFailedNamingTheErrorAndLeavesThePackageOutcomeUnknown()
    {
        var (packageId, entryId) = await PackageAndPushEntryAsync();
        Faults.ThrowOnNextShip(new InvalidOperationException("bug (test)"));

        await RunPushJobAsync(entryId);

        var entry = await _factory.QueryAsync(db => db.ProcessingLogEntries.AsNoTracking().SingleAsync(e => e.Id == entryId));
        Assert.Equal(ProcessingResult.Failure, entry.Result);
        Assert.NotNull(entry.FinishedAtUtc);
        Assert.Equal("予期しないエラーで中断しました（InvalidOperationException）", entry.Reason);
        var package = await _factory.PackageAsync(packageId);
        Assert.Equal(ShipmentPushState.OutcomeUnknown, package.PushState);
        Assert.Null(package.PushStartedAtUtc);
    }

    [Fact]
    public async Task ShippingPushJob_AppStoppingMidCall_FinishesInterruptedAndLeavesThePackageOutcomeUnknown()
    {
        var (packageId, entryId) = await PackageAndPushEntryAsync();
        var callStarted = Faults.BlockNextShip();
        using var stopping = new CancellationTokenSource();

        var job = RunPushJobAsync(entryId, stopping.Token);
        await callStarted.WaitAsync(TimeSpan.FromSeconds(10));
        await stopping.CancelAsync();

        // Rethrown for Hangfire, which then keeps the job for a run after the restart.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => job);
        var entry = await _factory.QueryAsync(db => db.ProcessingLogEntries.AsNoTracking().SingleAsync(e => e.Id == entryId));
        Assert.Equal(ProcessingResult.Interrupted, entry.Result);
        Assert.Equal(RunFailureReasons.AppStopping, entry.Reason);
        Assert.NotNull(entry.FinishedAtUtc);
        Assert.Equal(ShipmentPushState.OutcomeUnknown, (await _factory.PackageAsync(packageId)).PushState);

        // That re-run finds the entry finished and sends nothing.
        await RunPushJobAsync(entryId);
        Assert.Equal(ProcessingResult.Interrupted, (await _factory.QueryAsync(db => db.ProcessingLogEntries.AsNoTracking().SingleAsync(e => e.Id == entryId))).Result);
        Assert.Equal(ShipmentPushState.OutcomeUnknown, (await _factory.PackageAsync(packageId)).PushState);
    }

    [Fact]
    public async Task WebhookSync_UnexpectedErrorReadingTheOrders_FinishesTheBatchAsFailedAndMarksItsNotificationsDone()
    {
        await _factory.WithDbAsync(async db =>
        {
            db.WebhookNotifications.Add(new WebhookNotification
            {
                DedupeKey = "job-ending-test-1",
                Type = WebhookTypes.OrderStatusChange,
                ShopId = DemoDefaults.ShopId,
                MallConnectionId = _connectionId,
                TikTokOrderId = "576000000000000123",
                ReceivedAtUtc = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        });
        Faults.ThrowOnNextReadBack(new InvalidOperationException("bug (test)"));

        await InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<WebhookOrderSyncJob>().RunAsync(_connectionId, CancellationToken.None);
            return true;
        });

        var entry = Assert.Single(await EntriesAsync(ProcessingKind.Webhook));
        Assert.Equal(ProcessingResult.Failure, entry.Result);
        Assert.Equal("予期しないエラーで中断しました（InvalidOperationException）", entry.Reason);
        var notification = await _factory.QueryAsync(db => db.WebhookNotifications.AsNoTracking().SingleAsync());
        Assert.NotNull(notification.ProcessedAtUtc);
        Assert.Equal(entry.Id, notification.ProcessingLogEntryId);
        Assert.Null((await _factory.ConnectionAsync(_connectionId)).FetchLeaseOwner);
    }

    [Fact]
    public async Task ProcessingLog_InterruptedRun_IsShownAs中断WithItsReason()
    {
        var now = DateTime.UtcNow;
        var entryId = await InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<TikTokSyncDbContext>();
            var entry = new ProcessingLogEntry
            {
                Kind = ProcessingKind.ManualFetch,
                Trigger = ProcessingTrigger.Manual,
                TriggeredBy = TikTokSyncWebFactory.AdminEmail,
                MallConnectionId = _connectionId,
                StartedAtUtc = now,
                FinishedAtUtc = now,
                Result = ProcessingResult.Interrupted,
                Reason = RunFailureReasons.AppStopping,
            };
            db.ProcessingLogEntries.Add(entry);
            await db.SaveChangesAsync();
            return entry.Id;
        });
        var client = _factory.CreateBrowserlessClient();
        await FormPosting.SignInAsync(client, TikTokSyncWebFactory.AdminEmail);

        var list = await client.GetStringAsync("/ProcessingLog?Result=Interrupted");
        var detail = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await client.GetStringAsync($"/ProcessingLog/{entryId}"));

        Assert.Contains("<td>中断</td>", list, StringComparison.Ordinal);
        Assert.Contains(RunFailureReasons.AppStopping, list, StringComparison.Ordinal);
        Assert.Equal("中断", detail.QuerySelector("[data-testid=log-result]")!.TextContent.Trim());
    }

    [Fact]
    public async Task DeadNodeMidPush_JanitorClosesItsRunAndTheNextPushConfirmsWithoutShippingTwice()
    {
        var (orderId, tikTokId) = (await _factory.CreateAndImportAsync(_connectionId, 1))[0];
        var packageId = await _factory.EnterValidAsync(orderId, Carrier.Yamato, ExportTestKit.NextTracking(JapaneseCarriers.Yamato));
        var deadRunId = await InScopeAsync(async sp =>
        {
            var entry = sp.GetRequiredService<ShippingExport>().NewEntry(_connectionId, ProcessingTrigger.Manual, TikTokSyncWebFactory.AdminEmail, null, null);
            var db = sp.GetRequiredService<TikTokSyncDbContext>();
            db.ProcessingLogEntries.Add(entry);
            await db.SaveChangesAsync();
            return entry.Id;
        });
        await _factory.PushAsync(_connectionId);
        // What kill -9 leaves right after TikTok shipped: the run's last heartbeat minutes ago, the package claimed and
        // never finished (our record of the push lost with the process).
        await _factory.WithDbAsync(async db =>
        {
            await db.ProcessingLogEntries.Where(e => e.Id == deadRunId).ExecuteUpdateAsync(s => s.SetProperty(e => e.HeartbeatAtUtc, e => (DateTime?)DateTime.UtcNow.AddMinutes(-10)));
            await db.ShippingPackages.Where(p => p.Id == packageId).ExecuteUpdateAsync(s => s
                .SetProperty(p => p.PushState, ShipmentPushState.Pushing).SetProperty(p => p.PushStartedAtUtc, p => (DateTime?)DateTime.UtcNow.AddHours(-1))
                .SetProperty(p => p.PushedTrackingNumber, (string?)null).SetProperty(p => p.PushedAtUtc, (DateTime?)null));
        });

        var cleaned = await InScopeAsync(sp => sp.GetRequiredService<RunJanitor>().RunAsync(CancellationToken.None));
        var closed = await _factory.QueryAsync(db => db.ProcessingLogEntries.AsNoTracking().SingleAsync(e => e.Id == deadRunId));
        var afterJanitor = await _factory.PackageAsync(packageId);
        var next = await _factory.PushAsync(_connectionId);

        Assert.Equal((1, 1), (cleaned.EntriesOfStoppedNodes, cleaned.PackagesLeftSending));
        Assert.Equal(ProcessingResult.Interrupted, closed.Result);
        Assert.Equal(RunFailureReasons.NodeStopped, closed.Reason);
        Assert.Equal(ShipmentPushState.OutcomeUnknown, afterJanitor.PushState);
        Assert.Equal(1, next.Updated);
        Assert.Equal(ShipmentPushState.Pushed, (await _factory.PackageAsync(packageId)).PushState);
        Assert.Equal(1, _factory.Emulator().GetShipping(tikTokId)!.ShipCallCount);
    }

    [Fact]
    public async Task ShippingPushJob_DeliveredTwiceAtOnce_RunsTheEntryOnce()
    {
        var (packageId, entryId) = await PackageAndPushEntryAsync();
        // Slow answers, so that the second delivery arrives while the first copy is still sending.
        _factory.Emulator().SetFaults(new FaultSettings { AddedLatency = TimeSpan.FromSeconds(1) });

        await Task.WhenAll(RunPushJobAsync(entryId), RunPushJobAsync(entryId));
        _factory.Emulator().SetFaults(FaultSettings.None);

        var entry = await _factory.QueryAsync(db => db.ProcessingLogEntries.AsNoTracking().SingleAsync(e => e.Id == entryId));
        Assert.Equal(ProcessingResult.Success, entry.Result);
        Assert.Equal((1, 0, 0), (entry.Updated, entry.Unchanged, entry.Skipped));
        Assert.NotNull(entry.HeartbeatAtUtc);
        Assert.Equal(ShipmentPushState.Pushed, (await _factory.PackageAsync(packageId)).PushState);
    }

    [Fact]
    public void Janitor_IsARecurringJobOnTheConfiguredSchedule()
    {
        using var storage = _factory.Services.GetRequiredService<JobStorage>().GetConnection();

        var janitor = Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(storage, [RunJanitorJob.JobId]).Single();

        Assert.Equal("17 3 1 1 *", janitor.Cron);
        Assert.Equal(typeof(RunJanitorJob), janitor.Job.Type);
    }

    [Fact]
    public async Task Start_JanitorCronThatIsNotACron_FailsValidation()
    {
        await using var factory = new TikTokSyncWebFactory { Settings = new Dictionary<string, string> { ["Jobs:JanitorCron"] = "every minute" } };

        var error = Assert.ThrowsAny<Exception>(() => factory.Services);

        Assert.Contains("JanitorCron", error.ToString(), StringComparison.Ordinal);
    }
}
