using System.Globalization;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Core.OperationHistory.Recording;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.ProcessingLog;
using GoQ.TikTokSync.Core.Shipping.EnterTracking;
using GoQ.TikTokSync.Core.Shipping.Push;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Web.Pages.ProcessingLog;

/// <summary>One run of the 自動処理ログ with its per-order outcomes and TikTok's error details.</summary>
public class DetailModel(TikTokSyncDbContext db, OperationHistoryRecorder history) : PageModel
{
    public const int MaxItems = 1000;

    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    public ProcessingLogEntry Entry { get; private set; } = null!;

    public IReadOnlyList<ProcessingLogItem> Items { get; private set; } = [];

    public int ItemCount { get; private set; }

    public string? ConnectionName { get; private set; }

    public IReadOnlyDictionary<string, long> OrderIds { get; private set; } = new Dictionary<string, long>();

    /// <summary>Orders of this run that still have a failed package, which the operator can send again from here.</summary>
    public IReadOnlySet<long> ResendableOrderIds { get; private set; } = new HashSet<long>();

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var entry = await db.ProcessingLogEntries.AsNoTracking().SingleOrDefaultAsync(e => e.Id == Id, cancellationToken);
        if (entry is null)
        {
            return NotFound();
        }

        Entry = entry;
        ConnectionName = await db.MallConnections.Where(c => c.Id == entry.MallConnectionId).Select(c => c.DisplayName).SingleOrDefaultAsync(cancellationToken);
        var items = db.ProcessingLogItems.AsNoTracking().Where(i => i.ProcessingLogEntryId == Id);
        ItemCount = await items.CountAsync(cancellationToken);
        Items = await items.OrderBy(i => i.Outcome == ProcessingItemOutcome.Failed ? 0 : 1).ThenBy(i => i.Id).Take(MaxItems).ToListAsync(cancellationToken);
        var tikTokIds = Items.Where(i => i.TikTokOrderId != null).Select(i => i.TikTokOrderId!).Distinct().ToList();
        OrderIds = await db.Orders.AsNoTracking()
            .Where(o => o.MallConnectionId == entry.MallConnectionId && tikTokIds.Contains(o.TikTokOrderId))
            .ToDictionaryAsync(o => o.TikTokOrderId, o => o.Id, cancellationToken);
        var orderIds = OrderIds.Values.ToList();
        ResendableOrderIds = entry.Kind == ProcessingKind.Export
            ? (await db.ShippingPackages.AsNoTracking()
                .Where(p => orderIds.Contains(p.OrderId) && p.PushState == ShipmentPushState.Failed)
                .Select(p => p.OrderId)
                .Distinct()
                .ToListAsync(cancellationToken)).ToHashSet()
            : new HashSet<long>();
        return Page();
    }

    /// <summary>再送信 from the log: every failed package of the order goes back in line and is pushed now.</summary>
    public async Task<IActionResult> OnPostResendAsync(
        long orderId,
        [FromServices] ShippingExport export,
        [FromServices] ShippingEntry shippingEntry,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(export);
        var order = await db.Orders.AsNoTracking().Where(o => o.Id == orderId).Select(o => new { o.MallConnectionId, o.TikTokOrderId }).SingleOrDefaultAsync(cancellationToken);
        if (order is null)
        {
            return NotFound();
        }

        if (!await db.MallConnections.AnyAsync(c => c.Id == order.MallConnectionId && c.IsEnabled, cancellationToken))
        {
            Notice = $"再送信できません。{MallConnectionDisabledException.JapaneseReason}（各種設定 › モール選択）。";
            return Redirect($"/ProcessingLog/{Id}");
        }

        var failedPackages = await db.ShippingPackages.AsNoTracking().Where(p => p.OrderId == orderId && p.PushState == ShipmentPushState.Failed).ToListAsync(cancellationToken);
        var failed = failedPackages.Select(p => p.Id).ToList();
        var run = failed.Count == 0 ? null : await export.ResendAsync(order.MallConnectionId, failed, User.Identity!.Name!, shippingEntry, cancellationToken);
        if (run is null)
        {
            Notice = "再送信できる状態ではありません（送信中または送信済み）。";
            return Redirect($"/ProcessingLog/{Id}");
        }

        var runUrl = Export.RunModel.PageUrl(run.Value);
        var details = failedPackages.Select(p => "荷物: " + ShippingEntry.Describe(p))
            .Append("実行: " + runUrl)
            .Append("自動処理ログ: /ProcessingLog/" + Id.ToString(CultureInfo.InvariantCulture));
        await history.RecordAsync(
            new OperationRecord(
                OperationKind.ShippingResent,
                $"受注 {order.TikTokOrderId} の発送情報を再送信（自動処理ログから）",
                string.Join('\n', details),
                runUrl,
                [(orderId, order.TikTokOrderId)]),
            cancellationToken);
        return Redirect(runUrl);
    }

    public static string OutcomeLabel(ProcessingItemOutcome outcome) => outcome switch
    {
        ProcessingItemOutcome.Created => "新規",
        ProcessingItemOutcome.Updated => "更新",
        ProcessingItemOutcome.Unchanged => "変更なし",
        ProcessingItemOutcome.Failed => "失敗",
        ProcessingItemOutcome.Pushed => "送信済",
        ProcessingItemOutcome.Skipped => "対象外",
        _ => outcome.ToString(),
    };
}
