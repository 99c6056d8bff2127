using GoQ.TikTokSync.Core.Import;
using GoQ.TikTokSync.Core.Import.FetchOrders;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.ProcessingLog;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.TikTokShop.Emulator;
using GoQ.TikTokSync.TikTokShop.Models;
using GoQ.TikTokSync.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Web.Tests.Import.FetchOrders;

/// <summary>The import against the in-process emulator and a real SQLite file.</summary>
public sealed class OrderImportTests : IAsyncLifetime
{
    private readonly TikTokSyncWebFactory _factory = new()
    {
        SeedOrders = 120,
        Settings = new Dictionary<string, string> { ["Jobs:BusyRetryDelay"] = "00:00:01" },
        TestServices = ApiCallCounter.Install,
    };
    private string _adminId = string.Empty;

    public async Task InitializeAsync() => _adminId = (await _factory.CreateUserAsync(TikTokSyncWebFactory.AdminEmail, AppRoles.Admin)).Id;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private IReadOnlyList<EmulatorOrderSummary> EmulatorOrders(string status, int withinDays) =>
        _factory.Emulator().ListOrders(DemoDefaults.ShopId, status)
            .Where(o => o.CreateTime >= DateTimeOffset.UtcNow.AddDays(-withinDays))
            .ToList();

    [Fact]
    public async Task ConfiguredDays_ImportsOrdersInFetchStatusWithinTheDays_IntoTargetStatus()
    {
        var id = await _factory.AddAuthorizedConnectionAsync(_adminId, c => c.TargetGoqStatus = GoqOrderStatus.AwaitingShipment);
        var expected = EmulatorOrders(TikTokOrderStatus.AwaitingShipment.Value, 7);
        Assert.NotEmpty(expected);

        var run = await _factory.ImportAsync(id, ImportMode.ConfiguredDays);

        Assert.Equal(ProcessingResult.Success, run.Result);
        Assert.Equal(expected.Count, run.Created);
        var stored = await _factory.QueryAsync(db => db.Orders.Include(o => o.Lines).AsNoTracking().ToListAsync());
        Assert.Equal(expected.Select(o => o.OrderId).Order(), stored.Select(o => o.TikTokOrderId).Order());
        Assert.All(stored, o => Assert.Equal(GoqOrderStatus.AwaitingShipment, o.GoqStatus));
        Assert.All(stored, o => Assert.Equal(expected.Single(e => e.OrderId == o.TikTokOrderId).LineItemCount, o.Lines.Count));
        Assert.All(stored, o => Assert.Matches("^[0-9]{7}$", o.PostalCode));
        Assert.NotNull((await _factory.ConnectionAsync(id)).LastReconciliationAtUtc);
    }

    [Fact]
    public async Task ImportAgain_OrderAlreadyImported_KeepsOperatorStatusAndEdits()
    {
        var id = await _factory.AddAuthorizedConnectionAsync(_adminId);
        var first = await _factory.ImportAsync(id, ImportMode.ConfiguredDays);
        var orderId = await _factory.QueryAsync(db => db.Orders.Select(o => o.Id).FirstAsync());
        await _factory.WithDbAsync(async db =>
        {
            var order = await db.Orders.SingleAsync(o => o.Id == orderId);
            order.GoqStatus = GoqOrderStatus.OnHold;
            order.TrackingNumber = "123456789012";
            order.OperatorNote = "ギフト包装";
            await db.SaveChangesAsync();
        });

        var second = await _factory.ImportAsync(id, ImportMode.ConfiguredDays);

        Assert.Equal(0, second.Created);
        Assert.Equal(first.Created, second.Unchanged + second.Updated);
        var order = await _factory.QueryAsync(db => db.Orders.AsNoTracking().SingleAsync(o => o.Id == orderId));
        Assert.Equal(GoqOrderStatus.OnHold, order.GoqStatus);
        Assert.Equal("123456789012", order.TrackingNumber);
        Assert.Equal("ギフト包装", order.OperatorNote);
        Assert.Equal(first.Created, await _factory.QueryAsync(db => db.Orders.CountAsync()));
    }

