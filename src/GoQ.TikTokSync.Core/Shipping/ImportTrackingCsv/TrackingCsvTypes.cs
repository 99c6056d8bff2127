using GoQ.TikTokSync.Core.Orders;

namespace GoQ.TikTokSync.Core.Shipping.ImportTrackingCsv;

public enum TrackingCsvFormat
{
    /// <summary>Recognised from the header row.</summary>
    Auto,

    /// <summary>ヤマト B2クラウド 発行済データ: the order id is in お客様管理番号.</summary>
    YamatoB2,

    /// <summary>佐川 e飛伝Ⅲ 出荷履歴.</summary>
    SagawaEHiden,

    /// <summary>注文ID,配送業者,伝票番号,出荷日</summary>
    Generic,
}

public enum TrackingCsvEncoding
{
    Auto,
    Utf8,
    ShiftJis,
}

/// <summary>One line of the preview: what it would set, or why it cannot.</summary>
/// <remarks><see cref="PackageId"/> is set when the line named one package of a split order (お客様管理番号 with 「-n」).</remarks>
public sealed record TrackingCsvLine(int LineNumber, string RawLine, string? TikTokOrderId, Carrier? Carrier, string? TrackingNumber, string? ShipDate, long? OrderId, string? Error, string? Warning, long? PackageId = null)
{
    public bool IsValid => Error is null;
}

public sealed record TrackingCsvPreview(TrackingCsvFormat Format, TrackingCsvEncoding Encoding, IReadOnlyList<TrackingCsvLine> Lines, string? FileError)
{
    public int ValidCount => Lines.Count(l => l.IsValid);

    public int ErrorCount => Lines.Count(l => !l.IsValid);
}
