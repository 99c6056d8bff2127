using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Import.FetchOrders;
using GoQ.TikTokSync.Core.Malls.MapCarriers;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.ProcessingLog;
using GoQ.TikTokSync.Core.Shipping.EnterTracking;
using GoQ.TikTokSync.Core.Shipping.Push;
using GoQ.TikTokSync.TikTokShop;
using GoQ.TikTokSync.TikTokShop.Emulator;
using GoQ.TikTokSync.TikTokShop.Emulator.Fulfillment;
using GoQ.TikTokSync.TikTokShop.Errors;
using GoQ.TikTokSync.TikTokShop.Models;
using GoQ.TikTokSync.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Web.Tests.Shipping.Push;

/// <summary>
/// Loses the next N Mark Package As Shipped answers after TikTok (the emulator) has acted on them: what a timeout after
/// the request left looks like to the client. The emulator's own faults strike before the request is processed.
/// Also fails order reads (the push's read-back) and throws chosen exceptions, for the runs' failure paths.
/// </summary>
public sealed class ResponseLoss
{
    private int _toLose;
    private int _readBacksToFail;
    private Exception? _nextShipError;
    private Exception? _nextReadBackError;
    private Exception? _nextSearchError;
    private TaskCompletionSource? _shipBlocked;
    private readonly object _shipFaultGate = new();
    private int _shipsToPass;
    private int _shipsToFail;
    private Exception? _shipFault;

    public void LoseNextShipResponses(int count) => Interlocked.Exchange(ref _toLose, count);

    public bool TakeOne() => Interlocked.Decrement(ref _toLose) >= 0;

    /// <summary>The next N order-detail reads fail as after TikTok's retries ran out (a 5xx each time).</summary>
    public void FailNextReadBacks(int count) => Interlocked.Exchange(ref _readBacksToFail, count);

    /// <summary>The next ship call throws this before anything reaches TikTok.</summary>
    public void ThrowOnNextShip(Exception error) => Interlocked.Exchange(ref _nextShipError, error);

    /// <summary>
    /// The next <paramref name="passing"/> ship calls reach TikTok as usual; the <paramref name="failing"/> ship calls after
    /// them throw <paramref name="error"/> without reaching TikTok (e.g. the second package of a split parcel).
    /// </summary>
    public void FailShipCallsAfter(int passing, int failing, Exception error)
    {
        lock (_shipFaultGate)
        {
            (_shipsToPass, _shipsToFail, _shipFault) = (passing, failing, error);
        }
    }

    private Exception? TakeShipFault()
    {
        lock (_shipFaultGate)
        {
            if (_shipsToPass > 0)
            {
                _shipsToPass--;
                return null;
            }

            if (_shipsToFail <= 0)
            {
                return null;
            }

            _shipsToFail--;
            return _shipFault;
        }
    }

    /// <summary>The next order-detail read throws this.</summary>
    public void ThrowOnNextReadBack(Exception error) => Interlocked.Exchange(ref _nextReadBackError, error);

    /// <summary>The next order search yields its first page, then throws this (as a repeated page token does).</summary>
    public void ThrowAfterFirstSearchPage(Exception error) => Interlocked.Exchange(ref _nextSearchError, error);

