using GoQ.TikTokSync.Core.Import.FetchOrders;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.ProcessingLog;
using GoQ.TikTokSync.Core.Shipping.Push;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.TikTokShop.Emulator;
using GoQ.TikTokSync.TikTokShop.Emulator.Fulfillment;
using GoQ.TikTokSync.TikTokShop.Models;
using GoQ.TikTokSync.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Web.Tests.Shipping.Push;

/// <summary>The push of shipping information against the in-process emulator, read back from the emulator's own record.</summary>
public sealed class ShippingPushTests : IAsyncLifetime
{
    private readonly TikTokSyncWebFactory _factory = new()
    {
        Settings = new Dictionary<string, string>(ExportTestKit.QuickRetries) { ["ShippingPush:StaleClaimAfter"] = "00:00:20" },
        TestServices = ResponseLoss.Install,
    };
    private int _connectionId;

    public async Task InitializeAsync()
    {
        var admin = await _factory.CreateUserAsync(TikTokSyncWebFactory.AdminEmail, AppRoles.Admin);
        _connectionId = await _factory.AddAuthorizedConnectionAsync(admin.Id);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private ShippedOrder Shipping(string tikTokOrderId) => _factory.Emulator().GetShipping(tikTokOrderId)!;

    private ResponseLoss Faults => _factory.Services.GetRequiredService<ResponseLoss>();

    private Task<List<ShippingPushAttempt>> AttemptsAsync(long orderId) =>
        _factory.QueryAsync(db => db.ShippingPushAttempts.AsNoTracking().Where(a => a.OrderId == orderId).OrderBy(a => a.Id).ToListAsync());

    [Fact]
    public async Task Push_EnteredTracking_ShipsOnceWithMappedProviderAndRecordsTheAttempt()
    {
        var (orderId, tikTokId) = (await _factory.CreateAndImportAsync(_connectionId, 1))[0];
        var tracking = ExportTestKit.NextTracking(JapaneseCarriers.Yamato);
        var packageId = await _factory.EnterValidAsync(orderId, Carrier.Yamato, tracking);

        var run = await _factory.PushAsync(_connectionId);

        Assert.Equal(ProcessingResult.Success, run.Result);
        Assert.Equal(1, run.Updated);
        var shipped = Shipping(tikTokId);
        Assert.Equal(1, shipped.ShipCallCount);
        Assert.Equal(TikTokOrderStatus.AwaitingCollection.Value, shipped.Status);
        Assert.Equal(tracking, Assert.Single(shipped.Packages).TrackingNumber);
        Assert.Equal(JapaneseCarriers.Yamato.Id, shipped.ShippingProviderId);
        var package = await _factory.PackageAsync(packageId);
        Assert.Equal(ShipmentPushState.Pushed, package.PushState);
        Assert.Equal(tracking, package.PushedTrackingNumber);
        Assert.Equal(shipped.Packages[0].PackageId, package.TikTokPackageId);
        var attempt = Assert.Single(await _factory.QueryAsync(db => db.ShippingPushAttempts.Where(a => a.OrderId == orderId).ToListAsync()));
        Assert.Equal(ShippingPushResult.Success, attempt.Result);
        Assert.Equal(tracking, attempt.TrackingNumber);
        var item = Assert.Single(await _factory.QueryAsync(db => db.ProcessingLogItems.Where(i => i.ProcessingLogEntryId == run.Id).ToListAsync()));
        Assert.Equal(ProcessingItemOutcome.Pushed, item.Outcome);
        Assert.Equal(tikTokId, item.TikTokOrderId);
    }

    [Fact]
    public async Task Push_SecondRun_DoesNotSendAPushedPackageAgain()
    {
        var (orderId, tikTokId) = (await _factory.CreateAndImportAsync(_connectionId, 1))[0];
        await _factory.EnterValidAsync(orderId, Carrier.Sagawa, ExportTestKit.NextTracking(JapaneseCarriers.Sagawa));

        await _factory.PushAsync(_connectionId);
        var second = await _factory.PushAsync(_connectionId);

        Assert.Equal(0, second.ExpectedOrders);
        Assert.Equal(1, Shipping(tikTokId).ShipAttemptCount);
        var excluded = Assert.Single((await _factory.ListAsync(_connectionId)).Excluded);
        Assert.Equal("送信済み", excluded.Exclusion);
    }

    [Fact]
    public async Task Eligibility_EachExclusionReason_IsListedSeparatelyWithItsReason()
    {
        var orders = await _factory.CreateAndImportAsync(_connectionId, 7);
        var large = (await _factory.CreateAndImportAsync(_connectionId, 1, new NewOrderRequest { DistinctSkus = 1, UnitsPerSku = 1, DeliveryOptionId = JapaneseCarriers.LargeItemDelivery.Id }))[0];
        var packages = new List<long>();
        foreach (var (id, _) in orders)
        {
            packages.Add(await _factory.EnterValidAsync(id, Carrier.Yamato, ExportTestKit.NextTracking(JapaneseCarriers.Yamato)));
        }

        await _factory.EnterValidAsync(large.Id, Carrier.JapanPost, ExportTestKit.NextTracking(JapaneseCarriers.JapanPost));
        await _factory.WithDbAsync(async db =>
        {
            var today = Core.Time.JapanTime.Today(TimeProvider.System);
            await db.ShippingPackages.Where(p => p.Id == packages[1]).ExecuteUpdateAsync(s => s.SetProperty(p => p.ShipDate, (DateOnly?)null));
            await db.ShippingPackages.Where(p => p.Id == packages[2]).ExecuteUpdateAsync(s => s.SetProperty(p => p.TrackingNumber, (string?)null));
            await db.ShippingPackages.Where(p => p.Id == packages[3]).ExecuteUpdateAsync(s => s.SetProperty(p => p.ShipDate, today.AddDays(1)));
        });
        _factory.Emulator().CancelOrder(orders[6].TikTokOrderId, CancelInitiator.Seller);
        await _factory.ImportAsync(_connectionId, ImportMode.Incremental);
        // Statuses TikTok would only show before payment / during the hold, set on our copy after the last import.
        await _factory.WithDbAsync(async db =>
        {
            await db.Orders.Where(o => o.Id == orders[4].Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.TikTokStatus, TikTokOrderStatus.OnHold));
            await db.Orders.Where(o => o.Id == orders[5].Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.TikTokStatus, TikTokOrderStatus.Unpaid));
        });

