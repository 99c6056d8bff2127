using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Malls.Authorize;
using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Core.OperationHistory.Recording;
using GoQ.TikTokSync.TikTokShop.Errors;
using GoQ.TikTokSync.TikTokShop.Models;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Web.Pages.MallSettings.Details;

/// <summary>ショップ変更: the shops TikTok says the authorization covers; choosing one stores its id and cipher.</summary>
public class ShopsModel(TikTokSyncDbContext db, ShopAuthorization authorization, OperationHistoryRecorder history) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    public string ConnectionName { get; private set; } = string.Empty;

    public string? CurrentShopId { get; private set; }

    public IReadOnlyList<TikTokAuthorizedShop> Shops { get; private set; } = [];

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var connection = await db.MallConnections.AsNoTracking().SingleOrDefaultAsync(c => c.Id == Id, cancellationToken);
        if (connection is null)
        {
            return NotFound();
        }

        ConnectionName = connection.DisplayName;
        CurrentShopId = connection.TikTokShopId;
        try
        {
            Shops = await authorization.GetShopsAsync(Id, cancellationToken);
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
        var before = await db.MallConnections.AsNoTracking().Where(c => c.Id == Id).Select(c => new { c.ShopName, c.TikTokShopId }).SingleOrDefaultAsync(cancellationToken);
        if (before is null)
        {
            return NotFound();
        }

        try
        {
            if (!await authorization.SelectShopAsync(Id, shopId, cancellationToken))
            {
                var page = await OnGetAsync(cancellationToken);
                Error ??= "選択したショップはこの認証の対象ではありません。一覧から選び直してください。";
                return page;
            }
        }
        catch (Exception ex) when (ex is ReauthorizationRequiredException or MallConnectionDisabledException)
        {
            return await OnGetAsync(cancellationToken);
        }

        var after = await db.MallConnections.AsNoTracking().Where(c => c.Id == Id).Select(c => new { c.DisplayName, c.ShopName, c.TikTokShopId }).SingleAsync(cancellationToken);
        var changed = !string.Equals(before.TikTokShopId, after.TikTokShopId, StringComparison.Ordinal);
        var details = new List<string>
        {
            "モール: " + after.DisplayName,
            changed ? $"ショップ: {Shop(before.ShopName, before.TikTokShopId)} → {Shop(after.ShopName, after.TikTokShopId)}" : $"ショップ: {Shop(after.ShopName, after.TikTokShopId)}（変更なし）",
        };
        if (changed && before.TikTokShopId is not null)
        {
            details.Add("別のショップになったため、配送業者の対応付けを消去しました");
        }

        await history.RecordAsync(
            new OperationRecord(OperationKind.ShopChanged, $"「{after.DisplayName}」のショップを「{after.ShopName}」に変更", string.Join('\n', details), ConnectionModel.PageUrl(Id)),
            cancellationToken);
        TempData["Notice"] = "ショップを変更しました。取得ステータスを確認し、[設定を保存して次へ進む]を押してください。";
        return Redirect($"/MallSettings/Details/{Id}");
    }

    private static string Shop(string? name, string? id) => id is null ? "（未選択）" : $"{name}（ID {id}）";
}
