using System.Globalization;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Core.OperationHistory.Recording;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.Scheduling;
using GoQ.TikTokSync.TikTokShop.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GoQ.TikTokSync.Core.Malls.ChangeSettings;

/// <summary>The モール詳細設定 form as the operator filled it in (numbers as text, so a wrong one gets our message).</summary>
public sealed record SettingsInput(
    string? FetchTikTokStatus,
    string? TargetGoqStatus,
    string? FetchDays,
    bool AutoFetchEnabled,
    bool AutoExportEnabled,
    string? StatusAfterPush);

/// <summary>What the page shows: the connection, its carrier mappings and the delivery options seen on its orders.</summary>
public sealed record ConnectionSettingsView(MallConnection Connection, IReadOnlyList<ShippingProviderMapping> Mappings, IReadOnlyList<string> DeliveryOptionIds);

/// <summary>A checked form: the values to save, or the messages per field (<see cref="ShopField"/> when no shop is chosen yet).</summary>
public sealed record CheckedSettings(
    TikTokOrderStatus? FetchTikTokStatus,
    GoqOrderStatus? TargetGoqStatus,
    int? FetchDays,
    bool AutoFetchEnabled,
    bool AutoExportEnabled,
    GoqOrderStatus? StatusAfterPush,
    IReadOnlyList<(string Field, string Message)> Errors);

public enum SettingsSaveOutcome
{
    Saved,
    NotFound,

    /// <summary>A token refresh or a fetch touched the connection meanwhile: nothing saved.</summary>
    Conflict,
}

/// <summary>
/// モール詳細設定's 設定を保存して次へ進む: every field checked, all saved or nothing, the 操作履歴 row in the same save
/// (the press is on record even when every value stayed the same), then the connection's auto-fetch schedule updated.
/// </summary>
public sealed class ConnectionSettings(TikTokSyncDbContext db, AutoFetchSchedule autoFetchSchedule, IOptions<MallSettingsOptions> options, OperationHistoryRecorder history, TimeProvider time)
{
    /// <summary>The error key of a connection without a chosen shop (not a field of the form).</summary>
    public const string ShopField = "Shop";

    public MallSettingsOptions Limits => options.Value;

    /// <summary>Whether the connection is in use (利用), or null when there is no such connection.</summary>
    public Task<bool?> InUseAsync(int connectionId, CancellationToken cancellationToken) =>
        db.MallConnections.Where(c => c.Id == connectionId).Select(c => (bool?)c.IsEnabled).SingleOrDefaultAsync(cancellationToken);

    public async Task<ConnectionSettingsView?> LoadAsync(int connectionId, CancellationToken cancellationToken)
    {
        var connection = await db.MallConnections.AsNoTracking().SingleOrDefaultAsync(c => c.Id == connectionId, cancellationToken);
        if (connection is null)
        {
            return null;
        }

        var mappings = await db.ShippingProviderMappings.AsNoTracking()
            .Where(m => m.MallConnectionId == connectionId)
            .OrderBy(m => m.DeliveryOptionId).ThenBy(m => m.Carrier)
            .ToListAsync(cancellationToken);
        var fromOrders = await db.Orders.AsNoTracking()
            .Where(o => o.MallConnectionId == connectionId && o.DeliveryOptionId != null)
            .Select(o => o.DeliveryOptionId!)
            .Distinct()
            .Take(20)
            .ToListAsync(cancellationToken);
        var deliveryOptionIds = fromOrders.Concat(mappings.Select(m => m.DeliveryOptionId)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new ConnectionSettingsView(connection, mappings, deliveryOptionIds);
    }

    public CheckedSettings Check(MallConnection connection, SettingsInput input)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(input);
        var validated = MallDetailSettingsRules.Validate(input.FetchTikTokStatus, input.TargetGoqStatus, input.FetchDays, options.Value);
        var errors = validated.Errors.ToList();
        GoqOrderStatus? statusAfterPush = null;
        if (!string.IsNullOrEmpty(input.StatusAfterPush))
        {
            if (GoqOrderStatuses.All.FirstOrDefault(s => string.Equals(s.ToString(), input.StatusAfterPush, StringComparison.Ordinal)) is var parsed
                && string.Equals(parsed.ToString(), input.StatusAfterPush, StringComparison.Ordinal))
            {
                statusAfterPush = parsed;
            }
            else
            {
                errors.Add((nameof(SettingsInput.StatusAfterPush), "発送情報更新後の受注ステータスを一覧から選択してください。"));
            }
        }

        if (string.IsNullOrEmpty(connection.TikTokShopId))
        {
            errors.Add((ShopField, "ショップを選択してください。先に[認証]を行い、[ショップ変更]からショップを選んでください。"));
        }

        return new CheckedSettings(validated.FetchTikTokStatus, validated.TargetGoqStatus, validated.FetchDays, input.AutoFetchEnabled, input.AutoExportEnabled, statusAfterPush, errors);
    }

    /// <summary>Saves a form <see cref="Check"/> passed (no errors).</summary>
    public async Task<(SettingsSaveOutcome Outcome, string DisplayName)> SaveAsync(int connectionId, CheckedSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Errors.Count > 0)
        {
            throw new ArgumentException("Only a form without errors is saved.", nameof(settings));
        }

        var connection = await db.MallConnections.SingleOrDefaultAsync(c => c.Id == connectionId, cancellationToken);
        if (connection is null)
        {
            return (SettingsSaveOutcome.NotFound, string.Empty);
        }

        var changes = new SettingsChanges()
            .Compare("TikTok Shop 取得ステータス", connection.FetchTikTokStatus, settings.FetchTikTokStatus!.Value, status => TikTokStatusLabels.Label(status))
            .Compare("受注格納先ステータス", connection.TargetGoqStatus, settings.TargetGoqStatus!.Value, status => status.JapaneseName())
            .Compare("受注を取得する日数", connection.FetchDays, settings.FetchDays!.Value, days => days.ToString(CultureInfo.InvariantCulture) + "日")
            .Compare("自動取得", connection.AutoFetchEnabled, settings.AutoFetchEnabled)
            .Compare("自動書き出し", connection.AutoExportEnabled, settings.AutoExportEnabled)
            .Compare("発送情報更新後の受注ステータス", connection.StatusAfterPush, settings.StatusAfterPush, status => status?.JapaneseName() ?? "変更しない");
        connection.FetchTikTokStatus = settings.FetchTikTokStatus!.Value;
        connection.TargetGoqStatus = settings.TargetGoqStatus!.Value;
        connection.FetchDays = settings.FetchDays!.Value;
        connection.AutoFetchEnabled = settings.AutoFetchEnabled;
        connection.AutoExportEnabled = settings.AutoExportEnabled;
        connection.StatusAfterPush = settings.StatusAfterPush;
        connection.Touch(time.GetUtcNow().UtcDateTime);
        history.Add(new OperationRecord(
            OperationKind.SettingsSaved,
            $"「{connection.DisplayName}」のモール詳細設定を保存" + (changes.Any ? string.Empty : "（変更なし）"),
            changes.Any ? changes.ToString() : "変更なし",
            MallSettingsPages.DetailUrl(connection.Id)));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return (SettingsSaveOutcome.Conflict, connection.DisplayName);
        }

        autoFetchSchedule.Apply(connection);
        return (SettingsSaveOutcome.Saved, connection.DisplayName);
    }
}
