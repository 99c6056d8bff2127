using System.Globalization;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Core.OperationHistory.Recording;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GoQ.TikTokSync.Core.Import.FetchOrders;

/// <summary>What a データ取込 button led to: the started run, or the messages to show next to the fields (none started).</summary>
public sealed record ManualFetchStart(long? RunId, IReadOnlyList<(string Field, string Message)> Errors);

/// <summary>
/// データ取込 › TikTok Shop API取込: the connections offered, and the two buttons, which check the window and the connection,
/// start the manual fetch and write its 操作履歴 row.
/// </summary>
public sealed class ManualFetchRequests(TikTokSyncDbContext db, ManualFetch manualFetch, OperationHistoryRecorder history, IOptions<MallSettingsOptions> options, TimeProvider time)
{
    public int MaxRangeDays => options.Value.MaxFetchDays;

    public static string RunUrl(long runId) => "/Import/Run/" + runId.ToString(CultureInfo.InvariantCulture);

    /// <summary>Where a refusal of a connection is shown on the page.</summary>
    public static string ConnectionField(int mallConnectionId) => "connection-" + mallConnectionId.ToString(CultureInfo.InvariantCulture);

    public async Task<IReadOnlyList<MallConnection>> ConnectionsAsync(CancellationToken cancellationToken) =>
        await db.MallConnections.AsNoTracking()
            .Where(c => c.IsEnabled)
            .OrderBy(c => c.DisplayOrder).ThenBy(c => c.Id)
            .ToListAsync(cancellationToken);

    /// <summary>モール詳細の取得日数で取得. Null when there is no such connection.</summary>
    public Task<ManualFetchStart?> StartConfiguredDaysAsync(int mallConnectionId, string userName, CancellationToken cancellationToken) =>
        StartAsync(mallConnectionId, null, userName, cancellationToken);

    /// <summary>取得日時を指定して[取得]: <paramref name="from"/> and <paramref name="to"/> as typed (Japan time). Null when there is no such connection.</summary>
    public Task<ManualFetchStart?> StartRangeAsync(int mallConnectionId, string? from, string? to, string userName, CancellationToken cancellationToken) =>
        StartAsync(mallConnectionId, DateRangeRules.Validate(from, to, options.Value.MaxFetchDays, time.GetUtcNow()), userName, cancellationToken);

    private async Task<ManualFetchStart?> StartAsync(int mallConnectionId, DateRangeRules.Result? range, string userName, CancellationToken cancellationToken)
    {
        var connection = await db.MallConnections.AsNoTracking().SingleOrDefaultAsync(c => c.Id == mallConnectionId, cancellationToken);
        if (connection is null)
        {
            return null;
        }

        var errors = range?.Errors.ToList() ?? [];
        if (connection.SyncBlockReason is { } blocked)
        {
            errors.Add((ConnectionField(connection.Id), $"取得できません（{blocked}）。モール詳細設定で認証とショップ選択を行ってください。"));
        }

        if (errors.Count > 0)
        {
            return new ManualFetchStart(null, errors);
        }

        var runId = await manualFetch.StartAsync(connection.Id, range?.FromUtc, range?.ToUtc, userName, cancellationToken);
        var (mode, scope) = range is null
            ? ("モール詳細の取得日数で取得", $"取得日数: {connection.FetchDays.ToString(CultureInfo.InvariantCulture)}日")
            : ("期間指定", $"期間: {JapanTime.Format(range.FromUtc)} 〜 {JapanTime.Format(range.ToUtc)}（日本時間）");
        await history.RecordAsync(
            new OperationRecord(
                OperationKind.ManualFetchStarted,
                $"「{connection.DisplayName}」の受注取得を開始（{mode}）",
                string.Join('\n', "モール: " + connection.DisplayName, "取得方法: " + mode, scope, "取得ステータス: " + TikTokStatusLabels.Label(connection.FetchTikTokStatus)),
                RunUrl(runId)),
            cancellationToken);
        return new ManualFetchStart(runId, []);
    }
}