    /// <summary>
    /// The next ship call hangs until its token is cancelled (an app stopping mid-call); the returned task completes once
    /// the call has started.
    /// </summary>
    public Task BlockNextShip()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Exchange(ref _shipBlocked, started);
        return started.Task;
    }

    public static void Install(IServiceCollection services)
    {
        var original = services.Last(d => d.ServiceType == typeof(ITikTokShopApiClient));
        services.Remove(original);
        services.AddSingleton<ResponseLoss>();
        services.AddTransient<ITikTokShopApiClient>(sp => new LosingClient((ITikTokShopApiClient)original.ImplementationFactory!(sp), sp.GetRequiredService<ResponseLoss>()));
    }

    private sealed class LosingClient(ITikTokShopApiClient inner, ResponseLoss loss) : ITikTokShopApiClient
    {
        public async Task<TikTokMarkPackageShippedResult> MarkPackageAsShippedAsync(TikTokShopContext shop, string orderId, TikTokMarkPackageShippedRequest request, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Exchange(ref loss._nextShipError, null) is { } error)
            {
                throw error;
            }

            if (loss.TakeShipFault() is { } fault)
            {
                throw fault;
            }

            if (Interlocked.Exchange(ref loss._shipBlocked, null) is { } blocked)
            {
                blocked.SetResult();
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            }

            var result = await inner.MarkPackageAsShippedAsync(shop, orderId, request, cancellationToken);
            return loss.TakeOne()
                ? throw new TikTokShopApiException(TikTokShopErrorClassification.OutcomeUnknown, "/fulfillment/202309/orders/{order_id}/packages", null, "timeout (test)", null, null)
                : result;
        }

        public Task<IReadOnlyList<TikTokOrder>> GetOrderDetailsAsync(TikTokShopContext shop, IEnumerable<string> orderIds, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Exchange(ref loss._nextReadBackError, null) is { } error)
            {
                throw error;
            }

            return Interlocked.Decrement(ref loss._readBacksToFail) >= 0
                ? throw new TikTokShopApiException(TikTokShopErrorClassification.Retryable, "/order/202309/orders", null, "Service Unavailable (test)", null, 503)
                : inner.GetOrderDetailsAsync(shop, orderIds, cancellationToken);
        }

        public Task<IReadOnlyList<TikTokAuthorizedShop>> GetAuthorizedShopsAsync(ITikTokShopAccessTokenSource tokens, CancellationToken cancellationToken = default) => inner.GetAuthorizedShopsAsync(tokens, cancellationToken);

        public Task<TikTokOrderSearchPage> SearchOrdersPageAsync(TikTokShopContext shop, TikTokOrderSearchRequest request, string? pageToken = null, CancellationToken cancellationToken = default) => inner.SearchOrdersPageAsync(shop, request, pageToken, cancellationToken);

        public IAsyncEnumerable<TikTokOrderSearchPage> SearchOrderPagesAsync(TikTokShopContext shop, TikTokOrderSearchRequest request, string? startPageToken = null, CancellationToken cancellationToken = default) =>
            Interlocked.Exchange(ref loss._nextSearchError, null) is { } error
                ? ThrowAfterFirstPage(inner.SearchOrderPagesAsync(shop, request, startPageToken, cancellationToken), error)
                : inner.SearchOrderPagesAsync(shop, request, startPageToken, cancellationToken);

        private static async IAsyncEnumerable<TikTokOrderSearchPage> ThrowAfterFirstPage(IAsyncEnumerable<TikTokOrderSearchPage> pages, Exception error)
        {
            await foreach (var page in pages)
            {
                yield return page;
                break;
            }

            throw error;
        }

        public IAsyncEnumerable<TikTokOrder> SearchOrdersAsync(TikTokShopContext shop, TikTokOrderSearchRequest request, CancellationToken cancellationToken = default) => inner.SearchOrdersAsync(shop, request, cancellationToken);

        public Task<IReadOnlyList<TikTokShippingProvider>> GetShippingProvidersAsync(TikTokShopContext shop, string deliveryOptionId, CancellationToken cancellationToken = default) => inner.GetShippingProvidersAsync(shop, deliveryOptionId, cancellationToken);

        public Task UpdateShippingInfoAsync(TikTokShopContext shop, string orderId, TikTokUpdateShippingInfoRequest request, CancellationToken cancellationToken = default) => inner.UpdateShippingInfoAsync(shop, orderId, request, cancellationToken);

        public Task UpdatePackageShippingInfoAsync(TikTokShopContext shop, string packageId, TikTokUpdateShippingInfoRequest request, CancellationToken cancellationToken = default) => inner.UpdatePackageShippingInfoAsync(shop, packageId, request, cancellationToken);

        public Task<TikTokPackageDetail> GetPackageDetailAsync(TikTokShopContext shop, string packageId, CancellationToken cancellationToken = default) => inner.GetPackageDetailAsync(shop, packageId, cancellationToken);
    }
}

/// <summary>Steps of the shipping tests: an order on TikTok, imported, a package entered, a push run.</summary>
public static class ExportTestKit
{
    private static long _serial = 10_000_000 + (DateTime.UtcNow.Ticks % 1_000_000);