    [Fact]
    public async Task CancelledOnTikTokAfterImport_MovesToCancelledAndFlagsIt()
    {
        var id = await _factory.AddAuthorizedConnectionAsync(_adminId);
        await _factory.ImportAsync(id, ImportMode.ConfiguredDays);
        await _factory.ImportAsync(id, ImportMode.Incremental);
        var victim = await _factory.QueryAsync(db => db.Orders.AsNoTracking().FirstAsync());
        Assert.Equal(OrderStatuses.Cancelled, _factory.Emulator().CancelOrder(victim.TikTokOrderId, CancelInitiator.System));

        var run = await _factory.ImportAsync(id, ImportMode.Incremental);

        Assert.True(run.Updated >= 1);
        var order = await _factory.QueryAsync(db => db.Orders.Include(o => o.History).AsNoTracking().SingleAsync(o => o.Id == victim.Id));
        Assert.Equal(TikTokOrderStatus.Cancelled, order.TikTokStatus);
        Assert.Equal(GoqOrderStatus.Cancelled, order.GoqStatus);
        Assert.True(order.IsCancelledOnTikTok);
        Assert.False(order.CancellationAcknowledged);
        Assert.Contains(order.History, h => h.Kind == OrderHistoryKind.CancelledOnTikTok && h.Detail!.Contains("新規受付", StringComparison.Ordinal));
        var items = await _factory.QueryAsync(db => db.ProcessingLogItems.Where(i => i.ProcessingLogEntryId == run.Id).ToListAsync());
        Assert.Contains(items, i => i.TikTokOrderId == victim.TikTokOrderId && i.Message!.Contains("キャンセル", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Incremental_NothingChanged_CostsOneSearchPageAndChangesNothing()
    {
        var id = await _factory.AddAuthorizedConnectionAsync(_adminId);
        await _factory.ImportAsync(id, ImportMode.ConfiguredDays);
        await _factory.ImportAsync(id, ImportMode.Incremental);
        var cursor = (await _factory.ConnectionAsync(id)).ImportCursorUtc;

        var quiet = await _factory.ImportAsync(id, ImportMode.Incremental);

        Assert.Equal(1, quiet.PagesFetched);
        Assert.Equal(0, quiet.Created);
        Assert.Equal(0, quiet.Updated);
        Assert.True((await _factory.ConnectionAsync(id)).ImportCursorUtc >= cursor);
    }

    [Fact]
    public async Task Incremental_NewOrderInFetchStatus_IsImported_OtherStatusesAreNot()
    {
        var id = await _factory.AddAuthorizedConnectionAsync(_adminId);
        await _factory.ImportAsync(id, ImportMode.ConfiguredDays);
        await _factory.ImportAsync(id, ImportMode.Incremental);
        var shippable = _factory.Emulator().CreateOrder(DemoDefaults.ShopId, new NewOrderRequest { Status = OrderStatuses.AwaitingShipment });
        var unpaid = _factory.Emulator().CreateOrder(DemoDefaults.ShopId, new NewOrderRequest { Status = OrderStatuses.Unpaid, PaysAfter = TimeSpan.FromDays(2) });

        var run = await _factory.ImportAsync(id, ImportMode.Incremental);

        Assert.Equal(1, run.Created);
        Assert.True(await _factory.QueryAsync(db => db.Orders.AnyAsync(o => o.TikTokOrderId == shippable)));
        Assert.False(await _factory.QueryAsync(db => db.Orders.AnyAsync(o => o.TikTokOrderId == unpaid)));
    }

    [Fact]
    public async Task FetchStatusOnHold_StoresOrdersWithoutAddressAndNotShippable()
    {
        var id = await _factory.AddAuthorizedConnectionAsync(_adminId, c => c.FetchTikTokStatus = TikTokOrderStatus.OnHold);
        var held = _factory.Emulator().CreateOrder(DemoDefaults.ShopId, new NewOrderRequest { Status = OrderStatuses.OnHold });

        await _factory.ImportAsync(id, ImportMode.ConfiguredDays);

        var order = await _factory.QueryAsync(db => db.Orders.AsNoTracking().SingleAsync(o => o.TikTokOrderId == held));
        Assert.True(order.IsOnHold);
        Assert.Null(order.PostalCode);
        Assert.False(TikTokOrderMapper.IsShippable(order.TikTokStatus));
    }

    [Fact]
    public async Task DateRange_ImportsOnlyOrdersCreatedInTheWindow()
    {
        var id = await _factory.AddAuthorizedConnectionAsync(_adminId);
        var from = DateTime.UtcNow.AddDays(-6);
        var to = DateTime.UtcNow.AddDays(-3);
        var expected = _factory.Emulator().ListOrders(DemoDefaults.ShopId, OrderStatuses.AwaitingShipment)
            .Where(o => o.CreateTime >= from && o.CreateTime < to).Select(o => o.OrderId).Order().ToList();

        var run = await _factory.ImportAsync(id, ImportMode.DateRange, from, to);

        Assert.Equal(ProcessingResult.Success, run.Result);
        Assert.Equal(expected, await _factory.QueryAsync(db => db.Orders.Select(o => o.TikTokOrderId).OrderBy(x => x).ToListAsync()));
    }

    [Fact]
    public async Task EmulatorFailing_RunGivesUp_CursorStaysWhereItWasAndTheCauseIsLogged()
    {
        var id = await _factory.AddAuthorizedConnectionAsync(_adminId);
        await _factory.ImportAsync(id, ImportMode.Incremental);
        var cursor = (await _factory.ConnectionAsync(id)).ImportCursorUtc;
        _factory.Emulator().SetFaults(new FaultSettings { InternalErrorRate = 1.0 });

        var failed = await _factory.ImportAsync(id, ImportMode.Incremental);

        _factory.Emulator().SetFaults(FaultSettings.None);
        Assert.Equal(ProcessingResult.Failure, failed.Result);
        Assert.Contains("TikTok Shop", failed.Reason, StringComparison.Ordinal);
        var item = await _factory.QueryAsync(db => db.ProcessingLogItems.SingleAsync(i => i.ProcessingLogEntryId == failed.Id));
        Assert.Equal(36009003, item.TikTokErrorCode);
        Assert.False(string.IsNullOrEmpty(item.TikTokRequestId));
        var after = await _factory.ConnectionAsync(id);
        Assert.Equal(cursor, after.ImportCursorUtc);
        Assert.Equal(1, after.ConsecutiveFetchFailures);

        var healed = await _factory.ImportAsync(id, ImportMode.Incremental);
        Assert.Equal(ProcessingResult.Success, healed.Result);
        Assert.Equal(0, (await _factory.ConnectionAsync(id)).ConsecutiveFetchFailures);
    }

    [Fact]
    public async Task ManualFetch_RunsAsHangfireJob_AndTheLogNamesTheOperator()
    {
        var id = await _factory.AddAuthorizedConnectionAsync(_adminId);
        long entryId;
        using (var scope = _factory.Services.CreateScope())
        {
            entryId = await scope.ServiceProvider.GetRequiredService<ManualFetch>().StartAsync(id, null, null, TikTokSyncWebFactory.AdminEmail, CancellationToken.None);
        }

        ProcessingLogEntry? entry = null;
        for (var attempt = 0; attempt < 300 && entry?.FinishedAtUtc is null; attempt++)
        {
            await Task.Delay(100);
            entry = await _factory.QueryAsync(db => db.ProcessingLogEntries.AsNoTracking().SingleAsync(e => e.Id == entryId));
        }

        Assert.NotNull(entry?.FinishedAtUtc);
        Assert.Equal(ProcessingResult.Success, entry!.Result);
        Assert.Equal(ProcessingTrigger.Manual, entry.Trigger);
        Assert.Equal(TikTokSyncWebFactory.AdminEmail, entry.TriggeredBy);
        Assert.True(entry.Created > 0);

        // The run finishes its entry while it still holds the lease and releases the lease right after: wait for that.
        string? leaseOwner = "not read yet";
        for (var attempt = 0; attempt < 50 && leaseOwner is not null; attempt++)
        {
            leaseOwner = (await _factory.ConnectionAsync(id)).FetchLeaseOwner;
            if (leaseOwner is not null)
            {
                await Task.Delay(100);
            }
        }

        Assert.Null(leaseOwner);
    }

    [Fact]
    public async Task ManualFetch_ConnectionBusy_StepsBackWithoutHoldingTheWorkerAndRunsOnceReleased()
    {
        var busy = await _factory.AddAuthorizedConnectionAsync(_adminId);
        var other = await _factory.AddAuthorizedConnectionAsync(_adminId);
        using var scope = _factory.Services.CreateScope();
        var held = await scope.ServiceProvider.GetRequiredService<FetchLease>().TryAcquireAsync(busy, CancellationToken.None);
        Assert.NotNull(held);
        var fetches = scope.ServiceProvider.GetRequiredService<ManualFetch>();

        var waitingId = await fetches.StartAsync(busy, null, null, TikTokSyncWebFactory.AdminEmail, CancellationToken.None);
        await Task.Delay(1500);
        // The test host has one Hangfire worker: a fetch polling for the lease on it would keep this one from starting.
        var otherId = await fetches.StartAsync(other, null, null, TikTokSyncWebFactory.AdminEmail, CancellationToken.None);
        var otherEntry = await WaitForEntryAsync(otherId, TimeSpan.FromSeconds(10));
        var waitingEntry = await _factory.QueryAsync(db => db.ProcessingLogEntries.AsNoTracking().SingleAsync(e => e.Id == waitingId));
        await held.DisposeAsync();
        var released = await WaitForEntryAsync(waitingId, TimeSpan.FromSeconds(30));

        Assert.Equal(ProcessingResult.Success, otherEntry.Result);
        Assert.Null(waitingEntry.FinishedAtUtc);
        Assert.Equal(ProcessingResult.Success, released.Result);
        Assert.True(released.Created + released.Unchanged + released.Updated > 0);
    }

    [Fact]
    public async Task ManualFetchJob_DeliveredTwiceAtOnce_FetchesOnlyOnce()
    {
        var id = await _factory.AddAuthorizedConnectionAsync(_adminId);
        long entryId;
        using (var scope = _factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Core.Data.TikTokSyncDbContext>();
            var created = new ProcessingLogEntry { Kind = ProcessingKind.ManualFetch, Trigger = ProcessingTrigger.Manual, MallConnectionId = id, StartedAtUtc = DateTime.UtcNow };
            db.ProcessingLogEntries.Add(created);
            await db.SaveChangesAsync();
            entryId = created.Id;
        }

        // What Hangfire does when a run outlives its invisibility timeout: a second worker starts the same job.
        await Task.WhenAll(RunManualFetchJobAsync(entryId), RunManualFetchJobAsync(entryId));
        var entry = await WaitForEntryAsync(entryId, TimeSpan.FromSeconds(10));
        // The copy that stepped back comes again later and must find the work done.
        await Task.Delay(TimeSpan.FromSeconds(8));

        Assert.Equal(ProcessingResult.Success, entry.Result);
        Assert.True(entry.PagesFetched > 0);
        Assert.Equal(entry.PagesFetched, _factory.Services.GetRequiredService<ApiCallCounter>().OrderSearches);
        Assert.Equal(entry.Created, await _factory.QueryAsync(db => db.Orders.CountAsync()));
    }

    [Fact]
    public async Task ManualFetchJob_DeliveredAgainWhileALongRunHoldsTheLease_LeavesTheRunningEntryAlone()
    {
        var id = await _factory.AddAuthorizedConnectionAsync(_adminId);
        using var scope = _factory.Services.CreateScope();
        var held = await scope.ServiceProvider.GetRequiredService<FetchLease>().TryAcquireAsync(id, CancellationToken.None);
        Assert.NotNull(held);
        long entryId;
        await using (held)
        {
            // Started 11 minutes ago (past the manual fetch's patience) and taken up by the copy that holds the lease.
            var db = scope.ServiceProvider.GetRequiredService<Core.Data.TikTokSyncDbContext>();
            var running = new ProcessingLogEntry { Kind = ProcessingKind.ManualFetch, Trigger = ProcessingTrigger.Manual, MallConnectionId = id, StartedAtUtc = DateTime.UtcNow.AddMinutes(-11) };
            db.ProcessingLogEntries.Add(running);
            await db.SaveChangesAsync();
            entryId = running.Id;
            Assert.True(await held.ClaimAsync(entryId, CancellationToken.None));

            await RunManualFetchJobAsync(entryId);
        }

        var entry = await _factory.QueryAsync(db => db.ProcessingLogEntries.AsNoTracking().SingleAsync(e => e.Id == entryId));
        Assert.Null(entry.FinishedAtUtc);
        Assert.Null(entry.Result);
    }

    private async Task RunManualFetchJobAsync(long entryId)
    {
        using var scope = _factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<ManualFetchJob>().RunAsync(entryId, CancellationToken.None);
    }

    private async Task<ProcessingLogEntry> WaitForEntryAsync(long entryId, TimeSpan within)
    {
        var giveUpAt = DateTime.UtcNow + within;
        ProcessingLogEntry entry;
        while ((entry = await _factory.QueryAsync(db => db.ProcessingLogEntries.AsNoTracking().SingleAsync(e => e.Id == entryId))).FinishedAtUtc is null && DateTime.UtcNow < giveUpAt)
        {
            await Task.Delay(100);
        }

        return entry;
    }

    [Fact]
    public async Task NotAuthorized_FetchIsSkippedWithReason()
    {
        var id = await _factory.AddConnectionAsync();

        var run = await _factory.ImportAsync(id, ImportMode.ConfiguredDays);

        Assert.Equal(ProcessingResult.Skipped, run.Result);
        Assert.Equal("未認証", run.Reason);
    }
}
