using System.Globalization;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Core.OperationHistory.Recording;
using GoQ.TikTokSync.Core.Retention.Purge;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Core.Retention.ChangeRetention;

public enum RetentionSaveOutcome
{
    Saved,
    NoChange,

    /// <summary>Two admins saved the very first time at once: the second insert of the single row lost.</summary>
    Conflict,
}

/// <summary>各種設定 › 保存期間: saves the two periods and their 操作履歴 row together, or nothing.</summary>
public sealed class RetentionChange(TikTokSyncDbContext db, RetentionPolicy retention, OperationHistoryRecorder recorder, TimeProvider time)
{
    public const string OperationHistoryLabel = "操作履歴の保存期間";
    public const string ProcessingLogLabel = "自動処理ログの保存期間";

    /// <summary>When an admin last saved, or null while the configured defaults apply.</summary>
    public Task<DateTime?> SavedAtAsync(CancellationToken cancellationToken) =>
        db.RetentionSettings.AsNoTracking()
            .Where(s => s.Id == RetentionSettings.SingletonId)
            .Select(s => (DateTime?)s.UpdatedAtUtc)
            .SingleOrDefaultAsync(cancellationToken);

    public async Task<RetentionSaveOutcome> SaveAsync(int operationHistoryDays, int processingLogDays, CancellationToken cancellationToken)
    {
        var (oldHistoryDays, oldLogDays) = await retention.GetAsync(cancellationToken);
        var changes = new SettingsChanges()
            .Compare(OperationHistoryLabel, oldHistoryDays, operationHistoryDays, FormatDays)
            .Compare(ProcessingLogLabel, oldLogDays, processingLogDays, FormatDays);
        if (!changes.Any)
        {
            return RetentionSaveOutcome.NoChange;
        }

        var settings = await db.RetentionSettings.SingleOrDefaultAsync(s => s.Id == RetentionSettings.SingletonId, cancellationToken);
        if (settings is null)
        {
            settings = new RetentionSettings();
            db.RetentionSettings.Add(settings);
        }

        settings.OperationHistoryDays = operationHistoryDays;
        settings.ProcessingLogDays = processingLogDays;
        settings.UpdatedAtUtc = time.GetUtcNow().UtcDateTime;
        try
        {
            // The recorder saves the context: the new periods and their 操作履歴 row are written together or not at all.
            await recorder.RecordAsync(
                new OperationRecord(OperationKind.RetentionSettingsSaved, "保存期間を変更しました", changes.ToString(), "/Settings/Retention"),
                cancellationToken);
            return RetentionSaveOutcome.Saved;
        }
        catch (DbUpdateException)
        {
            return RetentionSaveOutcome.Conflict;
        }
    }

    private static string FormatDays(int days) => days.ToString(CultureInfo.InvariantCulture) + "日";
}

public static class ChangeRetentionSetup
{
    public static IServiceCollection AddChangeRetention(this IServiceCollection services) => services.AddScoped<RetentionChange>();
}
