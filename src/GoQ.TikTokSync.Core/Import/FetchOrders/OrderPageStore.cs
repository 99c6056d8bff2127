using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.ProcessingLog;
using GoQ.TikTokSync.TikTokShop.Models;
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
                    db.Orders.Add(TikTokOrderMapper.NewOrder(connection.Id, connection.TargetGoqStatus, incoming, now));
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
