using System.Globalization;
using System.Text;
using GoQ.TikTokSync.Core.Import;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.Shipping.ImportTrackingCsv;
using GoQ.TikTokSync.TikTokShop.Models;

namespace GoQ.TikTokSync.Core.Shipping.Waybills;

/// <summary>One parcel to print a slip for, with the recipient as the order stores it (not yet shaped for a format).</summary>
public sealed record WaybillShipment(
    long OrderId,
    string TikTokOrderId,
    long? PackageId,
    string ManagementNumber,
    DateOnly ShipDate,
    string? PostalCode,
    string? Prefecture,
    string? City,
    string? Town,
    string? AddressLine,
    string? Building,
    string? RecipientName,
    string? PhoneDigits,
    string? ProductName);

/// <summary>An order the operator chose that gets no slip, and why (shown to the operator, never dropped silently).</summary>
public sealed record WaybillExclusion(long OrderId, string TikTokOrderId, string Reason);

public sealed record WaybillPlan(IReadOnlyList<WaybillShipment> Shipments, IReadOnlyList<WaybillExclusion> Excluded);

/// <summary>The file, and every character that Shift_JIS could not carry and was replaced on the slip.</summary>
public sealed record WaybillFile(string FileName, byte[] Content, IReadOnlyList<string> Replacements);

/// <summary>
/// 送り状CSV: turns orders into one row per parcel for the carriers' slip software (B2クラウド, e飛伝Ⅲ, ゆうプリR), whose
/// 発行済データ comes back through <see cref="TrackingCsvImport"/> matched on the same お客様管理番号.
/// </summary>
public static class WaybillCsv
{
    /// <summary>Visible on the printed slip and in Shift_JIS (0x81AC), so a replaced character is noticed, not lost.</summary>
    public const char ReplacementCharacter = '〓';

    static WaybillCsv() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static Encoding StrictShiftJis { get; } = Encoding.GetEncoding(932, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);

    /// <summary>
    /// お客様管理番号: the TikTok order id, with 「-n」 (n = the package's place among the order's packages, oldest first)
    /// when the order has several packages, so that each slip's tracking number comes back to its own package.
    /// </summary>
    public static string ManagementNumber(string tikTokOrderId, int packageNumber, int packageCount) =>
        packageCount > 1 ? tikTokOrderId + "-" + packageNumber.ToString(CultureInfo.InvariantCulture) : tikTokOrderId;

    /// <summary>Reads a management number back: the order id and, for a split order, the package's place (1-based).</summary>
    public static (string TikTokOrderId, int? PackageNumber) ParseManagementNumber(string managementNumber)
    {
        ArgumentNullException.ThrowIfNull(managementNumber);
        var dash = managementNumber.LastIndexOf('-');
        if (dash > 0 && dash < managementNumber.Length - 1
            && managementNumber.AsSpan(dash + 1).ContainsAnyExceptInRange('0', '9') is false
            && int.TryParse(managementNumber.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0)
        {
            return (managementNumber[..dash], number);
        }

        return (managementNumber, null);
    }

    /// <summary>Why an order gets no slip at all; null when it has parcels to ship.</summary>
    public static string? ExclusionReason(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.IsCancelledOnTikTok || order.TikTokStatus == TikTokOrderStatus.Cancelled || order.GoqStatus == GoqOrderStatus.Cancelled)
        {
            return "キャンセルされた注文です";
        }

        if (order.IsShippedByTikTok)
        {
            return Order.ShippedByTikTokReason;
        }

        if (order.TikTokStatus == TikTokOrderStatus.InTransit || order.TikTokStatus == TikTokOrderStatus.Delivered || order.TikTokStatus == TikTokOrderStatus.Completed)
        {
            return "TikTok Shop で発送済みです";
        }

        if (!TikTokOrderMapper.IsShippable(order.TikTokStatus))
        {
            return $"TikTok Shop で発送できない状態です（{TikTokStatusLabels.Label(order.TikTokStatus)}）";
        }

        if (order.GoqStatus == GoqOrderStatus.Processed)
        {
            return "処理済の受注です";
        }

        if (order.Packages.Count > 0 && !order.Packages.Any(IsOpen))
        {
            return "すべての荷物の発送情報を送信済み（または送信中・結果確認中）です";
        }

        return null;
    }

    /// <summary>Parcels still to hand to the carrier; once TikTok has (or may have) a package, its slip is done.</summary>
    public static bool IsOpen(ShippingPackage package)
    {
        ArgumentNullException.ThrowIfNull(package);
        return package.PushState is ShipmentPushState.Pending or ShipmentPushState.Failed && package.PushedTrackingNumber is null;
    }

