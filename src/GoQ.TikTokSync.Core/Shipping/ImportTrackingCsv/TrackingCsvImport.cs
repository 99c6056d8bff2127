using System.Globalization;
using System.Text;
using CsvHelper;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Malls.MapCarriers;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.Shipping.EnterTracking;
using GoQ.TikTokSync.Core.Shipping.Waybills;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Core.Shipping.ImportTrackingCsv;

/// <summary>
/// データ取込 › 伝票番号取込: reads a carrier's shipment-history CSV (or the generic layout), matches each line to an order
/// by TikTok order id, and checks it with the same rules as the order page. Nothing is written until <see cref="ApplyAsync"/>
/// (確定), which applies the valid lines in one SaveChanges, that is one transaction.
/// </summary>
public sealed class TrackingCsvImport(TikTokSyncDbContext db, ShippingEntry entry)
{
    /// <summary>
    /// UNCONFIRMED (see docs/japanese-operations.md#carrier-csv-files): the exact column names of B2クラウド and e飛伝Ⅲ exports were not found;
    /// B2's お客様管理番号 carrying the order id is confirmed. Each column is looked up by any of these header names.
    /// </summary>
    public static class Headers
    {
        public static readonly string[] OrderId = ["注文ID", "注文番号", "受注番号", "お客様管理番号", "お客様管理ナンバー", "order_id"];
        public static readonly string[] Tracking = ["伝票番号", "送り状番号", "問合せ番号", "お問合せ送り状No.", "お問い合せ送り状No.", "問い合わせ番号", "tracking_number"];
        public static readonly string[] ShipDate = ["出荷日", "出荷予定日", "集荷日", "発送日", "ship_date"];
        public static readonly string[] Carrier = ["配送業者", "運送会社", "carrier"];
        public static readonly string[] B2Only = ["お客様管理番号", "出荷予定日"];
        public static readonly string[] EHidenOnly = ["お問合せ送り状No.", "お問い合せ送り状No.", "お客様管理ナンバー"];
    }

    public const int MaxLines = 10_000;

    static TrackingCsvImport() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding ShiftJis => Encoding.GetEncoding(932);

