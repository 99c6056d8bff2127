using System.Globalization;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Core.OperationHistory.Recording;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Core.Malls.ChooseMalls;

/// <summary>One row of モール選択 as shown and as saved.</summary>
public sealed record MallChoiceRow(int Id, bool IsEnabled, string DisplayName, Carrier PrimaryCarrier, int DisplayOrder);

/// <summary>
/// 各種設定 › モール選択: which connections are used, their names, main carrier and order, and adding a connection. Each
/// change writes its 操作履歴 row in the same save.
/// </summary>
public sealed class MallChoice(TikTokSyncDbContext db, OperationHistoryRecorder history, AutoFetchSchedule autoFetchSchedule, TimeProvider time)
{
    public Task<List<MallChoiceRow>> ListAsync(CancellationToken cancellationToken) =>
        db.MallConnections.AsNoTracking()
            .OrderBy(c => c.DisplayOrder).ThenBy(c => c.Id)
            .Select(c => new MallChoiceRow(c.Id, c.IsEnabled, c.DisplayName, c.PrimaryCarrier, c.DisplayOrder))
            .ToListAsync(cancellationToken);

    /// <summary>The rows whose 管理用店舗名 another row also has (an emptied name is left to the required check).</summary>
    public static IReadOnlyList<int> DuplicateNameRows(IReadOnlyList<string?> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var duplicates = names.GroupBy(n => n?.Trim() ?? string.Empty, StringComparer.Ordinal).Where(g => g.Key.Length > 0 && g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        return [.. Enumerable.Range(0, names.Count).Where(i => duplicates.Contains(names[i]?.Trim() ?? string.Empty))];
    }

    /// <summary>Saves every row; false (nothing saved) when a row names a connection that does not exist.</summary>
    public async Task<bool> SaveAsync(IReadOnlyList<MallChoiceRow> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var connections = await db.MallConnections.ToDictionaryAsync(c => c.Id, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var changes = new SettingsChanges();
        foreach (var row in rows)
        {
            if (!connections.TryGetValue(row.Id, out var connection))
            {
                db.ChangeTracker.Clear();
                return false;
            }

            var name = connection.DisplayName;
            changes.Compare($"{name} › 利用", connection.IsEnabled, row.IsEnabled, used => used ? "利用する" : "利用しない")
                .Compare($"{name} › 管理用店舗名", connection.DisplayName, row.DisplayName.Trim())
                .Compare($"{name} › 主に利用する配送業者", connection.PrimaryCarrier, row.PrimaryCarrier, carrier => carrier.JapaneseName())
                .Compare($"{name} › 表示順", connection.DisplayOrder, row.DisplayOrder);
            connection.IsEnabled = row.IsEnabled;
            connection.DisplayName = row.DisplayName.Trim();
            connection.PrimaryCarrier = row.PrimaryCarrier;
            connection.DisplayOrder = row.DisplayOrder;
            connection.UpdatedAtUtc = now;
        }

        if (changes.Any)
        {
            history.Add(new OperationRecord(OperationKind.SettingsSaved, $"モール選択を保存（{changes.Count}項目を変更）", changes.ToString(), MallSettingsPages.ChooseMallsUrl));
        }

        await db.SaveChangesAsync(cancellationToken);

        // 利用しない removes the 10-minute fetch at once; 利用する brings it back when 自動取得 is still on.
        foreach (var connection in connections.Values)
        {
            autoFetchSchedule.Apply(connection);
        }

        return true;
    }

    /// <summary>
    /// Adds a connection named 「TikTok Shop N号店」 (made unique) at the end. Its 操作履歴 row links to the new connection,
    /// whose id exists only once saved, so both saves share one transaction.
    /// </summary>
    public Task<string> AddAsync(CancellationToken cancellationToken) =>
        history.RecordWithAsync(
            async ct =>
            {
                var count = await db.MallConnections.CountAsync(ct);
                var now = time.GetUtcNow().UtcDateTime;
                var name = $"TikTok Shop {count + 1}号店";
                while (await db.MallConnections.AnyAsync(c => c.DisplayName == name, ct))
                {
                    name += "+";
                }

                var connection = new MallConnection { DisplayName = name, DisplayOrder = count + 1, CreatedAtUtc = now, UpdatedAtUtc = now };
                db.MallConnections.Add(connection);
                await db.SaveChangesAsync(ct);
                return (name, (OperationRecord?)new OperationRecord(
                    OperationKind.MallConnectionAdded,
                    $"モール「{name}」を追加",
                    $"出店モール: TikTok Shop\n管理用店舗名: {name}\n表示順: {connection.DisplayOrder.ToString(CultureInfo.InvariantCulture)}",
                    MallSettingsPages.DetailUrl(connection.Id)));
            },
            cancellationToken);
}
