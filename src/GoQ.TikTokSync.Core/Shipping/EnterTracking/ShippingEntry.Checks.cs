using System.Globalization;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.Time;
using GoQ.TikTokSync.TikTokShop.Models;

namespace GoQ.TikTokSync.Core.Shipping.EnterTracking;

// The entry rules: what may be entered for a package, checked the same way for every source of a number.
public sealed partial class ShippingEntry
{
    public static readonly string[] ShipDateFormats = ["yyyy-MM-dd", "yyyy/MM/dd", "yyyy/M/d", "yyyyMMdd"];

    /// <summary>Empty input means today (JST), the day an operator usually enters a number; otherwise one of the accepted formats.</summary>
    public static bool TryParseShipDate(string? input, TimeProvider time, out DateOnly? date)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            date = JapanTime.Today(time);
            return true;
        }

        var ok = DateOnly.TryParseExact(input.Trim(), ShipDateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed);
        date = ok ? parsed : null;
        return ok;
    }

    /// <summary>
    /// Validates without saving. Used by <see cref="SaveAsync"/> and by the CSV preview, so both refuse the same things.
    /// </summary>
    public PackageCheck Check(Order order, ShippingPackage? package, PackageInput input, bool requireTracking)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(input);
        var errors = new List<(string, string)>();

        if (input.Carrier is not { } carrier || !Enum.IsDefined(carrier))
        {
            return new PackageCheck([(CarrierField, "配送業者を選択してください。")], null, default, null, null, []);
        }

        if (LockedReason(package) is { } locked)
        {
            return new PackageCheck([(PackageField, locked)], null, carrier, null, null, []);
        }

        if (order.IsCancelledOnTikTok || order.TikTokStatus == TikTokOrderStatus.Cancelled)
        {
            errors.Add((PackageField, "TikTok側でキャンセルされた注文です。発送情報は入力できません。"));
        }

        string? tracking = null;
        string? warning = null;
        if (requireTracking || !string.IsNullOrWhiteSpace(input.TrackingNumber))
        {
            var result = TrackingNumberRules.Validate(carrier, input.TrackingNumber);
            if (result.Error is not null)
            {
                errors.Add((TrackingField, result.Error));
            }

            tracking = result.Normalized;
            warning = result.Warning;
        }

        DateOnly? shipDate = null;
        if (!TryParseShipDate(input.ShipDate, time, out var parsedDate))
        {
            errors.Add((ShipDateField, "出荷日の形式が正しくありません（例: 2026/11/28）。"));
        }
        else if (TrackingNumberRules.ValidateShipDate(parsedDate, order.OrderedAtUtc, time) is { } dateError)
        {
            errors.Add((ShipDateField, dateError));
        }
        else
        {
            shipDate = parsedDate;
        }

        if (tracking is not null && order.Packages.Any(p => p != package && string.Equals(p.TrackingNumber, tracking, StringComparison.Ordinal)))
        {
            errors.Add((TrackingField, "この伝票番号は同じ注文の別の荷物で入力済みです。"));
        }

        var otherLines = order.Packages.Where(p => p != package).SelectMany(p => p.LineItemIdList).ToHashSet(StringComparer.Ordinal);
        var orderLines = order.Lines.Select(l => l.TikTokLineItemId).ToList();
        var cancelledLines = order.Lines.Where(l => l.IsCancelled).Select(l => l.TikTokLineItemId).ToHashSet(StringComparer.Ordinal);
        IReadOnlyList<string> lines;
        if (package is { PushState: ShipmentPushState.Pushed } || package?.PushedTrackingNumber is not null)
        {
            // What TikTok has shipped cannot be re-packed from here.
            lines = package.LineItemIdList;
            if (input.LineItemIds is { Count: > 0 } asked && !asked.ToHashSet(StringComparer.Ordinal).SetEquals(lines))
            {
                errors.Add((LinesField, "送信済みの荷物の商品は変更できません。"));
            }

            CheckCorrection(order, package, carrier, tracking, errors);
        }
        else if (input.LineItemIds is { Count: > 0 } chosen)
        {
            lines = chosen.Distinct(StringComparer.Ordinal).ToList();
            if (lines.Any(l => !orderLines.Contains(l, StringComparer.Ordinal)))
            {
                errors.Add((LinesField, "この注文にない商品が選択されています。"));
            }
            else if (lines.Any(otherLines.Contains))
            {
                errors.Add((LinesField, "別の荷物に入っている商品が選択されています。"));
            }
            else if (lines.Any(cancelledLines.Contains))
            {
                errors.Add((LinesField, "TikTok側でキャンセルされた商品が選択されています。"));
            }
        }
        else
        {
            lines = package?.LineItemIdList is { Count: > 0 } kept ? kept : orderLines.Where(l => !otherLines.Contains(l) && !cancelledLines.Contains(l)).ToList();
            if (lines.Count == 0 && orderLines.Count > 0)
            {
                errors.Add((LinesField, "すべての商品が他の荷物に入っています。荷物を追加する場合は商品を選び直してください。"));
            }
        }

        return new PackageCheck(errors, warning, carrier, tracking, shipDate, lines);
    }

    /// <summary>
    /// Why a package cannot be changed or removed right now: while a push holds it, or while nobody knows whether TikTok
    /// has it (a change then could make our record disagree with what TikTok shipped). Null when it can.
    /// </summary>
    public static string? LockedReason(ShippingPackage? package) => package?.PushState switch
    {
        ShipmentPushState.Pushing => "TikTok Shop へ送信中のため変更できません。しばらくしてから再度お試しください。",
        ShipmentPushState.OutcomeUnknown => "TikTok Shop への送信結果を確認中のため変更・削除できません。次回の書き出しで TikTok Shop に照会して結果が確定してから操作してください。",
        _ => null,
    };

    /// <summary>JP rule (docs/tiktok-shop-api.md#correcting-tracking): after a push the number may be corrected once per order, and only on an unsplit order.</summary>
    private static void CheckCorrection(Order order, ShippingPackage package, Carrier carrier, string? tracking, List<(string, string)> errors)
    {
        var changes = !string.Equals(tracking, package.PushedTrackingNumber, StringComparison.Ordinal) || carrier != (package.PushedCarrier ?? package.Carrier);
        if (!changes || tracking is null)
        {
            return;
        }

        // A parcel of a split order is corrected on its own TikTok package (package shipping_info/update), once per package.
        var perPackage = order.Packages.Count > 1
                         || order.Lines.Select(l => l.PackageId).Where(id => !string.IsNullOrEmpty(id)).Distinct(StringComparer.Ordinal).Count() > 1;
        if (perPackage)
        {
            if (package.TrackingCorrections >= 1)
            {
                errors.Add((TrackingField, "伝票番号の訂正は1荷物につき1回までです（TikTok Shop の規定）。この荷物は既に訂正済みのため変更できません。"));
            }
        }
        else if (order.Packages.Sum(p => p.TrackingCorrections) >= 1)
        {
            errors.Add((TrackingField, "伝票番号の訂正は1注文につき1回までです（TikTok Shop の規定）。既に訂正済みのため変更できません。"));
        }
    }

    public static string Describe(ShippingPackage package)
    {
        ArgumentNullException.ThrowIfNull(package);
        return string.Create(CultureInfo.InvariantCulture, $"{package.Carrier.JapaneseName()} {package.TrackingNumber ?? "（伝票番号未入力）"} {package.ShipDate:yyyy/MM/dd}").Trim();
    }
}

/// <summary>A checked input: errors, or the normalized values ready to store.</summary>
public sealed record PackageCheck(
    IReadOnlyList<(string Field, string Message)> Errors,
    string? Warning,
    Carrier Carrier,
    string? TrackingNumber,
    DateOnly? ShipDate,
    IReadOnlyList<string> LineItemIds);
