using System.Globalization;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.Shipping.OrderSummary;
using GoQ.TikTokSync.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Core.Shipping.EnterTracking;

/// <summary>What the operator typed for one package; text fields exactly as entered.</summary>
public sealed record PackageInput(Carrier? Carrier, string? TrackingNumber, string? ShipDate, IReadOnlyList<string>? LineItemIds = null);

/// <summary>The outcome of a save: field errors (nothing saved) or the saved package, with a warning worth showing.</summary>
public sealed record PackageSaveResult(IReadOnlyList<(string Field, string Message)> Errors, string? Warning, long? PackageId)
{
    public bool Saved => Errors.Count == 0;

    public static PackageSaveResult Fail(string field, string message) => new([(field, message)], null, null);
}

/// <summary>
/// Entering and correcting packages (伝票番号, 配送業者, 出荷日, lines): the order detail, the bulk entry of 受注一覧 and
/// the tracking CSV all go through here, so the rules are the same wherever a number comes from.
/// </summary>
public sealed class ShippingEntry(TikTokSyncDbContext db, TimeProvider time)
{
    public const string TrackingField = "TrackingNumber";
    public const string CarrierField = "Carrier";
    public const string ShipDateField = "ShipDate";
    public const string LinesField = "LineItemIds";
    public const string PackageField = "Package";

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

    /// <summary>Adds a package (packageId null) or changes one; <paramref name="expectedVersion"/> rejects a form older than the row.</summary>
    public async Task<PackageSaveResult> SaveAsync(long orderId, long? packageId, PackageInput input, Guid? expectedVersion, string? userName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var order = await db.Orders.Include(o => o.Lines).Include(o => o.Packages).AsSplitQuery().SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken);
        if (order is null)
        {
            return PackageSaveResult.Fail(PackageField, "受注が見つかりません。");
        }

        var package = packageId is { } id ? order.Packages.SingleOrDefault(p => p.Id == id) : null;
        if (packageId is not null && package is null)
        {
            return PackageSaveResult.Fail(PackageField, "荷物が見つかりません。削除された可能性があります。");
        }

        var check = Check(order, package, input, requireTracking: true);
        if (check.Errors.Count > 0)
        {
            return new PackageSaveResult(check.Errors, null, null);
        }

        if (package is not null && expectedVersion is { } version && version != package.Version)
        {
            return PackageSaveResult.Fail(PackageField, "他の操作で更新されました。画面を開き直してから入力してください。");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var before = package is null ? "未入力" : Describe(package);
        package = Apply(order, package, check, now);
        order.RecordHistory(OrderHistoryKind.Edited, $"発送情報: {before} → {Describe(package)}", now, userName);

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return PackageSaveResult.Fail(PackageField, "送信処理と同時に更新されたため保存できませんでした。画面を開き直してください。");
        }

        return new PackageSaveResult([], check.Warning, package.Id);
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

