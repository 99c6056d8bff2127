using System.Globalization;
using System.Security.Claims;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Malls.Authorize;
using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Core.OperationHistory.Recording;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.Scheduling;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GoQ.TikTokSync.Web.Pages.MallSettings.Details;

/// <summary>One connection's 外部システム連携設定 (the manual's steps 4, 8, 9 and 10).</summary>
public class ConnectionModel(
    TikTokSyncDbContext db,
    ShopAuthorization authorization,
    AutoFetchSchedule autoFetchSchedule,
    IOptions<MallSettingsOptions> options,
    OperationHistoryRecorder history,
    TimeProvider time) : PageModel
{
    /// <summary>This page's address for a connection: where 操作履歴 rows about the connection link to.</summary>
    public static string PageUrl(int connectionId) => "/MallSettings/Details/" + connectionId.ToString(CultureInfo.InvariantCulture);

    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    [BindProperty]
    public SettingsInput Input { get; set; } = new();

    public MallConnection Connection { get; private set; } = null!;

    public IReadOnlyList<ShippingProviderMapping> Mappings { get; private set; } = [];

    public IReadOnlyList<string> DeliveryOptionIds { get; private set; } = [];

    public MallSettingsOptions Limits => options.Value;

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
            FetchTikTokStatus = Connection.FetchTikTokStatus,
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
        var inUse = await db.MallConnections.Where(c => c.Id == Id).Select(c => (bool?)c.IsEnabled).SingleOrDefaultAsync(cancellationToken);
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

        var validated = MallDetailSettingsRules.Validate(Input.FetchTikTokStatus, Input.TargetGoqStatus, Input.FetchDays, options.Value);
        foreach (var (field, message) in validated.Errors)
        {
            ModelState.AddModelError($"{nameof(Input)}.{field}", message);
        }

        GoqOrderStatus? statusAfterPush = null;
        if (!string.IsNullOrEmpty(Input.StatusAfterPush))
        {
            if (GoqOrderStatuses.All.FirstOrDefault(s => string.Equals(s.ToString(), Input.StatusAfterPush, StringComparison.Ordinal)) is var parsed
                && string.Equals(parsed.ToString(), Input.StatusAfterPush, StringComparison.Ordinal))
            {
                statusAfterPush = parsed;
            }
            else
            {
                ModelState.AddModelError("Input.StatusAfterPush", "発送情報更新後の受注ステータスを一覧から選択してください。");
            }
        }

        if (string.IsNullOrEmpty(Connection.TikTokShopId))
        {
            ModelState.AddModelError("Shop", "ショップを選択してください。先に[認証]を行い、[ショップ変更]からショップを選んでください。");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var connection = await db.MallConnections.SingleAsync(c => c.Id == Id, cancellationToken);
        var changes = new SettingsChanges()
            .Compare("TikTok Shop 取得ステータス", connection.FetchTikTokStatus, validated.FetchTikTokStatus!, TikTokStatusLabels.Label)
            .Compare("受注格納先ステータス", connection.TargetGoqStatus, validated.TargetGoqStatus!.Value, status => status.JapaneseName())
            .Compare("受注を取得する日数", connection.FetchDays, validated.FetchDays!.Value, days => days.ToString(CultureInfo.InvariantCulture) + "日")
            .Compare("自動取得", connection.AutoFetchEnabled, Input.AutoFetchEnabled)
            .Compare("自動書き出し", connection.AutoExportEnabled, Input.AutoExportEnabled)
            .Compare("発送情報更新後の受注ステータス", connection.StatusAfterPush, statusAfterPush, status => status?.JapaneseName() ?? "変更しない");
        connection.FetchTikTokStatus = validated.FetchTikTokStatus!;
        connection.TargetGoqStatus = validated.TargetGoqStatus!.Value;
        connection.FetchDays = validated.FetchDays!.Value;
        connection.AutoFetchEnabled = Input.AutoFetchEnabled;
        connection.AutoExportEnabled = Input.AutoExportEnabled;
        connection.StatusAfterPush = statusAfterPush;
        connection.Touch(time.GetUtcNow().UtcDateTime);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A token refresh or a fetch touched the connection meanwhile: the form again, as the admin filled it in.
            db.ChangeTracker.Clear();
            await LoadAsync(cancellationToken);
            ModelState.AddModelError(string.Empty, ConcurrentUpdate.Message);
            return Page();
        }

        autoFetchSchedule.Apply(connection);
        // The operator pressed 保存, so the press is on record even when every value stayed the same.
        await history.RecordAsync(
            new OperationRecord(
                OperationKind.SettingsSaved,
                $"「{connection.DisplayName}」のモール詳細設定を保存" + (changes.Any ? string.Empty : "（変更なし）"),
                changes.Any ? changes.ToString() : "変更なし",
                PageUrl(connection.Id)),
            cancellationToken);

        Notice = $"「{connection.DisplayName}」の設定を保存しました。";
        return Redirect($"/Import?connection={connection.Id}");
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var connection = await db.MallConnections.AsNoTracking().SingleOrDefaultAsync(c => c.Id == Id, cancellationToken);
        if (connection is null)
        {
            return false;
        }

        Connection = connection;
        Mappings = await db.ShippingProviderMappings.AsNoTracking()
            .Where(m => m.MallConnectionId == Id)
            .OrderBy(m => m.DeliveryOptionId).ThenBy(m => m.Carrier)
            .ToListAsync(cancellationToken);
        var fromOrders = await db.Orders.AsNoTracking()
            .Where(o => o.MallConnectionId == Id && o.DeliveryOptionId != null)
            .Select(o => o.DeliveryOptionId!)
            .Distinct()
            .Take(20)
            .ToListAsync(cancellationToken);
        DeliveryOptionIds = fromOrders.Concat(Mappings.Select(m => m.DeliveryOptionId)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
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
