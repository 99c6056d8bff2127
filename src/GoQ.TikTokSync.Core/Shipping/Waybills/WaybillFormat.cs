using System.Globalization;
using GoQ.TikTokSync.Core.Orders;

namespace GoQ.TikTokSync.Core.Shipping.Waybills;

public enum WaybillFormatKind
{
    YamatoB2,
    SagawaEHiden,
    JapanPostYuPrintR,
}

/// <summary>One column of a slip CSV: its header and how a shipment fills it.</summary>
public sealed record WaybillColumn(string Header, Func<WaybillShipment, string?> Value);

/// <summary>
/// The whole layout of one carrier's slip-software import. UNCONFIRMED: the carriers' CSV specifications were not at
/// hand, so headers, column order, 品名 limits and quoting are our best reading (docs/waybill-csv.md); each format is
/// defined in exactly one place below so that a correction from the real specification touches nothing else.
/// </summary>
public sealed record WaybillFormat(
    WaybillFormatKind Kind,
    string Label,
    string FileNamePrefix,
    bool QuoteEveryField,
    int ProductNameLimit,
    IReadOnlyList<WaybillColumn> Columns)
{
    private const string Honorific = "様";
    private const int B2ProductNameLimit = 25;
    private const int EHidenProductNameLimit = 30;
    private const int YuPrintProductNameLimit = 25;

    /// <summary>
    /// ヤマト B2クラウド 外部データ取込. One address field (都道府県+市区町村+町名+番地) and a separate building field; 〒 with
    /// hyphen; 送り状種類 0 (発払い). Every field quoted, as B2's own exports are.
    /// </summary>
    public static WaybillFormat YamatoB2 { get; } = new(
        WaybillFormatKind.YamatoB2,
        "ヤマト B2クラウド",
        "b2cloud",
        QuoteEveryField: true,
        ProductNameLimit: B2ProductNameLimit,
        [
            new("お客様管理番号", s => s.ManagementNumber),
            new("送り状種類", _ => "0"),
            new("出荷予定日", s => Date(s.ShipDate)),
            new("お届け先電話番号", s => s.PhoneDigits),
            new("お届け先郵便番号", s => PostalWithHyphen(s.PostalCode)),
            new("お届け先住所", s => Join(s.Prefecture, s.City, s.Town, s.AddressLine)),
            new("お届け先アパートマンション名", s => s.Building),
            new("お届け先名", s => s.RecipientName),
            new("お届け先敬称", _ => Honorific),
            new("品名１", s => Truncate(s.ProductName, B2ProductNameLimit)),
        ]);

    /// <summary>
    /// 佐川 e飛伝Ⅲ. 住所1 = 都道府県+市区町村, 住所2 = 町名+番地, 住所3 = building; 〒 as 7 digits; quoted only where needed.
    /// </summary>
    public static WaybillFormat SagawaEHiden { get; } = new(
        WaybillFormatKind.SagawaEHiden,
        "佐川 e飛伝Ⅲ",
        "ehiden3",
        QuoteEveryField: false,
        ProductNameLimit: EHidenProductNameLimit,
        [
            new("お客様管理ナンバー", s => s.ManagementNumber),
            new("出荷日", s => Date(s.ShipDate)),
            new("お届け先電話番号", s => s.PhoneDigits),
            new("お届け先郵便番号", s => PostalDigits(s.PostalCode)),
            new("お届け先住所１", s => Join(s.Prefecture, s.City)),
            new("お届け先住所２", s => Join(s.Town, s.AddressLine)),
            new("お届け先住所３", s => s.Building),
            new("お届け先名称１", s => s.RecipientName),
            new("品名１", s => Truncate(s.ProductName, EHidenProductNameLimit)),
        ]);

    /// <summary>
    /// 日本郵便 ゆうプリR. Our decision: 住所1 = 都道府県+市区町村+町名, 住所2 = 番地, 住所3 = building (a street number alone
    /// on line 2 keeps line 1 short on the label); 〒 with hyphen; 品名 25 characters; quoted only where needed.
    /// </summary>
    public static WaybillFormat JapanPostYuPrintR { get; } = new(
        WaybillFormatKind.JapanPostYuPrintR,
        "日本郵便 ゆうプリR",
        "yuprint",
        QuoteEveryField: false,
        ProductNameLimit: YuPrintProductNameLimit,
        [
            new("お客様側管理番号", s => s.ManagementNumber),
            new("発送予定日", s => Date(s.ShipDate)),
            new("お届け先郵便番号", s => PostalWithHyphen(s.PostalCode)),
            new("お届け先住所１", s => Join(s.Prefecture, s.City, s.Town)),
            new("お届け先住所２", s => s.AddressLine),
            new("お届け先住所３", s => s.Building),
            new("お届け先氏名", s => s.RecipientName),
            new("お届け先敬称", _ => Honorific),
            new("お届け先電話番号", s => s.PhoneDigits),
            new("品名", s => Truncate(s.ProductName, YuPrintProductNameLimit)),
        ]);

    public static IReadOnlyList<WaybillFormat> All { get; } = [YamatoB2, SagawaEHiden, JapanPostYuPrintR];

    public static WaybillFormat For(WaybillFormatKind kind) => All.First(f => f.Kind == kind);

    public static string Date(DateOnly date) => date.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture);

    public static string? PostalDigits(string? postalCode) => JapaneseAddress.NormalizePostalCode(postalCode);

    /// <summary>123-4567; anything that is not seven digits is passed through for the operator to see on the slip software.</summary>
    public static string? PostalWithHyphen(string? postalCode) =>
        PostalDigits(postalCode) is { Length: 7 } digits && digits.All(char.IsAsciiDigit) ? $"{digits[..3]}-{digits[3..]}" : PostalDigits(postalCode);

    public static string Join(params string?[] parts) => string.Concat(parts.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim()));

    /// <summary>Cuts to <paramref name="limit"/> characters as a person counts them, never between the halves of a surrogate pair.</summary>
    public static string? Truncate(string? text, int limit)
    {
        if (text is null)
        {
            return null;
        }

        var info = new StringInfo(text.Trim());
        return info.LengthInTextElements <= limit ? info.String : info.SubstringByTextElements(0, limit);
    }
}
