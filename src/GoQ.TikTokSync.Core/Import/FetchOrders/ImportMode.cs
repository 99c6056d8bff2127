namespace GoQ.TikTokSync.Core.Import.FetchOrders;

public enum ImportMode
{
    /// <summary>モール詳細の取得日数で取得: 取得ステータス, created within 受注を取得する日数. Also the daily reconciliation.</summary>
    ConfiguredDays,

    /// <summary>取得日時 from/to: 取得ステータス, created within the operator's window.</summary>
    DateRange,

    /// <summary>The 10-minute job: anything updated since the cursor (less an overlap), created within the configured days, any status.</summary>
    Incremental,

    /// <summary>Named orders re-read by order detail (webhooks): like <see cref="Incremental"/>, a new order is stored only in 取得ステータス.</summary>
    OrderIds,
}
