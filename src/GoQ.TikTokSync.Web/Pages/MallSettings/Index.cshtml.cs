using System.ComponentModel.DataAnnotations;
using GoQ.TikTokSync.Core.Malls.ChooseMalls;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GoQ.TikTokSync.Web.Pages.MallSettings;

/// <summary>各種設定 › モール選択: which TikTok Shop connections exist, their names, main carrier and order.</summary>
public class IndexModel(MallChoice mallChoice) : PageModel
{
    [BindProperty]
    public List<MallRow> Rows { get; set; } = [];

    public bool CanEdit => User.IsInRole(AppRoles.Admin);

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Rows = (await mallChoice.ListAsync(cancellationToken))
            .Select(c => new MallRow { Id = c.Id, IsEnabled = c.IsEnabled, DisplayName = c.DisplayName, PrimaryCarrier = c.PrimaryCarrier, DisplayOrder = c.DisplayOrder })
            .ToList();

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        // An emptied name binds as null (and is refused by [Required] below); it must not break the duplicate check first.
        foreach (var i in MallChoice.DuplicateNameRows(Rows.Select(r => (string?)r.DisplayName).ToList()))
        {
            ModelState.AddModelError($"{nameof(Rows)}[{i}].{nameof(MallRow.DisplayName)}", "管理用店舗名が重複しています。");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (!await mallChoice.SaveAsync(Rows.Select(r => new MallChoiceRow(r.Id, r.IsEnabled, r.DisplayName, r.PrimaryCarrier, r.DisplayOrder)).ToList(), cancellationToken))
        {
            return NotFound();
        }

        Notice = "モール選択を保存しました。";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        var name = await mallChoice.AddAsync(cancellationToken);
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
