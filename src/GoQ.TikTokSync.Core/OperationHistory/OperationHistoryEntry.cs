namespace GoQ.TikTokSync.Core.OperationHistory;

/// <summary>
/// One row of 操作履歴: an operator's action that changed data or talked to TikTok. Append-only: the application never
/// updates or deletes a row (the context refuses it); only the retention purge removes old rows.
/// </summary>
public class OperationHistoryEntry
{
    public long Id { get; set; }

    public DateTime OccurredAtUtc { get; set; }

    /// <summary>The acting user's id; kept as text (no foreign key) so the record outlives a renamed or removed user.</summary>
    public string? UserId { get; set; }

    /// <summary>The acting user's login e-mail as it was at the time.</summary>
    public string UserName { get; set; } = string.Empty;

    public string? IpAddress { get; set; }

    public OperationKind Kind { get; set; }

    /// <summary>One line in Japanese, e.g. 「受注 3件を 新規受付 → 保留 に移動」.</summary>
    public string Summary { get; set; } = string.Empty;

    /// <summary>Further lines (changed fields old → new with secrets masked, file names, counts, failures).</summary>
    public string? Details { get; set; }

    /// <summary>App-relative link to the object acted on (an order, a connection, a run, a user).</summary>
    public string? TargetUrl { get; set; }

    public List<OperationHistoryOrder> Orders { get; } = [];
}

/// <summary>An order touched by an <see cref="OperationHistoryEntry"/>: lets 受注詳細 and the order-number filter find it.</summary>
public class OperationHistoryOrder
{
    public long OperationHistoryEntryId { get; set; }

    public long OrderId { get; set; }

    /// <summary>The TikTok order number as it was shown to the operator.</summary>
    public string OrderNumber { get; set; } = string.Empty;
}

public enum OperationKind
{
    SettingsSaved,
    MallConnectionAdded,
    Authorization,
    ShopChanged,
    CarrierMappingSaved,
    ManualFetchStarted,
    StatusMoved,
    CancellationAcknowledged,
    ShippingEdited,
    PackageDeleted,
    NoteEdited,
    CsvImported,
    ShippingPushed,
    ShippingResent,
    UserAdded,
    UserRoleChanged,
    UserDisabled,
    UserEnabled,
    UserPasswordReset,
    PasswordChanged,
    RetentionSettingsSaved,
    OperationHistoryPurged,
    AddressChangeConfirmed,
}

public static class OperationKinds
{
    /// <summary>The 種別 label operators see (filter, list and CSV).</summary>
    public static string Label(OperationKind kind) => kind switch
    {
        OperationKind.SettingsSaved => "設定の保存",
        OperationKind.MallConnectionAdded => "モールの追加",
        OperationKind.Authorization => "認証・再認証",
        OperationKind.ShopChanged => "ショップ変更",
        OperationKind.CarrierMappingSaved => "配送業者の対応付け",
        OperationKind.ManualFetchStarted => "受注の手動取得",
        OperationKind.StatusMoved => "ステータス移動",
        OperationKind.CancellationAcknowledged => "キャンセルの確認",
        OperationKind.ShippingEdited => "伝票番号・出荷日の編集",
        OperationKind.PackageDeleted => "荷物の削除",
        OperationKind.NoteEdited => "備考の編集",
        OperationKind.CsvImported => "CSV取込",
        OperationKind.ShippingPushed => "発送情報の更新",
        OperationKind.ShippingResent => "発送情報の再送信",
        OperationKind.UserAdded => "ユーザーの追加",
        OperationKind.UserRoleChanged => "権限の変更",
        OperationKind.UserDisabled => "ユーザーの無効化",
        OperationKind.UserEnabled => "ユーザーの有効化",
        OperationKind.UserPasswordReset => "パスワードの再発行",
        OperationKind.PasswordChanged => "パスワードの変更",
        OperationKind.RetentionSettingsSaved => "保存期間の設定",
        OperationKind.OperationHistoryPurged => "操作履歴の自動削除",
        OperationKind.AddressChangeConfirmed => "住所変更の確認",
        _ => kind.ToString(),
    };
}
