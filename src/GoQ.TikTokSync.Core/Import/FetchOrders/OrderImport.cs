using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Jobs;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Malls.Authorize;
using GoQ.TikTokSync.Core.ProcessingLog;
using GoQ.TikTokSync.TikTokShop;
using GoQ.TikTokSync.TikTokShop.Errors;
using GoQ.TikTokSync.TikTokShop.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace GoQ.TikTokSync.Core.Import.FetchOrders;

/// <summary>
/// Imports TikTok orders into the store exactly once per (connection, TikTok order id): new orders land in
/// 受注格納先ステータス, known orders get TikTok's fields refreshed while the operator's status and edits stay.
/// Pages are stored in TikTok's order, each saved on its own while the next is being fetched (one page ahead), so a run
/// stopped half-way keeps what it stored; the incremental
/// cursor moves only when a run completes, so it never passes an order that was not stored.
/// </summary>
public sealed partial class OrderImport(
    TikTokSyncDbContext db,
    ITikTokShopApiClient api,
    TikTokShopConnections connections,
    TimeProvider time,
    ILogger<OrderImport> logger)
{
    public const int PageSize = 100;

    /// <summary>TikTok's order detail takes at most 50 ids per call (OAS).</summary>
    public const int DetailBatchSize = 50;

    /// <summary>TikTok warns that update times can fall outside the searched range while its data refreshes (OAS text).</summary>
    public static readonly TimeSpan IncrementalOverlap = TimeSpan.FromMinutes(5);

    private readonly OrderPageStore _pages = new(db, time, logger);

    public async Task<ProcessingLogEntry> RunAsync(long logEntryId, ImportMode mode, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfEqual(mode, ImportMode.OrderIds);
        var entry = await db.ProcessingLogEntries.SingleAsync(e => e.Id == logEntryId, cancellationToken);
        // Read-only here: the fetch bookkeeping is written with single UPDATEs at the end, so an administrator saving
        // settings during a long import neither blocks it nor is overwritten by it.
        var connection = await db.MallConnections.AsNoTracking().SingleAsync(c => c.Id == entry.MallConnectionId, cancellationToken);
        var startedAt = time.GetUtcNow().UtcDateTime;

        if (connection.SyncBlockReason is { } blocked)
        {
            return await FinishAsync(entry, ProcessingResult.Skipped, blocked, cancellationToken);
        }

        var shop = connections.ContextFor(connection);
        var search = BuildSearch(connection, mode, entry, startedAt);
        var searched = new HashSet<string>(StringComparer.Ordinal);
        var failed = await FetchAsync(entry, connection.Id, countFailures: true, async () =>
        {
            await foreach (var page in PageReadAhead.OneAheadAsync(stop => api.SearchOrderPagesAsync(shop, search, cancellationToken: stop), cancellationToken))
            {
                entry.PagesFetched++;
                entry.ExpectedOrders ??= page.TotalCount is { } total ? (int)Math.Min(total, int.MaxValue) : null;
                searched.UnionWith(page.Orders.Select(o => o.Id));
                // A page that was read is stored even when the run is being stopped (see PageReadAhead): one save, not
                // worth losing what TikTok already sent.
                await _pages.StorePageAsync(connection, entry, page.Orders, mode, CancellationToken.None);
            }

            if (mode == ImportMode.Reconciliation)
            {
                await RereadOpenOrdersAsync(connection, entry, shop, searched, search.CreateTimeFrom!.Value.UtcDateTime, cancellationToken);
            }
        }, cancellationToken);
        if (failed is not null)
        {
            return failed;
        }

        // Only a run that went through every page moves the cursor: every order updated before the run started has then
        // been stored. The next run searches from there less the overlap, for TikTok's late index updates.
        var finishedAt = time.GetUtcNow().UtcDateTime;
        await db.MallConnections.Where(c => c.Id == connection.Id).ExecuteUpdateAsync(
            set => set
                .SetProperty(c => c.ImportCursorUtc, c => mode == ImportMode.Incremental ? startedAt : c.ImportCursorUtc)
                .SetProperty(c => c.LastReconciliationAtUtc, c => mode == ImportMode.ConfiguredDays || mode == ImportMode.Reconciliation ? startedAt : c.LastReconciliationAtUtc)
                .SetProperty(c => c.LastSuccessfulFetchAtUtc, finishedAt)
                .SetProperty(c => c.ConsecutiveFetchFailures, 0),
            cancellationToken);
        return await FinishAsync(entry, entry.Failed > 0 ? ProcessingResult.PartialFailure : ProcessingResult.Success, null, cancellationToken);
    }

    /// <summary>
    /// Re-reads the given orders from TikTok (order detail, <see cref="DetailBatchSize"/> per call) and stores them with
    /// the same upsert as every fetch: known orders are refreshed, unknown ones are created only when TikTok says they are
    /// in the connection's 取得ステータス. Used for webhooks, whose own status values are never trusted.
    /// </summary>
    public async Task<ProcessingLogEntry> SyncOrdersAsync(long logEntryId, IReadOnlyCollection<string> tikTokOrderIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tikTokOrderIds);
        var entry = await db.ProcessingLogEntries.SingleAsync(e => e.Id == logEntryId, cancellationToken);
        var connection = await db.MallConnections.AsNoTracking().SingleAsync(c => c.Id == entry.MallConnectionId, cancellationToken);
        if (connection.SyncBlockReason is { } blocked)
        {
            return await FinishAsync(entry, ProcessingResult.Skipped, blocked, cancellationToken);
        }

        var shop = connections.ContextFor(connection);

        var ids = tikTokOrderIds.Where(id => !string.IsNullOrEmpty(id)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        entry.ExpectedOrders = ids.Count;
        var failed = await FetchAsync(entry, connection.Id, countFailures: false, async () =>
        {
            foreach (var batch in ids.Chunk(DetailBatchSize))
            {
                var orders = await api.GetOrderDetailsAsync(shop, batch, cancellationToken);
                entry.PagesFetched++;
                var returned = orders.Select(o => o.Id).ToHashSet(StringComparer.Ordinal);
                foreach (var missing in batch.Where(id => !returned.Contains(id)))
                {
                    entry.Skipped++;
                    entry.Items.Add(new ProcessingLogItem { TikTokOrderId = missing, Outcome = ProcessingItemOutcome.Skipped, Message = "TikTok Shop に受注が見つかりません" });
                }

                await _pages.StorePageAsync(connection, entry, orders, ImportMode.OrderIds, cancellationToken);
            }
        }, cancellationToken);
        return failed ?? await FinishAsync(entry, entry.Failed > 0 ? ProcessingResult.PartialFailure : ProcessingResult.Success, null, cancellationToken);
    }

    /// <summary>
    /// The reconciliation's second half: stored orders of the window that TikTok still has open but the status-filtered
    /// search did not return, re-read by order detail so that changes besides the status reach them too.
    /// </summary>
    private async Task RereadOpenOrdersAsync(MallConnection connection, ProcessingLogEntry entry, TikTokShopContext shop, HashSet<string> searched, DateTime windowStartUtc, CancellationToken cancellationToken)
    {
        // Statuses in which an order can still change in ways the seller must see before shipping everything.
        var stored = await db.Orders.AsNoTracking()
            .Where(o => o.MallConnectionId == connection.Id && o.OrderedAtUtc >= windowStartUtc
                && (o.TikTokStatus == TikTokOrderStatus.Unpaid || o.TikTokStatus == TikTokOrderStatus.OnHold
                    || o.TikTokStatus == TikTokOrderStatus.AwaitingShipment || o.TikTokStatus == TikTokOrderStatus.PartiallyShipping))
            .OrderBy(o => o.Id)
            .Select(o => o.TikTokOrderId)
            .ToListAsync(cancellationToken);
        foreach (var batch in stored.Where(id => !searched.Contains(id)).Chunk(DetailBatchSize))
        {
            var orders = await api.GetOrderDetailsAsync(shop, batch, cancellationToken);
            entry.PagesFetched++;
            await _pages.StorePageAsync(connection, entry, orders, ImportMode.OrderIds, cancellationToken);
        }
    }

    /// <summary>Runs the TikTok calls of a run; on a TikTok or network failure records it and returns the finished entry.</summary>
    private async Task<ProcessingLogEntry?> FetchAsync(ProcessingLogEntry entry, int mallConnectionId, bool countFailures, Func<Task> fetch, CancellationToken cancellationToken)
    {
        try
        {
            await fetch();
            return null;
        }
        catch (ReauthorizationRequiredException)
        {
            return await FinishAsync(entry, ProcessingResult.Skipped, "再認証が必要です", cancellationToken);
        }
        catch (MallConnectionDisabledException)
        {
            // Switched to 利用しない while this run was going: the token source refused the next call.
            return await FinishAsync(entry, ProcessingResult.Skipped, MallConnectionDisabledException.JapaneseReason, cancellationToken);
        }
        catch (TikTokShopApiException ex)
        {
            LogFetchFailed(logger, mallConnectionId, ex.Path, ex.Code, ex.ApiMessage, ex.RequestId, ex.Classification);
            if (countFailures)
            {
                await CountFailureAsync(mallConnectionId, cancellationToken);
            }

            entry.Items.Add(new ProcessingLogItem
            {
                Outcome = ProcessingItemOutcome.Failed,
                Message = $"TikTok Shop API エラー: {ex.ApiMessage ?? ex.Message}",
                TikTokErrorCode = ex.Code,
                TikTokRequestId = ex.RequestId,
            });
            if (CredentialProblems.HoldReason(ex) is { } hold)
            {
                // Every later run would be refused the same way: wait for 再認証 instead (the 10-minute job skips it, logged once).
                await CredentialHold.HoldAsync(db, mallConnectionId, hold, time.GetUtcNow().UtcDateTime, cancellationToken);
                return await FinishAsync(entry, ProcessingResult.Failure, hold, cancellationToken);
            }

            return await FinishAsync(entry, ProcessingResult.Failure, $"TikTok Shop との通信に失敗しました（{ex.Code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ex.Classification.ToString()}）", cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            LogNetworkFailed(logger, mallConnectionId, ex.Message);
            if (countFailures)
            {
                await CountFailureAsync(mallConnectionId, cancellationToken);
            }

            return await FinishAsync(entry, ProcessingResult.Failure, "TikTok Shop に接続できませんでした", cancellationToken);
        }
    }

    private static TikTokOrderSearchRequest BuildSearch(MallConnection connection, ImportMode mode, ProcessingLogEntry entry, DateTime nowUtc)
    {
        var windowStart = new DateTimeOffset(nowUtc.AddDays(-connection.FetchDays), TimeSpan.Zero);
        var status = connection.FetchTikTokStatus;
        return mode switch
        {
            ImportMode.ConfiguredDays or ImportMode.Reconciliation => new TikTokOrderSearchRequest
            {
                Status = status,
                CreateTimeFrom = windowStart,
                CreateTimeBefore = new DateTimeOffset(nowUtc, TimeSpan.Zero),
                PageSize = PageSize,
                SortField = TikTokOrderSortField.CreateTime,
                SortOrder = TikTokSortOrder.Ascending,
            },
            ImportMode.DateRange => new TikTokOrderSearchRequest
            {
                Status = status,
                CreateTimeFrom = new DateTimeOffset(entry.RangeFromUtc ?? throw new InvalidOperationException("A date-range fetch needs its window."), TimeSpan.Zero),
                CreateTimeBefore = new DateTimeOffset(entry.RangeToUtc ?? nowUtc, TimeSpan.Zero),
                PageSize = PageSize,
                SortField = TikTokOrderSortField.CreateTime,
                SortOrder = TikTokSortOrder.Ascending,
            },
            _ => new TikTokOrderSearchRequest
            {
                CreateTimeFrom = windowStart,
                UpdateTimeFrom = new DateTimeOffset((connection.ImportCursorUtc ?? windowStart.UtcDateTime) - IncrementalOverlap, TimeSpan.Zero),
                PageSize = PageSize,
                SortField = TikTokOrderSortField.UpdateTime,
                SortOrder = TikTokSortOrder.Ascending,
            },
        };
    }

    private Task<int> CountFailureAsync(int mallConnectionId, CancellationToken cancellationToken) =>
        db.MallConnections.Where(c => c.Id == mallConnectionId)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.ConsecutiveFetchFailures, c => c.ConsecutiveFetchFailures + 1), cancellationToken);

    private Task<ProcessingLogEntry> FinishAsync(ProcessingLogEntry entry, ProcessingResult result, string? reason, CancellationToken cancellationToken) =>
        db.FinishRunAsync(entry, result, reason, time, cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order fetch for connection {MallConnectionId} failed at {Path}: {Code} {ErrorMessage} (request {RequestId}, {Classification})")]
    private static partial void LogFetchFailed(ILogger logger, int mallConnectionId, string path, int? code, string? errorMessage, string? requestId, TikTokShopErrorClassification classification);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order fetch for connection {MallConnectionId} could not reach TikTok: {ErrorMessage}")]
    private static partial void LogNetworkFailed(ILogger logger, int mallConnectionId, string errorMessage);
}
