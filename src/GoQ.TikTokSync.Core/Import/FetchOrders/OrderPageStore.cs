using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.ProcessingLog;
using GoQ.TikTokSync.TikTokShop.Models;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace GoQ.TikTokSync.Core.Import.FetchOrders;

/// <summary>
/// Stores the pages <see cref="OrderImport"/> reads, exactly once per (connection, TikTok order id): each order goes
/// <see cref="TikTokOrderMapper"/> → the <see cref="Order"/>'s own rules → the store. A page is saved as a whole; counts and
/// log items go to the run's entry only with the save that stored them.
/// </summary>
internal sealed partial class OrderPageStore(TikTokSyncDbContext db, TimeProvider time, ILogger logger)
{
    /// <summary>
    /// Upserts one page. A unique-index violation means another importer stored some of these orders a moment ago:
    /// the page is then re-read against the store and applied again, as updates.
    /// </summary>
    public async Task StorePageAsync(MallConnection connection, ProcessingLogEntry entry, IReadOnlyList<TikTokOrder> page, ImportMode mode, CancellationToken cancellationToken)
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
            var write = new PageWrite(BulkInsert.IsSupported(db));
            await ApplyPageAsync(connection, orders, mode, write, cancellationToken);
            try
            {
                await SaveAsync(entry, write, cancellationToken);
                ReleaseStoredPage(entry);
                return;
            }
            catch (Exception ex) when (attempt == 1 && ex is DbUpdateException or DbException)
            {
                LogPageConflict(logger, connection.Id, ex.InnerException?.Message ?? ex.Message);
                Undo(entry, write);
            }
            catch (Exception ex) when (ex is DbUpdateException or DbException)
            {
                Undo(entry, write);
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
            // One order per save through EF alone, so one bad order fails alone with its own message.
            var write = new PageWrite(bulk: false);
            await ApplyPageAsync(connection, [order], mode, write, cancellationToken);
            try
            {
                await SaveAsync(entry, write, cancellationToken);
                ReleaseStoredPage(entry);
            }
            catch (DbUpdateException ex)
            {
                Undo(entry, write);
                Fail(entry, order.Id, "保存できませんでした: " + (ex.InnerException?.Message ?? ex.Message));
            }
        }
    }

    private async Task ApplyPageAsync(MallConnection connection, IReadOnlyList<TikTokOrder> orders, ImportMode mode, PageWrite write, CancellationToken cancellationToken)
    {
        var ids = orders.Select(o => o.Id).ToList();
        // Which of them are stored first (one index-only query): a first import stores only new orders and then never
        // pays for loading orders with their lines.
        var storedIds = await db.Orders
            .Where(o => o.MallConnectionId == connection.Id && ids.Contains(o.TikTokOrderId))
            .Select(o => o.TikTokOrderId)
            .ToListAsync(cancellationToken);
        var existing = storedIds.Count == 0
            ? new Dictionary<string, Order>(StringComparer.Ordinal)
            : await db.Orders
                .Include(o => o.Lines)
                .Where(o => o.MallConnectionId == connection.Id && storedIds.Contains(o.TikTokOrderId))
                .AsSplitQuery()
                .ToDictionaryAsync(o => o.TikTokOrderId, StringComparer.Ordinal, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var counts = write.Counts;
        var items = write.Items;
        foreach (var incoming in orders)
        {
            try
            {
                if (existing.TryGetValue(incoming.Id, out var stored))
                {
                    var (changed, statusChange) = TikTokOrderMapper.Refresh(stored, incoming, now);
                    if (changed)
                    {
                        counts.Updated++;
                    }
                    else
                    {
                        counts.Unchanged++;
                    }

                    if (statusChange is not null)
                    {
                        items.Add(new ProcessingLogItem { TikTokOrderId = stored.TikTokOrderId, Outcome = ProcessingItemOutcome.Updated, Message = statusChange });
                    }
                }
                else if (mode is not (ImportMode.Incremental or ImportMode.OrderIds) || incoming.Status == connection.FetchTikTokStatus)
                {
                    var order = TikTokOrderMapper.NewOrder(connection.Id, connection.TargetGoqStatus, incoming, now);
                    // The bulk path writes an order's lines and history; anything else a new order carried goes through EF.
                    if (write.Bulk && order.Packages.Count == 0 && order.PushAttempts.Count == 0)
                    {
                        write.NewOrders.Add(order);
                    }
                    else
                    {
                        db.Orders.Add(order);
                    }

                    counts.Created++;
                    items.Add(new ProcessingLogItem { TikTokOrderId = incoming.Id, Outcome = ProcessingItemOutcome.Created, Message = TikTokStatusLabels.Label(incoming.Status) });
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

    private void DiscardPendingOrderChanges() =>
        Detach(e => e.Entity is Order or OrderLine or OrderHistoryEntry);

    /// <summary>
    /// Saves a page in one transaction: the new orders with their lines, 取込 history and log items as bulk inserts
    /// where the store allows (<see cref="BulkInsert"/>), everything else (updated orders, the run's counts, the tab-count
    /// tallies) through EF. The new orders are not tracked, so their tally row is appended here, as the context's own
    /// tally hook would for tracked ones.
    /// </summary>
    private async Task SaveAsync(ProcessingLogEntry entry, PageWrite write, CancellationToken cancellationToken)
    {
        write.Counts.AddTo(entry);
        if (!write.Bulk)
        {
            entry.Items.AddRange(write.Items);
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        foreach (var item in write.Items)
        {
            item.ProcessingLogEntryId = entry.Id;
        }

        write.Tallies.AddRange(write.NewOrders
            .GroupBy(o => (o.MallConnectionId, o.GoqStatus))
            .Select(g => new OrderStatusTally { MallConnectionId = g.Key.MallConnectionId, Status = g.Key.GoqStatus, Change = g.Count() }));
        db.OrderStatusTallies.AddRange(write.Tallies);

        if (db.Database.CurrentTransaction is not null)
        {
            await WriteAsync(write, acceptAllChanges: true, cancellationToken);
            return;
        }

        // A transient failure (PostgreSQL's retrying strategy) replays the whole page: the raw inserts were rolled back
        // with the transaction, and EF's changes stay pending until the commit.
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await CommitWithoutWaitingForTheLogFlushAsync(ct);
            await WriteAsync(write, acceptAllChanges: false, ct);
            await transaction.CommitAsync(ct);
        }, cancellationToken);
        db.ChangeTracker.AcceptAllChanges();
    }

    /// <summary>
    /// PostgreSQL: this page's commit returns before its WAL record is flushed. A page is data TikTok still holds, so a server
    /// crash in the next fraction of a second loses at most the last pages whole (orders, log items, counts and tallies
    /// together, never half a page), and the next import reads them again; waiting for the flush took about 2 of
    /// 16.5 s of a first import on the benchmark (ADR 0009). Only here: operator edits and the push keep the durable commit.
    /// </summary>
    private async Task CommitWithoutWaitingForTheLogFlushAsync(CancellationToken cancellationToken)
    {
        if (db.Database.ProviderName == StoreProviderNames.PostgreSql)
        {
            await db.Database.ExecuteSqlRawAsync("SET LOCAL synchronous_commit TO OFF", cancellationToken);
        }
    }

    private async Task WriteAsync(PageWrite write, bool acceptAllChanges, CancellationToken cancellationToken)
    {
        var rows = new BulkInsert(db);
        await rows.InsertReadingKeysAsync(write.NewOrders, o => o.TikTokOrderId, cancellationToken);
        foreach (var order in write.NewOrders)
        {
            order.Lines.ForEach(l => l.OrderId = order.Id);
            order.History.ForEach(h => h.OrderId = order.Id);
        }

        await rows.InsertTogetherAsync(
            [
                BulkRows.Of(write.NewOrders.SelectMany(o => o.Lines).ToList()),
                BulkRows.Of(write.NewOrders.SelectMany(o => o.History).ToList()),
                BulkRows.Of(write.Items),
            ],
            cancellationToken);
        await db.SaveChangesAsync(acceptAllChanges, cancellationToken);
    }

    /// <summary>Takes back a page whose save failed: its counts, its log items, its tallies and its order changes.</summary>
    private void Undo(ProcessingLogEntry entry, PageWrite write)
    {
        write.Counts.SubtractFrom(entry);
        foreach (var item in write.Items)
        {
            entry.Items.Remove(item);
            db.Entry(item).State = EntityState.Detached;
        }

        foreach (var tally in write.Tallies)
        {
            db.Entry(tally).State = EntityState.Detached;
        }

        DiscardPendingOrderChanges();
    }

    /// <summary>
    /// A stored page is forgotten by the change tracker, with the tab-count tally rows its save appended: a 50 000-order
    /// import would otherwise make every later save scan every order, line, log item and tally row stored before it.
    /// </summary>
    private void ReleaseStoredPage(ProcessingLogEntry entry)
    {
        Detach(e => e.Entity is Order or OrderLine or OrderHistoryEntry or ProcessingLogItem
            || (e.Entity is OrderStatusTally && e.State == EntityState.Unchanged));
        entry.Items.Clear();
    }

    /// <summary>
    /// Without detecting changes first: right after a save there are none, and after a failed one the pending changes are
    /// being thrown away; a scan of the whole tracker per page is what made long imports slow.
    /// </summary>
    private void Detach(Func<Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry, bool> which)
    {
        var detectChanges = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var tracked in db.ChangeTracker.Entries().Where(which).ToList())
            {
                tracked.State = EntityState.Detached;
            }
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detectChanges;
        }
    }

    private static void Fail(ProcessingLogEntry entry, string? orderId, string message)
    {
        entry.Failed++;
        entry.Items.Add(new ProcessingLogItem { TikTokOrderId = orderId, Outcome = ProcessingItemOutcome.Failed, Message = message });
    }


    /// <summary>What one page changes, kept apart until its save succeeds so a failed save can be taken back whole.</summary>
    private sealed class PageWrite(bool bulk)
    {
        /// <summary>New orders go in as bulk inserts rather than through the change tracker.</summary>
        public bool Bulk { get; } = bulk;

        public PageCounts Counts { get; } = new();

        public List<ProcessingLogItem> Items { get; } = [];

        public List<Order> NewOrders { get; } = [];

        public List<OrderStatusTally> Tallies { get; } = [];
    }

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


    [LoggerMessage(Level = LogLevel.Information, Message = "Another importer stored orders of this page first (connection {MallConnectionId}: {Detail}); applying the page again as updates")]
    private static partial void LogPageConflict(ILogger logger, int mallConnectionId, string detail);
}

