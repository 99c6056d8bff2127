using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Malls.ChangeShop;
using GoQ.TikTokSync.TikTokShop.Errors;
using GoQ.TikTokSync.TikTokShop.Models;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GoQ.TikTokSync.Web.Pages.MallSettings.Details;

/// <summary>ショップ変更: the shops TikTok says the authorization covers; choosing one stores its id and cipher.</summary>
public class ShopsModel(ShopChange shopChange) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    public string ConnectionName { get; private set; } = string.Empty;

    public string? CurrentShopId { get; private set; }

    public IReadOnlyList<TikTokAuthorizedShop> Shops { get; private set; } = [];

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var connection = await shopChange.CurrentAsync(Id, cancellationToken);
        if (connection is null)
        {
            return NotFound();
        }

        ConnectionName = connection.DisplayName;
        CurrentShopId = connection.TikTokShopId;
        try
        {
            Shops = await shopChange.ShopsAsync(Id, cancellationToken);
        }
        catch (ReauthorizationRequiredException)
        {
            Error = "TikTok Shop の認証が必要です。モール詳細設定で[認証]を行ってください。";
        }
        catch (MallConnectionDisabledException)
        {
            Error = $"{MallConnectionDisabledException.JapaneseReason}。モール選択で「利用」にしてから操作してください。";
        }
        catch (TikTokShopApiException ex)
        {
            Error = $"ショップ一覧を取得できませんでした（TikTok エラー {ex.Code}: {ex.ApiMessage}）。時間をおいて再度お試しください。";
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string shopId, CancellationToken cancellationToken)
    {
        ShopChangeOutcome outcome;
        try
        {
            outcome = await shopChange.ChangeAsync(Id, shopId, cancellationToken);
        }
        catch (Exception ex) when (ex is ReauthorizationRequiredException or MallConnectionDisabledException)
        {
            return await OnGetAsync(cancellationToken);
        }

        if (outcome == ShopChangeOutcome.NotFound)
        {
            return NotFound();
        }

        if (outcome == ShopChangeOutcome.NotCovered)
        {
            var page = await OnGetAsync(cancellationToken);
            Error ??= "選択したショップはこの認証の対象ではありません。一覧から選び直してください。";
            return page;
        }

        TempData["Notice"] = "ショップを変更しました。取得ステータスを確認し、[設定を保存して次へ進む]を押してください。";
        return Redirect($"/MallSettings/Details/{Id}");
    }
}