        if (order.IsCancelledOnTikTok || order.TikTokStatus == TikTokOrderStatusNames.Cancelled)
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
        }
        else
        {
            lines = package?.LineItemIdList is { Count: > 0 } kept ? kept : orderLines.Where(l => !otherLines.Contains(l)).ToList();
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

    /// <summary>JP rule (md §9.5): after a push the number may be corrected once per order, and only on an unsplit order.</summary>
    private static void CheckCorrection(Order order, ShippingPackage package, Carrier carrier, string? tracking, List<(string, string)> errors)
    {
        var changes = !string.Equals(tracking, package.PushedTrackingNumber, StringComparison.Ordinal) || carrier != (package.PushedCarrier ?? package.Carrier);
        if (!changes || tracking is null)
        {
            return;
        }

        if (order.Packages.Sum(p => p.TrackingCorrections) >= 1)
        {
            errors.Add((TrackingField, "伝票番号の訂正は1注文につき1回までです（TikTok Shop の規定）。既に訂正済みのため変更できません。"));
        }
        else if (order.Packages.Count > 1)
        {
            errors.Add((TrackingField, "分割発送した注文の伝票番号は、ここからは訂正できません。TikTok Shop セラーセンターで訂正してください。"));
        }
    }

    private static ShippingPackage Apply(Order order, ShippingPackage? package, PackageCheck check, DateTime now)
    {
        if (package is null)
        {
            package = new ShippingPackage { CreatedAtUtc = now };
            order.Packages.Add(package);
        }

        package.Carrier = check.Carrier;
        package.TrackingNumber = check.TrackingNumber ?? package.TrackingNumber;
        package.ShipDate = check.ShipDate;
        package.LineItemIds = string.Join(',', check.LineItemIds);
        if (package.PushState == ShipmentPushState.Failed || (package.PushState == ShipmentPushState.Pushed && package.NeedsTrackingCorrection))
        {
            // A fixed package goes back in line; the operator's save is the 再送信 request.
            package.PushState = ShipmentPushState.Pending;
            package.FailureReason = null;
        }

        package.Touch(now);
        ShippingSummary.Apply(order);
        order.Touch(now);
        return package;
    }

    /// <summary>
    /// Fills one package per order (the only open one, or a new one with every line) for many orders in one SaveChanges:
    /// every line is re-checked, and if any fails now nothing is saved. Returns how many were saved (0 when refused).
    /// </summary>
    public Task<int> SaveManyAsync(IReadOnlyList<(long OrderId, PackageInput Input)> items, string source, string userName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        return SaveManyAsync(items.Select(i => (i.OrderId, (long?)null, i.Input)).ToList(), source, userName, cancellationToken);
    }

    /// <summary>
    /// As above, but an item with a package id fills that package of a split order (a slip printed per package), which
    /// must still be open; several items may then name the same order.
    /// </summary>
    public async Task<int> SaveManyAsync(IReadOnlyList<(long OrderId, long? PackageId, PackageInput Input)> items, string source, string userName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        var ids = items.Select(i => i.OrderId).Distinct().ToList();
        var orders = await db.Orders.Include(o => o.Lines).Include(o => o.Packages).AsSplitQuery()
            .Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var (orderId, packageId, input) in items)
        {
            if (!orders.TryGetValue(orderId, out var order))
            {
                return 0;
            }

            var open = order.Packages.Where(p => p.PushState is ShipmentPushState.Pending or ShipmentPushState.Failed && p.PushedTrackingNumber is null).ToList();
            ShippingPackage? package;
            if (packageId is { } id)
            {
                package = open.FirstOrDefault(p => p.Id == id);
                if (package is null)
                {
                    return 0;
                }
            }
            else if (open.Count > 1 || order.Packages.Count > open.Count)
            {
                return 0;
            }
            else
            {
                package = open.SingleOrDefault();
            }

            var check = Check(order, package, input, requireTracking: true);
            if (check.Errors.Count > 0)
            {
                return 0;
            }

            var before = package is null ? "未入力" : Describe(package);
            package = Apply(order, package, check, now);
            order.RecordHistory(OrderHistoryKind.Edited, $"発送情報（{source}）: {before} → {Describe(package)}", now, userName);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return 0;
        }

        return items.Count;
    }

    /// <summary>Bulk entry from 受注一覧: carrier and 出荷日 for each selected order's open package (created when there is none).</summary>
    public async Task<(int Saved, IReadOnlyList<(string TikTokOrderId, string Message)> Refused)> SetShipDateAsync(
        IReadOnlyCollection<long> orderIds, Carrier carrier, string? shipDate, string userName, CancellationToken cancellationToken)
    {
        var orders = await db.Orders.Include(o => o.Lines).Include(o => o.Packages).AsSplitQuery()
            .Where(o => orderIds.Contains(o.Id)).ToListAsync(cancellationToken);
        var refused = new List<(string, string)>();
        var saved = 0;
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var order in orders)
        {
            var open = order.Packages.Where(p => p.PushState is ShipmentPushState.Pending or ShipmentPushState.Failed).ToList();
            if (open.Count > 1)
            {
                refused.Add((order.TikTokOrderId, "荷物が複数あります。受注詳細で入力してください。"));
                continue;
            }

            var package = open.SingleOrDefault();
            if (package is null && order.Packages.Count > 0)
            {
                refused.Add((order.TikTokOrderId, order.Packages.Select(LockedReason).FirstOrDefault(r => r is not null) ?? "送信済みです。"));
                continue;
            }

            var check = Check(order, package, new PackageInput(carrier, package?.TrackingNumber, shipDate), requireTracking: false);
            if (check.Errors.Count > 0)
            {
                refused.Add((order.TikTokOrderId, check.Errors[0].Message));
                continue;
            }

            var before = package is null ? "未入力" : Describe(package);
            package = Apply(order, package, check, now);
            order.RecordHistory(OrderHistoryKind.Edited, $"発送情報（一括）: {before} → {Describe(package)}", now, userName);
            saved++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return (saved, refused);
    }

    /// <summary>再送信: a failed package goes back to Pending as it is (the operator fixed something on TikTok's side).</summary>
    public async Task<bool> ResendAsync(long packageId, string userName, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var changed = await db.ShippingPackages
            .Where(p => p.Id == packageId && p.PushState == ShipmentPushState.Failed)
            .ExecuteUpdateAsync(set => set.SetProperty(p => p.PushState, ShipmentPushState.Pending)
                .SetProperty(p => p.FailureReason, (string?)null)
                .SetProperty(p => p.UpdatedAtUtc, now)
                .SetProperty(p => p.Version, Guid.NewGuid()), cancellationToken);
        if (changed == 0)
        {
            return false;
        }

        var order = await db.Orders.Include(o => o.Packages).SingleAsync(o => o.Packages.Any(p => p.Id == packageId), cancellationToken);
        ShippingSummary.Apply(order);
        order.RecordHistory(OrderHistoryKind.Edited, "発送情報の再送信を指示", now, userName);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Only a package TikTok has never seen can be removed. Returns why not, or null once it is removed.</summary>
    public async Task<string?> DeleteAsync(long packageId, string userName, CancellationToken cancellationToken)
    {
        var order = await db.Orders.Include(o => o.Packages).SingleOrDefaultAsync(o => o.Packages.Any(p => p.Id == packageId), cancellationToken);
        var package = order?.Packages.Single(p => p.Id == packageId);
        if (order is null || package is null)
        {
            return "荷物が見つかりません。削除された可能性があります。";
        }

        if (LockedReason(package) is { } locked)
        {
            return locked;
        }

        if (package.PushedTrackingNumber is not null)
        {
            return "TikTok Shop へ送信済みの荷物は削除できません。";
        }

        var now = time.GetUtcNow().UtcDateTime;
        order.Packages.Remove(package);
        db.ShippingPackages.Remove(package);
        ShippingSummary.Apply(order);
        order.RecordHistory(OrderHistoryKind.Edited, "荷物を削除: " + Describe(package), now, userName);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A push claimed the package between our read and the delete.
            return "送信処理と同時に更新されたため削除できませんでした。画面を開き直してください。";
        }

        return null;
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
