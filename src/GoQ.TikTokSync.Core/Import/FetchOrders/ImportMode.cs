namespace GoQ.TikTokSync.Core.Import.FetchOrders;

public enum ImportMode
{
    /// <summary>モール詳細の取得日数で取得: 取得ステータス, created within 受注を取得する日数. Also the daily reconciliation.</summary>
    ConfiguredDays,

    /// <summary>取得日時 from/to: 取得ステータス, created within the operator's window.</summary>
    DateRange,

    /// <summary>The 10-minute job: anything updated since the cursor (less an overlap), created within the configured days, any status.</summary>
    Incremental,

    /// <summary>
    /// The daily reconciliation: <see cref="ConfiguredDays"/>, then every stored order still open on TikTok that the search
    /// did not return (another status than 取得ステータス) re-read by order detail. update_time moves only with the status,
    /// so this full read is what catches what webhooks missed: cancel requests, address changes, cancelled lines.
    /// </summary>
    Reconciliation,

    /// <summary>Named orders re-read by order detail (webhooks): like <see cref="Incremental"/>, a new order is stored only in 取得ステータス.</summary>
    OrderIds,
}
