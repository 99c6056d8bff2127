using System.ComponentModel.DataAnnotations;
using System.Globalization;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Core.OperationHistory.Recording;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.Scheduling;
using GoQ.TikTokSync.Core.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Web.Pages.MallSettings;

/// <summary>各種設定 › モール選択: which TikTok Shop connections exist, their names, main carrier and order.</summary>
public class IndexModel(TikTokSyncDbContext db, OperationHistoryRecorder history, AutoFetchSchedule autoFetchSchedule, TimeProvider time) : PageModel
{
    [BindProperty]
    public List<MallRow> Rows { get; set; } = [];

    public bool CanEdit => User.IsInRole(AppRoles.Admin);

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Rows = await db.MallConnections.AsNoTracking()
            .OrderBy(c => c.DisplayOrder).ThenBy(c => c.Id)
            .Select(c => new MallRow { Id = c.Id, IsEnabled = c.IsEnabled, DisplayName = c.DisplayName, PrimaryCarrier = c.PrimaryCarrier, DisplayOrder = c.DisplayOrder })
            .ToListAsync(cancellationToken);

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        // An emptied name binds as null (and is refused by [Required] below); it must not break the duplicate check first.
        var duplicates = Rows.GroupBy(r => r.DisplayName?.Trim() ?? string.Empty, StringComparer.Ordinal).Where(g => g.Key.Length > 0 && g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < Rows.Count; i++)
        {
            if (duplicates.Contains(Rows[i].DisplayName?.Trim() ?? string.Empty))
            {
                ModelState.AddModelError($"{nameof(Rows)}[{i}].{nameof(MallRow.DisplayName)}", "管理用店舗名が重複しています。");
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var connections = await db.MallConnections.ToDictionaryAsync(c => c.Id, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var changes = new SettingsChanges();
        foreach (var row in Rows)
        {
            if (!connections.TryGetValue(row.Id, out var connection))
            {
                return NotFound();
            }

            var name = connection.DisplayName;
            changes.Compare($"{name} › 利用", connection.IsEnabled, row.IsEnabled, used => used ? "利用する" : "利用しない")
                .Compare($"{name} › 管理用店舗名", connection.DisplayName, row.DisplayName.Trim())
                .Compare($"{name} › 主に利用する配送業者", connection.PrimaryCarrier, row.PrimaryCarrier, carrier => carrier.JapaneseName())
                .Compare($"{name} › 表示順", connection.DisplayOrder, row.DisplayOrder);
            connection.IsEnabled = row.IsEnabled;
            connection.DisplayName = row.DisplayName.Trim();
            connection.PrimaryCarrier = row.PrimaryCarrier;
            connection.DisplayOrder = row.DisplayOrder;
            connection.UpdatedAtUtc = now;
        }

        await db.SaveChangesAsync(cancellationToken);

        // 利用しない removes the 10-minute fetch at once; 利用する brings it back when 自動取得 is still on.
        foreach (var connection in connections.Values)
        {
            autoFetchSchedule.Apply(connection);
        }

        if (changes.Any)
        {
            await history.RecordAsync(
                new OperationRecord(OperationKind.SettingsSaved, $"モール選択を保存（{changes.Count}項目を変更）", changes.ToString(), "/MallSettings"),
                cancellationToken);
        }

        Notice = "モール選択を保存しました。";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        var count = await db.MallConnections.CountAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var name = $"TikTok Shop {count + 1}号店";
        while (await db.MallConnections.AnyAsync(c => c.DisplayName == name, cancellationToken))
        {
            name += "+";
        }

        var connection = new MallConnection { DisplayName = name, DisplayOrder = count + 1, CreatedAtUtc = now, UpdatedAtUtc = now };
        db.MallConnections.Add(connection);
        await db.SaveChangesAsync(cancellationToken);
        await history.RecordAsync(
            new OperationRecord(
                OperationKind.MallConnectionAdded,
                $"モール「{name}」を追加",
                $"出店モール: TikTok Shop\n管理用店舗名: {name}\n表示順: {connection.DisplayOrder.ToString(CultureInfo.InvariantCulture)}",
                Details.ConnectionModel.PageUrl(connection.Id)),
            cancellationToken);
        Notice = $"「{name}」を追加しました。モール詳細設定から認証してください。";
        return RedirectToPage();
    }

    public sealed class MallRow
    {
        public int Id { get; set; }

        public bool IsEnabled { get; set; }

        [Required(ErrorMessage = "管理用店舗名を入力してください。")]
        [StringLength(100, ErrorMessage = "管理用店舗名は100文字以内で入力してください。")]
        public string DisplayName { get; set; } = string.Empty;

        public Carrier PrimaryCarrier { get; set; }

        [Range(0, 999, ErrorMessage = "表示順は0〜999の整数で入力してください。")]
        public int DisplayOrder { get; set; }
    }
}