    /// <summary>
    /// One shipment per open package, or one for an order with no package yet; orders in the given order. The order's
    /// packages and lines must be loaded.
    /// </summary>
    public static WaybillPlan Plan(IEnumerable<Order> orders, DateOnly shipDate)
    {
        ArgumentNullException.ThrowIfNull(orders);
        var shipments = new List<WaybillShipment>();
        var excluded = new List<WaybillExclusion>();
        foreach (var order in orders)
        {
            if (ExclusionReason(order) is { } reason)
            {
                excluded.Add(new WaybillExclusion(order.Id, order.TikTokOrderId, reason));
                continue;
            }

            var packages = order.Packages.OrderBy(p => p.Id).ToList();
            if (packages.Count == 0)
            {
                shipments.Add(Shipment(order, null, ManagementNumber(order.TikTokOrderId, 1, 1), shipDate));
                continue;
            }

            for (var i = 0; i < packages.Count; i++)
            {
                if (IsOpen(packages[i]))
                {
                    shipments.Add(Shipment(order, packages[i], ManagementNumber(order.TikTokOrderId, i + 1, packages.Count), shipDate));
                }
            }
        }

        return new WaybillPlan(shipments, excluded);
    }

    private static WaybillShipment Shipment(Order order, ShippingPackage? package, string managementNumber, DateOnly shipDate)
    {
        var lines = order.Lines.OrderBy(l => l.Id).ToList();
        var inPackage = package?.LineItemIdList ?? [];
        var first = lines.FirstOrDefault(l => inPackage.Contains(l.TikTokLineItemId, StringComparer.Ordinal)) ?? lines.FirstOrDefault();
        return new WaybillShipment(
            order.Id,
            order.TikTokOrderId,
            package?.Id,
            managementNumber,
            shipDate,
            order.PostalCode,
            order.Prefecture,
            order.City,
            order.Town,
            order.AddressLine,
            order.Building,
            order.RecipientName,
            order.PhoneDigits ?? JapaneseAddress.DomesticDigits(order.PhoneNumber),
            first?.ProductName);
    }

    /// <summary>
    /// The CSV in Shift_JIS with CRLF after every row (the header too). Characters Shift_JIS cannot carry become
    /// <see cref="ReplacementCharacter"/> and are listed, per slip and column, in Japanese.
    /// </summary>
    public static WaybillFile Write(WaybillFormat format, IReadOnlyList<WaybillShipment> shipments, DateTimeOffset nowJst)
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(shipments);
        var text = new StringBuilder();
        var replacements = new List<string>();
        AppendRow(text, format, format.Columns.Select(c => c.Header));
        foreach (var shipment in shipments)
        {
            var values = format.Columns.Select(column =>
            {
                var (value, replaced) = Representable(OneLine(column.Value(shipment)));
                if (replaced.Count > 0)
                {
                    replacements.Add($"{shipment.ManagementNumber} の{column.Header}: {string.Join("・", replaced.Select(c => $"「{c}」"))}を「{ReplacementCharacter}」に置き換えました");
                }

                return value;
            }).ToList();
            AppendRow(text, format, values);
        }

        var fileName = string.Create(CultureInfo.InvariantCulture, $"{format.FileNamePrefix}_{nowJst:yyyyMMdd_HHmmss}.csv");
        return new WaybillFile(fileName, StrictShiftJis.GetBytes(text.ToString()), replacements);
    }

    /// <summary>The text with each character Shift_JIS lacks replaced, and those characters (a surrogate pair is one).</summary>
    public static (string Text, IReadOnlyList<string> Replaced) Representable(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new StringBuilder(text.Length);
        var replaced = new List<string>();
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            if (CanEncode(element))
            {
                result.Append(element);
            }
            else
            {
                result.Append(ReplacementCharacter);
                replaced.Add(element);
            }
        }

        return (result.ToString(), replaced);
    }

    private static bool CanEncode(string element)
    {
        try
        {
            _ = StrictShiftJis.GetByteCount(element);
            return true;
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>A line break inside an address would split the slip in tools that do not honour quotes.</summary>
    private static string OneLine(string? value) =>
        (value ?? string.Empty).Replace("\r\n", " ", StringComparison.Ordinal).Replace('\r', ' ').Replace('\n', ' ').Trim();

    private static void AppendRow(StringBuilder text, WaybillFormat format, IEnumerable<string> values)
    {
        text.AppendJoin(',', values.Select(v => Quote(format, v)));
        text.Append("\r\n");
    }

    private static string Quote(WaybillFormat format, string value) =>
        format.QuoteEveryField || value.AsSpan().IndexOfAny(",\"\r\n") >= 0
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
}