    /// <summary>Fast client retries, so that a test with injected 5xx answers does not wait seconds per call.</summary>
    public static readonly IReadOnlyDictionary<string, string> QuickRetries = new Dictionary<string, string>
    {
        ["TikTokShop:RetryBaseDelay"] = "00:00:00.010",
        ["TikTokShop:MaxRetryAttempts"] = "1",
    };

    public static string NextTracking(JapaneseCarrier carrier) => JapaneseCarriers.MakeTrackingNumber(carrier, Interlocked.Increment(ref _serial));

    /// <summary>Creates orders on the emulator, imports them, returns their store ids in creation order.</summary>
    public static async Task<IReadOnlyList<(long Id, string TikTokOrderId)>> CreateAndImportAsync(this TikTokSyncWebFactory factory, int connectionId, int count, NewOrderRequest? request = null)
    {
        var ids = Enumerable.Range(0, count).Select(_ => factory.Emulator().CreateOrder(DemoDefaults.ShopId, request ?? new NewOrderRequest { DistinctSkus = 1, UnitsPerSku = 1 })).ToList();
        var run = await factory.ImportAsync(connectionId, ImportMode.ConfiguredDays);
        Assert.Equal(ProcessingResult.Success, run.Result);
        return await factory.QueryAsync(async db =>
        {
            var stored = await db.Orders.Where(o => ids.Contains(o.TikTokOrderId)).Select(o => new { o.Id, o.TikTokOrderId }).ToListAsync();
            return (IReadOnlyList<(long, string)>)ids.Select(id => (stored.Single(s => s.TikTokOrderId == id).Id, id)).ToList();
        });
    }

    public static async Task<PackageSaveResult> EnterAsync(this TikTokSyncWebFactory factory, long orderId, Carrier carrier, string tracking, IReadOnlyList<string>? lines = null, long? packageId = null, string? shipDate = null)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ShippingEntry>().SaveAsync(orderId, packageId, new PackageInput(carrier, tracking, shipDate, lines), null, "operator@example.jp", CancellationToken.None);
    }

    public static async Task<long> EnterValidAsync(this TikTokSyncWebFactory factory, long orderId, Carrier carrier, string tracking, IReadOnlyList<string>? lines = null)
    {
        var result = await factory.EnterAsync(orderId, carrier, tracking, lines);
        Assert.True(result.Saved, string.Join(" / ", result.Errors.Select(e => e.Message)));
        return result.PackageId!.Value;
    }

    /// <summary>One push run as [発送情報を更新] starts it, run in the test's own flow (not through Hangfire).</summary>
    public static async Task<ProcessingLogEntry> PushAsync(this TikTokSyncWebFactory factory, int connectionId, IReadOnlyCollection<long>? packageIds = null, ProcessingTrigger trigger = ProcessingTrigger.Manual)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TikTokSyncDbContext>();
        var entry = scope.ServiceProvider.GetRequiredService<ShippingExport>().NewEntry(connectionId, trigger, "operator@example.jp", null, null);
        db.ProcessingLogEntries.Add(entry);
        await db.SaveChangesAsync();
        return await scope.ServiceProvider.GetRequiredService<ShippingPushRun>().RunAsync(entry.Id, packageIds, CancellationToken.None);
    }

    public static Task<ShippingPackage> PackageAsync(this TikTokSyncWebFactory factory, long packageId) =>
        factory.QueryAsync(db => db.ShippingPackages.AsNoTracking().SingleAsync(p => p.Id == packageId));

    public static async Task<ExportList> ListAsync(this TikTokSyncWebFactory factory, int connectionId)
    {
        using var scope = factory.Services.CreateScope();
        return await ExportEligibility.ListAsync(
            scope.ServiceProvider.GetRequiredService<TikTokSyncDbContext>(),
            scope.ServiceProvider.GetRequiredService<ShippingProviders>(),
            connectionId,
            null,
            null,
            TimeProvider.System,
            CancellationToken.None);
    }

    public static Task<List<string>> LineIdsAsync(this TikTokSyncWebFactory factory, long orderId) =>
        factory.QueryAsync(db => db.OrderLines.Where(l => l.OrderId == orderId).OrderBy(l => l.Id).Select(l => l.TikTokLineItemId).ToListAsync());
}