        var list = await _factory.ListAsync(_connectionId);

        Assert.Equal([orders[0].TikTokOrderId], list.Candidates.Select(c => c.TikTokOrderId));
        var reasons = list.Excluded.ToDictionary(e => e.TikTokOrderId, e => e.Exclusion);
        Assert.Equal("出荷日未入力", reasons[orders[1].TikTokOrderId]);
        Assert.Equal("伝票番号未入力", reasons[orders[2].TikTokOrderId]);
        Assert.Equal("出荷日が未来", reasons[orders[3].TikTokOrderId]);
        Assert.Equal("保留中", reasons[orders[4].TikTokOrderId]);
        Assert.Equal("未払い", reasons[orders[5].TikTokOrderId]);
        Assert.Equal("TikTok側でキャンセル", reasons[orders[6].TikTokOrderId]);
        Assert.Equal("配送業者の対応付けなし", reasons[large.TikTokOrderId]);

        var run = await _factory.PushAsync(_connectionId);

        Assert.Equal(1, run.Updated);
        Assert.All(orders.Skip(1).Append(large), o => Assert.Equal(0, _factory.Emulator().GetShipping(o.TikTokOrderId)?.ShipAttemptCount ?? 0));
    }

    [Fact]
    public async Task Push_SplitOrder_SendsEachPackageWithItsLineItems()
    {
        var (orderId, tikTokId) = (await _factory.CreateAndImportAsync(_connectionId, 1, new NewOrderRequest { DistinctSkus = 2, UnitsPerSku = 1 }))[0];
        var lines = await _factory.LineIdsAsync(orderId);
        var first = ExportTestKit.NextTracking(JapaneseCarriers.Yamato);
        var second = ExportTestKit.NextTracking(JapaneseCarriers.Yamato);
        await _factory.EnterValidAsync(orderId, Carrier.Yamato, first, [lines[0]]);
        await _factory.EnterValidAsync(orderId, Carrier.Yamato, second);

        var run = await _factory.PushAsync(_connectionId);

        Assert.Equal(2, run.Updated);
        var shipped = Shipping(tikTokId);
        Assert.Equal(TikTokOrderStatus.AwaitingCollection.Value, shipped.Status);
        Assert.Equal(2, shipped.ShipCallCount);
        Assert.Equal([lines[0]], shipped.Packages.Single(p => p.TrackingNumber == first).LineItemIds);
        Assert.Equal([lines[1]], shipped.Packages.Single(p => p.TrackingNumber == second).LineItemIds);
    }

    [Fact]
    public async Task Push_AnswerLostAfterTikTokShipped_IsConfirmedByReadBackAndNotSentAgain()
    {
        var (orderId, tikTokId) = (await _factory.CreateAndImportAsync(_connectionId, 1))[0];
        var tracking = ExportTestKit.NextTracking(JapaneseCarriers.JapanPost);
        var packageId = await _factory.EnterValidAsync(orderId, Carrier.JapanPost, tracking);
        _factory.Services.GetRequiredService<ResponseLoss>().LoseNextShipResponses(1);

        var run = await _factory.PushAsync(_connectionId);

        Assert.Equal(ProcessingResult.Success, run.Result);
        Assert.Equal(1, Shipping(tikTokId).ShipAttemptCount);
        Assert.Equal(ShipmentPushState.Pushed, (await _factory.PackageAsync(packageId)).PushState);
        var results = await _factory.QueryAsync(db => db.ShippingPushAttempts.Where(a => a.OrderId == orderId).OrderBy(a => a.Id).Select(a => a.Result).ToListAsync());
        Assert.Equal([ShippingPushResult.OutcomeUnknown, ShippingPushResult.ConfirmedByReadBack], results);
    }

    [Fact]
    public async Task Push_ServerErrorsOnEveryCall_LeavesPackageOutcomeUnknownThenReadsBackAndShipsOnceWhenTikTokRecovers()
    {
        var (orderId, tikTokId) = (await _factory.CreateAndImportAsync(_connectionId, 1))[0];
        var packageId = await _factory.EnterValidAsync(orderId, Carrier.Yamato, ExportTestKit.NextTracking(JapaneseCarriers.Yamato));
        // Resolve the provider while TikTok still answers, as the export page would have.
        await _factory.ListAsync(_connectionId);
        _factory.Emulator().SetFaults(new FaultSettings { ServerErrorRate = 1.0 });

        var failing = await _factory.PushAsync(_connectionId);

        Assert.Equal(1, failing.Skipped);
        var unknown = await _factory.PackageAsync(packageId);
        // The 503 on the ship call may or may not have come after TikTok acted, and the read-back failed too.
        Assert.Equal(ShipmentPushState.OutcomeUnknown, unknown.PushState);
        Assert.Contains("次回の書き出し", unknown.FailureReason, StringComparison.Ordinal);
        Assert.Equal(ShipmentPushState.OutcomeUnknown, await _factory.QueryAsync(db => db.Orders.Where(o => o.Id == orderId).Select(o => o.ShipmentPushState).SingleAsync()));
        Assert.Equal(0, _factory.Emulator().GetShipping(tikTokId)?.ShipCallCount ?? 0);
        Assert.Contains((await _factory.ListAsync(_connectionId)).Candidates, c => c.PackageId == packageId && c.PushState == ShipmentPushState.OutcomeUnknown);

        _factory.Emulator().SetFaults(FaultSettings.None);
        var recovered = await _factory.PushAsync(_connectionId);

        Assert.Equal(1, recovered.Updated);
        Assert.Equal(1, Shipping(tikTokId).ShipCallCount);
        var lastTwo = (await AttemptsAsync(orderId)).TakeLast(2).Select(a => (a.Call, a.Result));
        Assert.Equal([(ShippingPushCall.ReadBack, ShippingPushResult.NotShippedOnTikTok), (ShippingPushCall.MarkPackageAsShipped, ShippingPushResult.Success)], lastTwo);
    }

    [Fact]
    public async Task PushAsync_ReadBackFails_SendsNothingAndStaysOutcomeUnknownUntilAReadBackConfirms()
    {
        var (orderId, tikTokId) = (await _factory.CreateAndImportAsync(_connectionId, 1))[0];
        var packageId = await _factory.EnterValidAsync(orderId, Carrier.Yamato, ExportTestKit.NextTracking(JapaneseCarriers.Yamato));
        // TikTok ships, its answer is lost, and the read-back that would have told us fails as well.
        Faults.LoseNextShipResponses(1);
        Faults.FailNextReadBacks(1);
        var lost = await _factory.PushAsync(_connectionId);
        Assert.Equal(ShipmentPushState.OutcomeUnknown, (await _factory.PackageAsync(packageId)).PushState);

        Faults.FailNextReadBacks(1);
        var stillBlind = await _factory.PushAsync(_connectionId);
        var afterBlind = await _factory.PackageAsync(packageId);
        var settled = await _factory.PushAsync(_connectionId);

        Assert.Equal(1, lost.Skipped);
        Assert.Equal(1, stillBlind.Skipped);
        Assert.Equal(ShipmentPushState.OutcomeUnknown, afterBlind.PushState);
        Assert.Equal(PackagePusher.ReadBackFailedReason, afterBlind.FailureReason);
        Assert.Equal(1, settled.Updated);
        Assert.Equal(ShipmentPushState.Pushed, (await _factory.PackageAsync(packageId)).PushState);
        Assert.Equal(1, Shipping(tikTokId).ShipAttemptCount);
        Assert.Equal(ShippingPushResult.ConfirmedByReadBack, (await AttemptsAsync(orderId))[^1].Result);
    }

    [Fact]
    public async Task Push_OutcomeUnknownButTikTokHasNothing_IsReadBackThenSentOnce()
    {
        var (orderId, tikTokId) = (await _factory.CreateAndImportAsync(_connectionId, 1))[0];
        var packageId = await _factory.EnterValidAsync(orderId, Carrier.Yamato, ExportTestKit.NextTracking(JapaneseCarriers.Yamato));
        // The call was stopped before it left (an app shutdown on our side of the wire).
        Faults.ThrowOnNextShip(new OperationCanceledException("stopping (test)"));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _factory.PushAsync(_connectionId));
        var interrupted = await _factory.PackageAsync(packageId);

        var run = await _factory.PushAsync(_connectionId);

        Assert.Equal(ShipmentPushState.OutcomeUnknown, interrupted.PushState);
        Assert.Equal(PackagePusher.InterruptedReason, interrupted.FailureReason);
        Assert.Equal(1, run.Updated);
        Assert.Equal(ShipmentPushState.Pushed, (await _factory.PackageAsync(packageId)).PushState);
        Assert.Equal(1, Shipping(tikTokId).ShipCallCount);
        var calls = (await AttemptsAsync(orderId)).Select(a => (a.Call, a.Result));
        Assert.Equal([(ShippingPushCall.ReadBack, ShippingPushResult.NotShippedOnTikTok), (ShippingPushCall.MarkPackageAsShipped, ShippingPushResult.Success)], calls);
    }

    [Fact]
    public async Task Push_ReadBackNeedsReauthorization_LeavesPackageOutcomeUnknownAndStopsTheRun()
    {
        var orders = await _factory.CreateAndImportAsync(_connectionId, 2);
        var packageId = await _factory.EnterValidAsync(orders[0].Id, Carrier.Yamato, ExportTestKit.NextTracking(JapaneseCarriers.Yamato));
        Faults.LoseNextShipResponses(1);
        Faults.ThrowOnNextReadBack(new ReauthorizationRequiredException("revoked (test)"));

        var run = await _factory.PushAsync(_connectionId, [packageId]);

        Assert.Equal(ProcessingResult.Failure, run.Result);
        Assert.Contains("再認証が必要です", run.Reason, StringComparison.Ordinal);
        Assert.NotNull(run.FinishedAtUtc);
        Assert.Equal(ShipmentPushState.OutcomeUnknown, (await _factory.PackageAsync(packageId)).PushState);
    }

    [Fact]
    public async Task Push_ClaimOfADeadRunPastStaleClaimAfter_IsReadBackAndNotSentAgain()
    {
        var (orderId, tikTokId) = (await _factory.CreateAndImportAsync(_connectionId, 1))[0];
        var packageId = await _factory.EnterValidAsync(orderId, Carrier.Yamato, ExportTestKit.NextTracking(JapaneseCarriers.Yamato));
        await _factory.PushAsync(_connectionId);
        // As a run killed right after TikTok shipped leaves it: claimed 30 s ago (the setting here is 20 s), never finished.
        await _factory.WithDbAsync(db => db.ShippingPackages.Where(p => p.Id == packageId).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.PushState, ShipmentPushState.Pushing).SetProperty(p => p.PushStartedAtUtc, DateTime.UtcNow.AddSeconds(-30))
            .SetProperty(p => p.PushedTrackingNumber, (string?)null).SetProperty(p => p.PushedAtUtc, (DateTime?)null)));

        var run = await _factory.PushAsync(_connectionId, [packageId]);

        Assert.Equal(1, run.Updated);
        Assert.Equal(ShipmentPushState.Pushed, (await _factory.PackageAsync(packageId)).PushState);
        Assert.Equal(1, Shipping(tikTokId).ShipCallCount);
        Assert.Equal(ShippingPushResult.ConfirmedByReadBack, (await AttemptsAsync(orderId))[^1].Result);
    }

    [Fact]
    public async Task Push_ClaimOfARunningPushYoungerThanStaleClaimAfter_IsLeftAlone()
    {
        var (orderId, tikTokId) = (await _factory.CreateAndImportAsync(_connectionId, 1))[0];
        var packageId = await _factory.EnterValidAsync(orderId, Carrier.Yamato, ExportTestKit.NextTracking(JapaneseCarriers.Yamato));
        await _factory.WithDbAsync(db => db.ShippingPackages.Where(p => p.Id == packageId).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.PushState, ShipmentPushState.Pushing).SetProperty(p => p.PushStartedAtUtc, DateTime.UtcNow.AddSeconds(-5))));

        var run = await _factory.PushAsync(_connectionId, [packageId]);

        Assert.Equal(1, run.Unchanged);
        Assert.Equal(ShipmentPushState.Pushing, (await _factory.PackageAsync(packageId)).PushState);
        Assert.Equal(0, _factory.Emulator().GetShipping(tikTokId)?.ShipAttemptCount ?? 0);
        Assert.Empty(await AttemptsAsync(orderId));
    }

    [Fact]
    public async Task Push_StateLostButTikTokAlreadyShipped_ReconcilesAlreadyShippedAnswerAsPushed()
    {
        var (orderId, tikTokId) = (await _factory.CreateAndImportAsync(_connectionId, 1))[0];
        var tracking = ExportTestKit.NextTracking(JapaneseCarriers.Yamato);
        var packageId = await _factory.EnterValidAsync(orderId, Carrier.Yamato, tracking);
        await _factory.PushAsync(_connectionId);
        // As if our store had been restored from a backup taken before the push.
        await _factory.WithDbAsync(db => db.ShippingPackages.Where(p => p.Id == packageId).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.PushState, ShipmentPushState.Pending).SetProperty(p => p.PushedTrackingNumber, (string?)null).SetProperty(p => p.PushedAtUtc, (DateTime?)null)));

        var run = await _factory.PushAsync(_connectionId, [packageId]);

        Assert.Equal(1, run.Updated);
        Assert.Equal(1, Shipping(tikTokId).ShipCallCount);
        Assert.Equal(ShipmentPushState.Pushed, (await _factory.PackageAsync(packageId)).PushState);
        Assert.Contains(ShippingPushResult.ConfirmedByReadBack, await _factory.QueryAsync(db => db.ShippingPushAttempts.Where(a => a.OrderId == orderId).Select(a => a.Result).ToListAsync()));
    }

    [Fact]
    public async Task Push_TrackingRefusedByTikTok_FailsWithJapaneseReasonAndIsNotRetriedAutomatically()
    {
        var (orderId, tikTokId) = (await _factory.CreateAndImportAsync(_connectionId, 1))[0];
        // A Yamato-shaped number sent as Seino: our check accepts 10 digits for Seino, TikTok refuses the provider mismatch.
        var packageId = await _factory.EnterValidAsync(orderId, Carrier.SeinoTransportation, "1234567890");
        await _factory.WithDbAsync(db => db.ShippingPackages.Where(p => p.Id == packageId).ExecuteUpdateAsync(s => s.SetProperty(p => p.Carrier, Carrier.Yamato)));

        var run = await _factory.PushAsync(_connectionId);
        var again = await _factory.PushAsync(_connectionId);

        Assert.Equal(1, run.Failed);
        Assert.Equal(0, again.ExpectedOrders);
        Assert.Equal(1, Shipping(tikTokId).ShipAttemptCount);
        var package = await _factory.PackageAsync(packageId);
        Assert.Equal(ShipmentPushState.Failed, package.PushState);
        Assert.Contains("伝票番号または配送業者が TikTok Shop で受け付けられませんでした", package.FailureReason, StringComparison.Ordinal);
        var attempt = await _factory.QueryAsync(db => db.ShippingPushAttempts.SingleAsync(a => a.OrderId == orderId));
        Assert.NotNull(attempt.TikTokErrorCode);
        Assert.NotNull(attempt.TikTokRequestId);
        var item = await _factory.QueryAsync(db => db.ProcessingLogItems.SingleAsync(i => i.ProcessingLogEntryId == run.Id));
        Assert.Equal(ProcessingItemOutcome.Failed, item.Outcome);
    }

    [Fact]
    public async Task Push_OrderOnHoldAtTikTok_FailsWithJapaneseReason()
    {
        await _factory.WithDbAsync(db => db.MallConnections.Where(c => c.Id == _connectionId).ExecuteUpdateAsync(s => s.SetProperty(c => c.FetchTikTokStatus, TikTokOrderStatus.OnHold)));
        var (orderId, tikTokId) = (await _factory.CreateAndImportAsync(_connectionId, 1, new NewOrderRequest { Status = TikTokOrderStatus.OnHold.Value, DistinctSkus = 1, UnitsPerSku = 1 }))[0];
        // Our copy says the hold is over (a stale import); TikTok still says ON_HOLD when asked to ship. is_on_hold_order
        // stays true after a hold ends, so the copy is of the ON_HOLD flow (not the old flow's cancellation wait).
        await _factory.WithDbAsync(db => db.Orders.Where(o => o.Id == orderId).ExecuteUpdateAsync(s => s
            .SetProperty(o => o.TikTokStatus, TikTokOrderStatus.AwaitingShipment).SetProperty(o => o.IsOnHold, true)));
        var packageId = await _factory.EnterValidAsync(orderId, Carrier.Yamato, ExportTestKit.NextTracking(JapaneseCarriers.Yamato));

        var run = await _factory.PushAsync(_connectionId);

        Assert.Equal(1, run.Failed);
        var package = await _factory.PackageAsync(packageId);
        Assert.Equal(ShipmentPushState.Failed, package.PushState);
        Assert.Contains("保留中の注文です", package.FailureReason, StringComparison.Ordinal);
        Assert.Equal(0, Shipping(tikTokId).ShipCallCount);
    }
}
