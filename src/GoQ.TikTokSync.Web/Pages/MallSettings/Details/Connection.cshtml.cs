using System.Globalization;
using System.Security.Claims;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Malls.Authorize;
using GoQ.TikTokSync.Core.Malls.ChangeSettings;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GoQ.TikTokSync.Web.Pages.MallSettings.Details;

/// <summary>One connection's 外部システム連携設定 (the manual's steps 4, 8, 9 and 10).</summary>
public class ConnectionModel(ShopAuthorization authorization, ConnectionSettings settings) : PageModel
{
    /// <summary>This page's address for a connection: where 操作履歴 rows about the connection link to.</summary>
    public static string PageUrl(int connectionId) => MallSettingsPages.DetailUrl(connectionId);

    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    [BindProperty]
    public SettingsInput Input { get; set; } = new();

    public MallConnection Connection { get; private set; } = null!;

    public IReadOnlyList<ShippingProviderMapping> Mappings { get; private set; } = [];

    public IReadOnlyList<string> DeliveryOptionIds { get; private set; } = [];

    public MallSettingsOptions Limits => settings.Limits;

    /// <summary>The address to enter in Partner Center as the app's webhook URL (TikTok requires https and a domain name there).</summary>
    public string WebhookUrl => $"{Request.Scheme}://{Request.Host}{Request.PathBase}{TikTokShopWebhooks.Path}";

    public bool CanEdit => User.IsInRole(AppRoles.Admin);

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        Input = new SettingsInput
        {
            FetchTikTokStatus = Connection.FetchTikTokStatus.Value,
            TargetGoqStatus = Connection.TargetGoqStatus.ToString(),
            FetchDays = Connection.FetchDays.ToString(CultureInfo.InvariantCulture),
            AutoFetchEnabled = Connection.AutoFetchEnabled,
            AutoExportEnabled = Connection.AutoExportEnabled,
            StatusAfterPush = Connection.StatusAfterPush?.ToString(),
        };
        return Page();
    }

    /// <summary>認証 and リフレッシュトークン再取得 both send the operator through TikTok's consent again.</summary>
    public async Task<IActionResult> OnPostAuthorizeAsync(CancellationToken cancellationToken)
    {
        var inUse = await settings.InUseAsync(Id, cancellationToken);
        if (inUse is null)
        {
            return NotFound();
        }

        if (inUse == false)
        {
            Notice = $"認証できません。{MallConnectionDisabledException.JapaneseReason}。モール選択で「利用」にしてから認証してください。";
            return Redirect(PageUrl(Id));
        }

        var url = await authorization.BeginAsync(Id, User.FindFirstValue(ClaimTypes.NameIdentifier)!, cancellationToken);
        return Redirect(url.ToString());
    }

    /// <summary>設定を保存して次へ進む: validates every field, saves all or nothing, then goes to データ取込.</summary>
    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        var checkedSettings = settings.Check(Connection, new Core.Malls.ChangeSettings.SettingsInput(
            Input.FetchTikTokStatus, Input.TargetGoqStatus, Input.FetchDays, Input.AutoFetchEnabled, Input.AutoExportEnabled, Input.StatusAfterPush));
        foreach (var (field, message) in checkedSettings.Errors)
        {
            ModelState.AddModelError(field == ConnectionSettings.ShopField ? field : $"{nameof(Input)}.{field}", message);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var (outcome, displayName) = await settings.SaveAsync(Id, checkedSettings, cancellationToken);
        if (outcome == SettingsSaveOutcome.Conflict)
        {
            // A token refresh or a fetch touched the connection meanwhile: the form again, as the admin filled it in.
            await LoadAsync(cancellationToken);
            ModelState.AddModelError(string.Empty, ConcurrentUpdate.Message);
            return Page();
        }

        if (outcome == SettingsSaveOutcome.NotFound)
        {
            return NotFound();
        }

        Notice = $"「{displayName}」の設定を保存しました。";
        return Redirect($"/Import?connection={Id}");
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (await settings.LoadAsync(Id, cancellationToken) is not { } view)
        {
            return false;
        }

        (Connection, Mappings, DeliveryOptionIds) = (view.Connection, view.Mappings, view.DeliveryOptionIds);
        return true;
    }

    public sealed class SettingsInput
    {
        public string? FetchTikTokStatus { get; set; }

        public string? TargetGoqStatus { get; set; }

        /// <summary>Bound as text so that "abc" or "" gets our Japanese message rather than the framework's.</summary>
        public string? FetchDays { get; set; }

        public bool AutoFetchEnabled { get; set; }

        public bool AutoExportEnabled { get; set; }

        /// <summary>Empty: 変更しない.</summary>
        public string? StatusAfterPush { get; set; }
    }
}
