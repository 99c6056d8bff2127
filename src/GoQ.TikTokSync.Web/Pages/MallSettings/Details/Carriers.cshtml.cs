using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Malls.MapCarriers;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.TikTokShop.Errors;
using GoQ.TikTokSync.TikTokShop.Models;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GoQ.TikTokSync.Web.Pages.MallSettings.Details;

/// <summary>Lets an administrator correct which TikTok shipping provider each carrier means for one delivery option.</summary>
public class CarriersModel(ProviderChoice providerChoice) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public string DeliveryOptionId { get; set; } = string.Empty;

    public IReadOnlyList<TikTokShippingProvider> Providers { get; private set; } = [];

    public IReadOnlyDictionary<Carrier, string> Current { get; private set; } = new Dictionary<Carrier, string>();

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var inUse = await providerChoice.InUseAsync(Id, cancellationToken);
        if (string.IsNullOrWhiteSpace(DeliveryOptionId) || inUse is null)
        {
            return NotFound();
        }

        if (inUse == false)
        {
            Error = $"{MallConnectionDisabledException.JapaneseReason}。モール選択で「利用」にしてから操作してください。";
            return Page();
        }

        try
        {
            Providers = await providerChoice.ProvidersAsync(Id, DeliveryOptionId, cancellationToken);
        }
        catch (Exception ex) when (ex is TikTokShopApiException or ReauthorizationRequiredException or InvalidOperationException)
        {
            Error = ex is TikTokShopApiException api
                ? $"TikTok Shop から配送業者一覧を取得できませんでした（{api.Code}: {api.ApiMessage}）。"
                : "TikTok Shop の認証とショップ選択を先に行ってください。";
        }

        Current = await providerChoice.CurrentAsync(Id, DeliveryOptionId, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Carrier carrier, string providerId, CancellationToken cancellationToken)
    {
        var page = await OnGetAsync(cancellationToken);
        if (Error is not null || page is not PageResult)
        {
            return page;
        }

        var provider = Providers.FirstOrDefault(p => string.Equals(p.Id, providerId, StringComparison.Ordinal));
        if (provider is null || !Enum.IsDefined(carrier))
        {
            Error = "配送業者を一覧から選択してください。";
            return Page();
        }

        await providerChoice.ChooseAsync(Id, DeliveryOptionId, carrier, provider, cancellationToken);
        TempData["Notice"] = $"{carrier.JapaneseName()} の対応付けを「{provider.Name}」に変更しました。";
        return Redirect($"/MallSettings/Details/{Id}");
    }
}
