using System.ComponentModel.DataAnnotations;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Web.Pages.MallSettings;

/// <summary>各種設定 › モール選択: which TikTok Shop connections exist, their names, main carrier and order.</summary>
public class IndexModel(TikTokSyncDbContext db, TimeProvider time) : PageModel
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
        if (!CanEdit)
        {
            return Forbid();
        }

        var duplicates = Rows.GroupBy(r => r.DisplayName.Trim(), StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < Rows.Count; i++)
        {
            if (duplicates.Contains(Rows[i].DisplayName.Trim()))
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
        foreach (var row in Rows)
        {
            if (!connections.TryGetValue(row.Id, out var connection))
            {
                return NotFound();
            }

            connection.IsEnabled = row.IsEnabled;
            connection.DisplayName = row.DisplayName.Trim();
            connection.PrimaryCarrier = row.PrimaryCarrier;
            connection.DisplayOrder = row.DisplayOrder;
            connection.UpdatedAtUtc = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        Notice = "モール選択を保存しました。";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        if (!CanEdit)
        {
            return Forbid();
        }

        var count = await db.MallConnections.CountAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var name = $"TikTok Shop {count + 1}号店";
        while (await db.MallConnections.AnyAsync(c => c.DisplayName == name, cancellationToken))
        {
            name += "+";
        }

        db.MallConnections.Add(new MallConnection { DisplayName = name, DisplayOrder = count + 1, CreatedAtUtc = now, UpdatedAtUtc = now });
        await db.SaveChangesAsync(cancellationToken);
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
