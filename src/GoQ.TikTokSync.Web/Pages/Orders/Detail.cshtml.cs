using System.Globalization;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Core.OperationHistory.Recording;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.Shipping.EnterTracking;
using GoQ.TikTokSync.Core.Shipping.Push;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Web.Pages.Orders;

/// <summary>受注詳細: everything about one order as a Japanese operator reads it, with the shipping entry and 備考.</summary>
public class DetailModel(TikTokSyncDbContext db, ShippingEntry entry, ShippingExport export, OperationHistoryRecorder history, TimeProvider time) : PageModel
{
    /// <summary>How much of a 備考 the 操作履歴 repeats: enough to recognise it, not a copy of the note.</summary>
    public const int NoteExcerptLength = 50;

    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    public Order Order { get; private set; } = null!;

    public string ConnectionName { get; private set; } = string.Empty;

    public IReadOnlyList<SkuGroup> Skus { get; private set; } = [];

    [BindProperty]
    public ShippingInput Shipping { get; set; } = new();

    [BindProperty]
    public string? Note { get; set; }

    /// <summary>Lines not yet in any package: the default content of a new package.</summary>
    public IReadOnlyList<OrderLine> RemainingLines { get; private set; } = [];

    public IReadOnlyList<ShippingPushAttempt> Attempts { get; private set; } = [];

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        Shipping = new ShippingInput
        {
            Carrier = Order.Packages.LastOrDefault()?.Carrier
                ?? await db.MallConnections.Where(c => c.Id == Order.MallConnectionId).Select(c => (Carrier?)c.PrimaryCarrier).SingleAsync(cancellationToken),
            LineItemIds = RemainingLines.Select(l => l.TikTokLineItemId).ToList(),
        };
        Note = Order.OperatorNote;
        return Page();
    }

    /// <summary>Adds a package (no PackageId) or changes one; the rules are <see cref="ShippingEntry"/>'s.</summary>
    public async Task<IActionResult> OnPostShippingAsync(CancellationToken cancellationToken)
    {
        var before = Shipping.PackageId is { } packageId
            ? await db.ShippingPackages.AsNoTracking().SingleOrDefaultAsync(p => p.Id == packageId && p.OrderId == Id, cancellationToken)
            : null;
        var result = await entry.SaveAsync(
            Id,
            Shipping.PackageId,
            new PackageInput(Shipping.Carrier, Shipping.TrackingNumber, Shipping.ShipDate, Shipping.LineItemIds),
            Shipping.Version,
            User.Identity!.Name,
            cancellationToken);
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (!result.Saved)
        {
            foreach (var (field, message) in result.Errors)
            {
                ModelState.AddModelError("Shipping." + field, message);
            }

            return Page();
        }

        await RecordShippingAsync(before, Order.Packages.Single(p => p.Id == result.PackageId), result.Warning, cancellationToken);
        Notice = result.Warning is null ? "発送情報を保存しました。" : "発送情報を保存しました。注意: " + result.Warning;
        return Redirect($"/Orders/{Id}");
    }

    /// <summary>再送信: a failed package goes back in line and is pushed now.</summary>
    public async Task<IActionResult> OnPostResendAsync(long packageId, CancellationToken cancellationToken)
    {
        var connectionId = await db.Orders.Where(o => o.Id == Id).Select(o => (int?)o.MallConnectionId).SingleOrDefaultAsync(cancellationToken);
        if (connectionId is null || !await db.ShippingPackages.AnyAsync(p => p.Id == packageId && p.OrderId == Id, cancellationToken))
        {
            return NotFound();
        }

        if (!await db.MallConnections.AnyAsync(c => c.Id == connectionId && c.IsEnabled, cancellationToken))
        {
            Notice = $"再送信できません。{MallConnectionDisabledException.JapaneseReason}（各種設定 › モール選択）。";
            return Redirect($"/Orders/{Id}");
        }

        var run = await export.ResendAsync(connectionId.Value, [packageId], User.Identity!.Name!, entry, cancellationToken);
        if (run is { } runId)
        {
            var package = await db.ShippingPackages.AsNoTracking().SingleAsync(p => p.Id == packageId, cancellationToken);
            var orderNumber = await OrderNumberAsync(cancellationToken);
            await history.RecordAsync(
                new OperationRecord(
                    OperationKind.ShippingResent,
                    $"受注 {orderNumber} の発送情報を再送信",
                    $"荷物: {ShippingEntry.Describe(package)}\n実行: {Export.RunModel.PageUrl(runId)}",
                    Export.RunModel.PageUrl(runId),
                    [(Id, orderNumber)]),
                cancellationToken);
        }

        Notice = run is null ? "再送信できる状態ではありません（送信中または送信済み）。" : "再送信を開始しました。結果は自動処理ログで確認できます。";
        return Redirect(run is { } started ? Export.RunModel.PageUrl(started) : $"/Orders/{Id}");
    }

    public async Task<IActionResult> OnPostDeletePackageAsync(long packageId, CancellationToken cancellationToken)
    {
        var package = await db.ShippingPackages.AsNoTracking().SingleOrDefaultAsync(p => p.Id == packageId && p.OrderId == Id, cancellationToken);
        if (package is null)
        {
            return NotFound();
        }

        if (await entry.DeleteAsync(packageId, User.Identity!.Name!, cancellationToken) is { } refused)
        {
            Notice = refused;
            return Redirect($"/Orders/{Id}");
        }

        var orderNumber = await OrderNumberAsync(cancellationToken);
        await history.RecordAsync(
            new OperationRecord(OperationKind.PackageDeleted, $"受注 {orderNumber} の荷物を削除", "削除した荷物: " + ShippingEntry.Describe(package), OrderOperationText.OrderUrl(Id), [(Id, orderNumber)]),
            cancellationToken);
        Notice = "荷物を削除しました。";
        return Redirect($"/Orders/{Id}");
    }

    public async Task<IActionResult> OnPostNoteAsync(CancellationToken cancellationToken)
    {
        var order = await db.Orders.SingleOrDefaultAsync(o => o.Id == Id, cancellationToken);
        if (order is null)
        {
            return NotFound();
        }

        if (Note is { Length: > 4000 })
        {
            await LoadAsync(cancellationToken);
            ModelState.AddModelError(nameof(Note), "備考は4000文字以内で入力してください。");
            return Page();
        }

        var now = time.GetUtcNow().UtcDateTime;
        var oldNote = order.OperatorNote;
        order.OperatorNote = string.IsNullOrWhiteSpace(Note) ? null : Note;
        order.Touch(now);
        order.RecordHistory(OrderHistoryKind.Edited, "備考を更新", now, User.Identity!.Name);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // An import or a push changed the order meanwhile: show the page again with the note as typed.
            db.ChangeTracker.Clear();
            await LoadAsync(cancellationToken);
            ModelState.AddModelError(nameof(Note), ConcurrentUpdate.Message);
            return Page();
        }

        await history.RecordAsync(
            new OperationRecord(
                OperationKind.NoteEdited,
                $"受注 {order.TikTokOrderId} の備考を保存",
                NoteDetails(oldNote, order.OperatorNote),
                OrderOperationText.OrderUrl(order.Id),
                [(order.Id, order.TikTokOrderId)]),
            cancellationToken);
        Notice = "備考を保存しました。";
        return Redirect($"/Orders/{Id}");
    }

    private Task<string> OrderNumberAsync(CancellationToken cancellationToken) =>
        db.Orders.Where(o => o.Id == Id).Select(o => o.TikTokOrderId).SingleAsync(cancellationToken);

    private async Task RecordShippingAsync(ShippingPackage? before, ShippingPackage after, string? warning, CancellationToken cancellationToken)
    {
        var changes = new SettingsChanges()
            .Compare("配送業者", before?.Carrier, after.Carrier, carrier => carrier?.JapaneseName())
            .Compare("伝票番号", before?.TrackingNumber, after.TrackingNumber)
            .Compare("出荷日", before?.ShipDate, after.ShipDate, date => date?.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture))
            .Compare("商品", before?.LineItemIdList.Count, after.LineItemIdList.Count, count => count is null ? null : count.Value.ToString(CultureInfo.InvariantCulture) + "点");
        var details = new List<string> { before is null ? "荷物を追加" : "荷物を変更", changes.Any ? changes.ToString() : "変更なし" };
        if (before?.PushState == ShipmentPushState.Failed && after.PushState == ShipmentPushState.Pending)
        {
            details.Add("送信失敗の荷物を送信待ちに戻しました");
        }

        if (warning is not null)
        {
            details.Add("注意: " + warning);
        }

        await history.RecordAsync(
            new OperationRecord(
                OperationKind.ShippingEdited,
                $"受注 {Order.TikTokOrderId} の発送情報を保存（{ShippingEntry.Describe(after)}）",
                string.Join('\n', details),
                OrderOperationText.OrderUrl(Order.Id),
                [(Order.Id, Order.TikTokOrderId)]),
            cancellationToken);
    }

    /// <summary>The note's length and its beginning, never the whole text.</summary>
    private static string NoteDetails(string? oldNote, string? newNote)
    {
        if (string.Equals(oldNote, newNote, StringComparison.Ordinal))
        {
            return "変更なし";
        }

        var lines = new List<string> { $"文字数: {(oldNote?.Length ?? 0).ToString(CultureInfo.InvariantCulture)} → {(newNote?.Length ?? 0).ToString(CultureInfo.InvariantCulture)}" };
        if (newNote is null)
        {
            lines.Add("備考を削除しました");
        }
        else
        {
            var flat = newNote.ReplaceLineEndings(" ");
            lines.Add("先頭: " + (flat.Length > NoteExcerptLength ? flat[..NoteExcerptLength] + "…" : flat));
        }

        return string.Join('\n', lines);
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var order = await db.Orders.AsNoTracking()
            .Include(o => o.Lines)
            .Include(o => o.History.OrderByDescending(h => h.AtUtc))
            .Include(o => o.Packages.OrderBy(p => p.Id))
            .AsSplitQuery()
            .SingleOrDefaultAsync(o => o.Id == Id, cancellationToken);
        if (order is null)
        {
            return false;
        }

        Order = order;
        var packed = order.Packages.SelectMany(p => p.LineItemIdList).ToHashSet(StringComparer.Ordinal);
        RemainingLines = order.Lines.Where(l => !packed.Contains(l.TikTokLineItemId)).OrderBy(l => l.Id).ToList();
        Attempts = await db.ShippingPushAttempts.AsNoTracking().Where(a => a.OrderId == order.Id).OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id).Take(100).ToListAsync(cancellationToken);
        ConnectionName = await db.MallConnections.Where(c => c.Id == order.MallConnectionId).Select(c => c.DisplayName).SingleAsync(cancellationToken);
        Skus = order.Lines
            .GroupBy(l => l.SkuId, StringComparer.Ordinal)
            .Select(g => new SkuGroup(g.First().ProductName, g.First().SkuName, g.First().SellerSku, g.Key, g.First().SalePrice, g.Count(), g.Sum(l => l.SalePrice)))
            .ToList();
        return true;
    }

    public static string Yen(decimal amount) => amount.ToString("¥#,0", CultureInfo.InvariantCulture);

    public sealed record SkuGroup(string ProductName, string? SkuName, string? SellerSku, string SkuId, decimal UnitPrice, int Quantity, decimal Amount);

    public static string StateLabel(ShipmentPushState state) => state switch
    {
        ShipmentPushState.Pending => "未送信",
        ShipmentPushState.Pushing => "送信中",
        ShipmentPushState.Pushed => "送信済み",
        ShipmentPushState.Failed => "送信失敗",
        ShipmentPushState.OutcomeUnknown => "結果確認中",
        _ => "未入力",
    };

    /// <summary>Bootstrap badge colour of a package state: green done, red needs the operator, yellow TikTok to be asked.</summary>
    public static string StateBadge(ShipmentPushState state) => state switch
    {
        ShipmentPushState.Pushed => "bg-success",
        ShipmentPushState.Failed => "bg-danger",
        ShipmentPushState.OutcomeUnknown => "bg-warning text-dark",
        _ => "bg-secondary",
    };

    /// <summary>A package is locked while a push holds it or while its outcome at TikTok is unknown (see ShippingEntry.LockedReason).</summary>
    public static bool IsLocked(ShipmentPushState state) => state is ShipmentPushState.Pushing or ShipmentPushState.OutcomeUnknown;

    public static string ResultLabel(ShippingPushResult result) => result switch
    {
        ShippingPushResult.Success => "成功",
        ShippingPushResult.Failed => "失敗",
        ShippingPushResult.OutcomeUnknown => "結果不明",
        ShippingPushResult.ConfirmedByReadBack => "照会で確認",
        ShippingPushResult.NotShippedOnTikTok => "照会: 未発送",
        _ => result.ToString(),
    };

    public sealed class ShippingInput
    {
        /// <summary>The package being changed; null adds a package.</summary>
        public long? PackageId { get; set; }

        /// <summary>The package's concurrency token when the form was shown.</summary>
        public Guid? Version { get; set; }

        public List<string> LineItemIds { get; set; } = [];

        public Carrier? Carrier { get; set; }

        public string? TrackingNumber { get; set; }

        /// <summary>yyyy-MM-dd from the date input (JST calendar date).</summary>
        public string? ShipDate { get; set; }
    }
}
