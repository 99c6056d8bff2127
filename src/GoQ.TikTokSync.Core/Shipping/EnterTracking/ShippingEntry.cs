using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Orders;
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
public sealed partial class ShippingEntry(TikTokSyncDbContext db, TimeProvider time)
{
    public const string TrackingField = "TrackingNumber";
    public const string CarrierField = "Carrier";
    public const string ShipDateField = "ShipDate";
    public const string LinesField = "LineItemIds";
    public const string PackageField = "Package";

    /// <summary>Adds a package (packageId null) or changes one; <paramref name="expectedVersion"/> rejects a form older than the row.</summary>
    public async Task<PackageSaveResult> SaveAsync(long orderId, long? packageId, PackageInput input, Guid? expectedVersion, string? userName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var order = await OrdersWithPackages().SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken);
        if (order is null)
        {
            return PackageSaveResult.Fail(PackageField, "受注が見つかりません。");
        }

        var package = packageId is { } id ? order.Packages.SingleOrDefault(p => p.Id == id) : null;
        if (packageId is not null && package is null)
        {
            return PackageSaveResult.Fail(PackageField, "荷物が見つかりません。削除された可能性があります。");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var (result, saved) = Enter(order, package, input, requireTracking: true, expectedVersion, "発送情報", userName, now);
        if (saved is null)
        {
            return result;
        }

        if (!await TrySaveAsync(cancellationToken))
        {
            return PackageSaveResult.Fail(PackageField, "送信処理と同時に更新されたため保存できませんでした。画面を開き直してください。");
        }

        return result with { PackageId = saved.Id };
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
        var orders = await OrdersWithPackages().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var (orderId, packageId, input) in items)
        {
            if (!orders.TryGetValue(orderId, out var order) || !TryFindOpenPackage(order, packageId, out var package)
                || Enter(order, package, input, requireTracking: true, expectedVersion: null, $"発送情報（{source}）", userName, now).Package is null)
            {
                return 0;
            }
        }

        return await TrySaveAsync(cancellationToken) ? items.Count : 0;
    }

    /// <summary>Bulk entry from 受注一覧: carrier and 出荷日 for each selected order's open package (created when there is none).</summary>
    public async Task<(int Saved, IReadOnlyList<(string TikTokOrderId, string Message)> Refused)> SetShipDateAsync(
        IReadOnlyCollection<long> orderIds, Carrier carrier, string? shipDate, string userName, CancellationToken cancellationToken)
    {
        var orders = await OrdersWithPackages().Where(o => orderIds.Contains(o.Id)).ToListAsync(cancellationToken);
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

            var (result, entered) = Enter(order, package, new PackageInput(carrier, package?.TrackingNumber, shipDate), requireTracking: false, expectedVersion: null, "発送情報（一括）", userName, now);
            if (entered is null)
            {
                refused.Add((order.TikTokOrderId, result.Errors[0].Message));
                continue;
            }

            saved++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return (saved, refused);
    }

    /// <summary>
    /// The one path every entry takes: check the input, refuse a form older than the package, then write the package, the
    /// order's shipping summary and a 履歴 line <c>{historyLabel}: before → after</c>. Package is null when refused.
    /// </summary>
    private (PackageSaveResult Result, ShippingPackage? Package) Enter(
        Order order, ShippingPackage? package, PackageInput input, bool requireTracking, Guid? expectedVersion, string historyLabel, string? userName, DateTime now)
    {
        var check = Check(order, package, input, requireTracking);
        if (check.Errors.Count > 0)
        {
            return (new PackageSaveResult(check.Errors, null, null), null);
        }

        if (package is not null && expectedVersion is { } version && version != package.Version)
        {
            return (PackageSaveResult.Fail(PackageField, "他の操作で更新されました。画面を開き直してから入力してください。"), null);
        }

        var before = package is null ? "未入力" : Describe(package);
        if (package is null)
        {
            package = new ShippingPackage { CreatedAtUtc = now };
            order.Packages.Add(package);
        }

        package.ApplyEntry(check.Carrier, check.TrackingNumber, check.ShipDate, check.LineItemIds, now);
        order.SummarisePackages();
        order.Touch(now);
        order.RecordHistory(OrderHistoryKind.Edited, $"{historyLabel}: {before} → {Describe(package)}", now, userName);
        return (new PackageSaveResult([], check.Warning, null), package);
    }

    /// <summary>
    /// The package a bulk item fills: the named one, which must be open, or (none named) the order's only package or a new
    /// one. False when there is no such package.
    /// </summary>
    private static bool TryFindOpenPackage(Order order, long? packageId, out ShippingPackage? package)
    {
        var open = order.Packages.Where(p => p.PushState is ShipmentPushState.Pending or ShipmentPushState.Failed && p.PushedTrackingNumber is null).ToList();
        if (packageId is { } id)
        {
            package = open.FirstOrDefault(p => p.Id == id);
            return package is not null;
        }

        if (open.Count > 1 || order.Packages.Count > open.Count)
        {
            package = null;
            return false;
        }

        package = open.SingleOrDefault();
        return true;
    }

    private IQueryable<Order> OrdersWithPackages() => db.Orders.Include(o => o.Lines).Include(o => o.Packages).AsSplitQuery();

    /// <summary>False when a push (or another edit) changed a row this save read.</summary>
    private async Task<bool> TrySaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }
}
