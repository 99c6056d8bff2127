using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Jobs;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Malls.Authorize;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.ProcessingLog;
using GoQ.TikTokSync.TikTokShop;
using GoQ.TikTokSync.TikTokShop.Errors;
using GoQ.TikTokSync.TikTokShop.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace GoQ.TikTokSync.Core.Import.FetchOrders;

public enum ImportMode
{
    /// <summary>モール詳細の取得日数で取得: 取得ステータス, created within 受注を取得する日数. Also the daily reconciliation.</summary>
    ConfiguredDays,

    /// <summary>取得日時 from/to: 取得ステータス, created within the operator's window.</summary>
    DateRange,

    /// <summary>The 10-minute job: anything updated since the cursor (less an overlap), created within the configured days, any status.</summary>
    Incremental,

    /// <summary>Named orders re-read by order detail (webhooks): like <see cref="Incremental"/>, a new order is stored only in 取得ステータス.</summary>
    OrderIds,
}

/// <summary>
/// Imports TikTok orders into the store exactly once per (connection, TikTok order id): new orders land in
/// 受注格納先ステータス, known orders get TikTok's fields refreshed while the operator's status and edits stay.
/// Each page is stored before the next is asked for, so a run stopped half-way keeps what it stored; the incremental
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
        var failed = await FetchAsync(entry, connection.Id, countFailures: true, async () =>
        {
            await foreach (var page in api.SearchOrderPagesAsync(shop, search, cancellationToken: cancellationToken))
            {
                entry.PagesFetched++;
                entry.ExpectedOrders ??= page.TotalCount is { } total ? (int)Math.Min(total, int.MaxValue) : null;
                await StorePageAsync(connection, entry, page.Orders, mode, cancellationToken);
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
                .SetProperty(c => c.LastReconciliationAtUtc, c => mode == ImportMode.ConfiguredDays ? startedAt : c.LastReconciliationAtUtc)
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

                await StorePageAsync(connection, entry, orders, ImportMode.OrderIds, cancellationToken);
            }
        }, cancellationToken);
        return failed ?? await FinishAsync(entry, entry.Failed > 0 ? ProcessingResult.PartialFailure : ProcessingResult.Success, null, cancellationToken);
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
        var status = new TikTokOrderStatus(connection.FetchTikTokStatus);
        return mode switch
        {
            ImportMode.ConfiguredDays => new TikTokOrderSearchRequest
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

    /// <summary>
    /// Upserts one page. A unique-index violation means another importer stored some of these orders a moment ago:
    /// the page is then re-read against the store and applied again, as updates.
    /// </summary>
    private async Task StorePageAsync(MallConnection connection, ProcessingLogEntry entry, IReadOnlyList<TikTokOrder> page, ImportMode mode, CancellationToken cancellationToken)
    {
        // The same order may appear twice in one page set when it changed while we paged; the newest copy wins.
        var orders = page.Where(o => !string.IsNullOrEmpty(o.Id))
            .GroupBy(o => o.Id, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(o => o.UpdateTime).First())
            .ToList();
        var invalid = page.Count - page.Count(o => !string.IsNullOrEmpty(o.Id));
        for (var i = 0; i < invalid; i++)
        {
            Fail(entry, null, "受注IDがありません");
        }

        for (var attempt = 1; ; attempt++)
        {
            var counts = new PageCounts();
            var pendingItems = new List<ProcessingLogItem>();
            await ApplyPageAsync(connection, orders, mode, counts, pendingItems, cancellationToken);
            try
            {
                counts.AddTo(entry);
                entry.Items.AddRange(pendingItems);
                await db.SaveChangesAsync(cancellationToken);
                ReleaseStoredPage(entry);
                return;
            }
            catch (DbUpdateException ex) when (attempt == 1)
            {
                LogPageConflict(logger, connection.Id, ex.InnerException?.Message ?? ex.Message);
                Undo(entry, counts, pendingItems);
            }
            catch (DbUpdateException)
            {
                Undo(entry, counts, pendingItems);
                await StoreOneByOneAsync(connection, entry, orders, mode, cancellationToken);
                return;
            }
        }
    }

    /// <summary>Last resort for a page that will not save as a whole: each order on its own, so one bad order fails alone.</summary>
    private async Task StoreOneByOneAsync(MallConnection connection, ProcessingLogEntry entry, IReadOnlyList<TikTokOrder> orders, ImportMode mode, CancellationToken cancellationToken)
    {
        foreach (var order in orders)
        {
            var counts = new PageCounts();
            var pendingItems = new List<ProcessingLogItem>();
            await ApplyPageAsync(connection, [order], mode, counts, pendingItems, cancellationToken);
            try
            {
                counts.AddTo(entry);
                entry.Items.AddRange(pendingItems);
                await db.SaveChangesAsync(cancellationToken);
                ReleaseStoredPage(entry);
            }
            catch (DbUpdateException ex)
            {
                Undo(entry, counts, pendingItems);
                Fail(entry, order.Id, "保存できませんでした: " + (ex.InnerException?.Message ?? ex.Message));
            }
        }
    }

    private async Task ApplyPageAsync(MallConnection connection, IReadOnlyList<TikTokOrder> orders, ImportMode mode, PageCounts counts, List<ProcessingLogItem> items, CancellationToken cancellationToken)
    {
        var ids = orders.Select(o => o.Id).ToList();
        var existing = await db.Orders
            .Include(o => o.Lines)
            .Where(o => o.MallConnectionId == connection.Id && ids.Contains(o.TikTokOrderId))
            .AsSplitQuery()
            .ToDictionaryAsync(o => o.TikTokOrderId, StringComparer.Ordinal, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;

        foreach (var incoming in orders)
        {
            try
            {
                if (existing.TryGetValue(incoming.Id, out var stored))
                {
                    var outcome = Refresh(stored, incoming, now, items);
                    if (outcome == ProcessingItemOutcome.Updated)
                    {
                        counts.Updated++;
                    }
                    else
                    {
                        counts.Unchanged++;
                    }
                }
                else if (mode is not (ImportMode.Incremental or ImportMode.OrderIds) || string.Equals(incoming.Status?.Value, connection.FetchTikTokStatus, StringComparison.Ordinal))
                {
                    db.Orders.Add(Create(connection, incoming, now));
                    counts.Created++;
                    items.Add(new ProcessingLogItem { TikTokOrderId = incoming.Id, Outcome = ProcessingItemOutcome.Created, Message = TikTokStatusLabels.Label(incoming.Status?.Value) });
                }
                else
                {
                    counts.Skipped++;
                }
            }
            catch (InvalidDataException ex)
            {
                counts.Failed++;
                items.Add(new ProcessingLogItem { TikTokOrderId = incoming.Id, Outcome = ProcessingItemOutcome.Failed, Message = "取り込めませんでした: " + ex.Message });
            }
        }
    }

    private static Order Create(MallConnection connection, TikTokOrder incoming, DateTime now)
    {
        var order = new Order
        {
            MallConnectionId = connection.Id,
            GoqStatus = connection.TargetGoqStatus,
            ImportedAtUtc = now,
            UpdatedAtUtc = now,
        };
        TikTokOrderMapper.ApplyTikTokFields(order, incoming);
        if (order.TikTokStatus == TikTokOrderStatusNames.Cancelled)
        {
            order.GoqStatus = GoqOrderStatus.Cancelled;
            order.IsCancelledOnTikTok = true;
            order.CancellationAcknowledged = true;
        }

        order.Lines.AddRange(incoming.LineItems.Select(TikTokOrderMapper.ToLine));
        order.RecordHistory(OrderHistoryKind.Imported, $"TikTok Shop から取込 ({TikTokStatusLabels.Label(order.TikTokStatus)})", now);
        return order;
    }

    private static ProcessingItemOutcome Refresh(Order stored, TikTokOrder incoming, DateTime now, List<ProcessingLogItem> items)
    {
        var incomingUpdated = (incoming.UpdateTime ?? incoming.CreateTime)?.UtcDateTime;
        var previousStatus = stored.TikTokStatus;
        if (incomingUpdated is not null && incomingUpdated <= stored.TikTokUpdatedAtUtc
            && string.Equals(incoming.Status?.Value, previousStatus, StringComparison.Ordinal)
            && !TikTokOrderMapper.LineSetDiffers(stored.Lines, incoming.LineItems))
        {
            return ProcessingItemOutcome.Unchanged;
        }

        TikTokOrderMapper.ApplyTikTokFields(stored, incoming);
        if (TikTokOrderMapper.LineSetDiffers(stored.Lines, incoming.LineItems))
        {
            stored.Lines.Clear();
            stored.Lines.AddRange(incoming.LineItems.Select(TikTokOrderMapper.ToLine));
        }
        else
        {
            var byId = incoming.LineItems.ToDictionary(l => l.Id, StringComparer.Ordinal);
            foreach (var line in stored.Lines)
            {
                TikTokOrderMapper.ApplyLine(line, byId[line.TikTokLineItemId]);
            }
        }

        stored.Touch(now);
        if (!string.Equals(previousStatus, stored.TikTokStatus, StringComparison.Ordinal))
        {
            // Operators read this in 自動処理ログ and the order's history: TikTok's codes in Japanese.
            var message = $"TikTokステータス: {TikTokStatusLabels.Label(previousStatus)} → {TikTokStatusLabels.Label(stored.TikTokStatus)}";
            if (stored.TikTokStatus == TikTokOrderStatusNames.Cancelled && !stored.IsCancelledOnTikTok)
            {
                var before = stored.GoqStatus;
                stored.IsCancelledOnTikTok = true;
                stored.CancellationAcknowledged = false;
                stored.GoqStatus = GoqOrderStatus.Cancelled;
                message = $"TikTok側でキャンセル（移動前のステータス: {before.JapaneseName()}）";
                stored.RecordHistory(OrderHistoryKind.CancelledOnTikTok, message, now);
            }
            else
            {
                stored.RecordHistory(OrderHistoryKind.TikTokStatusChanged, message, now);
            }

            items.Add(new ProcessingLogItem { TikTokOrderId = stored.TikTokOrderId, Outcome = ProcessingItemOutcome.Updated, Message = message });
        }

        return ProcessingItemOutcome.Updated;
    }

    private void DiscardPendingOrderChanges()
    {
        foreach (var tracked in db.ChangeTracker.Entries().Where(e => e.Entity is Order or OrderLine or OrderHistoryEntry).ToList())
        {
            tracked.State = EntityState.Detached;
        }
    }

    /// <summary>Takes back a page whose save failed: its counts, its log items and its order changes.</summary>
    private void Undo(ProcessingLogEntry entry, PageCounts counts, List<ProcessingLogItem> pendingItems)
    {
        counts.SubtractFrom(entry);
        foreach (var item in pendingItems)
        {
            entry.Items.Remove(item);
            db.Entry(item).State = EntityState.Detached;
        }

        DiscardPendingOrderChanges();
    }

    /// <summary>
    /// A stored page is forgotten by the change tracker: a 50 000-order import would otherwise make every later save
    /// scan every order, line and log item stored before it.
    /// </summary>
    private void ReleaseStoredPage(ProcessingLogEntry entry)
    {
        foreach (var tracked in db.ChangeTracker.Entries().Where(e => e.Entity is Order or OrderLine or OrderHistoryEntry or ProcessingLogItem).ToList())
        {
            tracked.State = EntityState.Detached;
        }

        entry.Items.Clear();
    }

    private static void Fail(ProcessingLogEntry entry, string? orderId, string message)
    {
        entry.Failed++;
        entry.Items.Add(new ProcessingLogItem { TikTokOrderId = orderId, Outcome = ProcessingItemOutcome.Failed, Message = message });
    }

    private Task<int> CountFailureAsync(int mallConnectionId, CancellationToken cancellationToken) =>
        db.MallConnections.Where(c => c.Id == mallConnectionId)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.ConsecutiveFetchFailures, c => c.ConsecutiveFetchFailures + 1), cancellationToken);

    private Task<ProcessingLogEntry> FinishAsync(ProcessingLogEntry entry, ProcessingResult result, string? reason, CancellationToken cancellationToken) =>
        db.FinishRunAsync(entry, result, reason, time, cancellationToken);

    private sealed class PageCounts
    {
        public int Created { get; set; }

        public int Updated { get; set; }

        public int Unchanged { get; set; }

        public int Failed { get; set; }

        public int Skipped { get; set; }

        public void AddTo(ProcessingLogEntry entry)
        {
            entry.Created += Created;
            entry.Updated += Updated;
            entry.Unchanged += Unchanged;
            entry.Failed += Failed;
            entry.Skipped += Skipped;
        }

        public void SubtractFrom(ProcessingLogEntry entry)
        {
            entry.Created -= Created;
            entry.Updated -= Updated;
            entry.Unchanged -= Unchanged;
            entry.Failed -= Failed;
            entry.Skipped -= Skipped;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order fetch for connection {MallConnectionId} failed at {Path}: {Code} {ErrorMessage} (request {RequestId}, {Classification})")]
    private static partial void LogFetchFailed(ILogger logger, int mallConnectionId, string path, int? code, string? errorMessage, string? requestId, TikTokShopErrorClassification classification);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order fetch for connection {MallConnectionId} could not reach TikTok: {ErrorMessage}")]
    private static partial void LogNetworkFailed(ILogger logger, int mallConnectionId, string errorMessage);

    [LoggerMessage(Level = LogLevel.Information, Message = "Another importer stored orders of this page first (connection {MallConnectionId}: {Detail}); applying the page again as updates")]
    private static partial void LogPageConflict(ILogger logger, int mallConnectionId, string detail);
}