    /// <summary>UTF-8 when the bytes are valid UTF-8 (with or without BOM), Shift_JIS otherwise.</summary>
    public static TrackingCsvEncoding DetectEncoding(ReadOnlySpan<byte> bytes)
    {
        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetCharCount(bytes);
            return TrackingCsvEncoding.Utf8;
        }
        catch (DecoderFallbackException)
        {
            return TrackingCsvEncoding.ShiftJis;
        }
    }

    public async Task<TrackingCsvPreview> PreviewAsync(byte[] file, TrackingCsvFormat format, TrackingCsvEncoding encoding, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var chosenEncoding = encoding == TrackingCsvEncoding.Auto ? DetectEncoding(file) : encoding;
        var text = (chosenEncoding == TrackingCsvEncoding.Utf8 ? new UTF8Encoding(false) : ShiftJis).GetString(file).TrimStart('\uFEFF');
        var rows = ReadRows(text);
        if (rows.Count == 0)
        {
            return new TrackingCsvPreview(format, chosenEncoding, [], "ファイルが空です。");
        }

        var header = rows[0].Fields.Select(h => h.Trim()).ToList();
        var detected = format == TrackingCsvFormat.Auto ? Detect(header) : format;
        var orderColumn = Column(header, Headers.OrderId);
        var trackingColumn = Column(header, Headers.Tracking);
        var dateColumn = Column(header, Headers.ShipDate);
        var carrierColumn = Column(header, Headers.Carrier);
        if (orderColumn < 0 || trackingColumn < 0 || (detected == TrackingCsvFormat.Generic && carrierColumn < 0))
        {
            return new TrackingCsvPreview(detected, chosenEncoding, [], "見出し行に注文ID（お客様管理番号）・伝票番号" + (detected == TrackingCsvFormat.Generic ? "・配送業者" : string.Empty) + "の列が見つかりません。");
        }

        if (rows.Count - 1 > MaxLines)
        {
            return new TrackingCsvPreview(detected, chosenEncoding, [], $"一度に取り込めるのは{MaxLines}行までです。");
        }

        var data = rows.Skip(1).Where(r => r.Fields.Any(f => !string.IsNullOrWhiteSpace(f))).ToList();
        // A slip exported for one package of a split order carries 「-n」 after the order id (WaybillCsv.ManagementNumber).
        var ids = data.Select(r => Field(r.Fields, orderColumn)).Where(id => id.Length > 0)
            .SelectMany(id => new[] { id, WaybillCsv.ParseManagementNumber(id).TikTokOrderId })
            .Distinct(StringComparer.Ordinal).ToList();
        var orders = await db.Orders.Include(o => o.Lines).Include(o => o.Packages).AsSplitQuery()
            .Where(o => ids.Contains(o.TikTokOrderId)).ToListAsync(cancellationToken);
        var byId = orders.GroupBy(o => o.TikTokOrderId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

        var seenOrders = new HashSet<string>(StringComparer.Ordinal);
        var seenTracking = new HashSet<string>(StringComparer.Ordinal);
        var lines = new List<TrackingCsvLine>();
        foreach (var row in data)
        {
            var orderId = Field(row.Fields, orderColumn);
            var trackingInput = Field(row.Fields, trackingColumn);
            var shipDate = dateColumn < 0 ? null : NullIfEmpty(Field(row.Fields, dateColumn));
            var carrier = detected switch
            {
                TrackingCsvFormat.YamatoB2 => Carrier.Yamato,
                TrackingCsvFormat.SagawaEHiden => Carrier.Sagawa,
                _ => ParseCarrier(Field(row.Fields, carrierColumn)),
            };
            TrackingCsvLine Line(string? error, string? tracking = null, long? id = null, string? warning = null, long? packageId = null) =>
                new(row.LineNumber, row.Raw, NullIfEmpty(orderId), carrier, tracking ?? NullIfEmpty(trackingInput), shipDate, id, error, warning, packageId);

            if (orderId.Length == 0)
            {
                lines.Add(Line("注文IDがありません。"));
                continue;
            }

            int? packageNumber = null;
            if (!byId.TryGetValue(orderId, out var matches)
                && WaybillCsv.ParseManagementNumber(orderId) is { PackageNumber: { } suffix } parsed
                && byId.TryGetValue(parsed.TikTokOrderId, out matches))
            {
                packageNumber = suffix;
            }

            if (matches is null)
            {
                lines.Add(Line("受注が見つかりません（TikTok Shop の注文IDをご確認ください）。"));
                continue;
            }

            if (matches.Count > 1)
            {
                lines.Add(Line("同じ注文IDの受注が複数の店舗にあります。受注詳細で入力してください。"));
                continue;
            }

            if (carrier is null)
            {
                lines.Add(Line("配送業者が正しくありません（ヤマト運輸・佐川急便・日本郵便・西濃運輸・西濃スーパーエクスプレス）。"));
                continue;
            }

            var order = matches[0];
            var (package, packageError) = packageNumber is { } n ? NumberedPackage(order, n) : TargetPackage(order);
            var check = entry.Check(order, package, new PackageInput(carrier, trackingInput, shipDate), requireTracking: true);
            var error = packageError ?? (check.Errors.Count > 0 ? check.Errors[0].Message : null);
            if (error is null && check.TrackingNumber is { } number && !seenTracking.Add(number))
            {
                error = "この伝票番号はファイル内で重複しています。";
            }

            if (error is null && !seenOrders.Add(orderId))
            {
                error = "同じ注文IDの行が重複しています（分割発送は受注詳細で入力してください）。";
            }

            lines.Add(Line(error, check.TrackingNumber, order.Id, check.Warning, packageNumber is null ? null : package?.Id));
        }

        return new TrackingCsvPreview(detected, chosenEncoding, lines, null);
    }

    /// <summary>確定: re-reads the file, and applies every line that is still valid in one transaction, or none.</summary>
    public async Task<(TrackingCsvPreview Preview, int Applied)> ApplyAsync(byte[] file, TrackingCsvFormat format, TrackingCsvEncoding encoding, string userName, CancellationToken cancellationToken)
    {
        var preview = await PreviewAsync(file, format, encoding, cancellationToken);
        var valid = preview.Lines.Where(l => l.IsValid).ToList();
        if (preview.FileError is not null || valid.Count == 0)
        {
            return (preview, 0);
        }

        var result = await entry.SaveManyAsync(
            valid.Select(l => (l.OrderId!.Value, l.PackageId, new PackageInput(l.Carrier, l.TrackingNumber, l.ShipDate))).ToList(),
            "伝票番号取込",
            userName,
            cancellationToken);
        return (preview, result);
    }

    /// <summary>The one package a CSV line fills: the order's only open package, or a new one with every line.</summary>
    private static (ShippingPackage? Package, string? Error) TargetPackage(Order order)
    {
        var open = order.Packages.Where(p => p.PushState is ShipmentPushState.Pending or ShipmentPushState.Failed && p.PushedTrackingNumber is null).ToList();
        if (order.Packages.Any(p => p.PushState == ShipmentPushState.OutcomeUnknown))
        {
            return (null, "TikTok Shop への送信結果を確認中です。照会で結果が確定してから受注詳細で入力してください。");
        }

        if (order.Packages.Any(p => p.PushedTrackingNumber is not null || p.PushState == ShipmentPushState.Pushing))
        {
            return (null, "TikTok Shop へ送信済み（または送信中）です。訂正は受注詳細で行ってください。");
        }

        return open.Count > 1 ? (null, "荷物が複数あります。受注詳細で入力してください。") : (open.SingleOrDefault(), null);
    }

    /// <summary>The package a 「-n」 slip was printed for: the n-th of the order's packages, oldest first, as exported.</summary>
    private static (ShippingPackage? Package, string? Error) NumberedPackage(Order order, int number)
    {
        var packages = order.Packages.OrderBy(p => p.Id).ToList();
        if (number > packages.Count)
        {
            return (null, $"この注文に {number.ToString(CultureInfo.InvariantCulture)} 個目の荷物がありません（荷物が削除された可能性があります）。受注詳細で入力してください。");
        }

        var package = packages[number - 1];
        if (package.PushState == ShipmentPushState.OutcomeUnknown)
        {
            return (null, "TikTok Shop への送信結果を確認中です。照会で結果が確定してから受注詳細で入力してください。");
        }

        return package.PushedTrackingNumber is not null || package.PushState == ShipmentPushState.Pushing
            ? (null, "この荷物は TikTok Shop へ送信済み（または送信中）です。訂正は受注詳細で行ってください。")
            : (package, null);
    }

    public static TrackingCsvFormat Detect(IReadOnlyList<string> header)
    {
        ArgumentNullException.ThrowIfNull(header);
        if (Column(header, Headers.Carrier) >= 0)
        {
            return TrackingCsvFormat.Generic;
        }

        if (Column(header, Headers.EHidenOnly) >= 0)
        {
            return TrackingCsvFormat.SagawaEHiden;
        }

        return Column(header, Headers.B2Only) >= 0 ? TrackingCsvFormat.YamatoB2 : TrackingCsvFormat.Generic;
    }

    public static Carrier? ParseCarrier(string? text)
    {
        var value = text?.Trim().Normalize(NormalizationForm.FormKC);
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        foreach (var carrier in Carriers.All)
        {
            if (string.Equals(carrier.JapaneseName(), value, StringComparison.Ordinal) || string.Equals(carrier.ToString(), value, StringComparison.OrdinalIgnoreCase))
            {
                return carrier;
            }
        }

        return CarrierProviderNames.Recognise(value);
    }

    private static int Column(IReadOnlyList<string> header, string[] names)
    {
        for (var i = 0; i < header.Count; i++)
        {
            if (names.Any(n => string.Equals(n, header[i], StringComparison.OrdinalIgnoreCase)))
            {
                return i;
            }
        }

        return -1;
    }

    private static string Field(IReadOnlyList<string> fields, int index) => index >= 0 && index < fields.Count ? fields[index].Trim() : string.Empty;

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private sealed record Row(int LineNumber, string Raw, IReadOnlyList<string> Fields);

    private static List<Row> ReadRows(string text)
    {
        // No header handling by CsvHelper: the header decides the format here, and carriers' exports vary in their columns.
        var options = new CsvReaderOptions { HasHeader = false, TrackLineNumbers = true };
        using var csv = CsvReader.FromText(text, options);
        var rows = new List<Row>();
        while (csv.Read())
        {
            var fields = new string[csv.FieldCount];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = csv.GetString(i);
            }

            rows.Add(new Row((int)csv.LineNumber, Encoding.UTF8.GetString(csv.RawRecord), fields));
        }

        return rows;
    }
}
