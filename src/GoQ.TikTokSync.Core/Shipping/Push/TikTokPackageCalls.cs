using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.TikTokShop.Models;

namespace GoQ.TikTokSync.Core.Shipping.Push;

/// <summary>
/// How one of the operator's parcels maps onto TikTok's own packages. TikTok may have cut an order into packages before
/// it is shipped (split_or_combine_tag SPLIT; each line's package_id says which, see docs/tiktok-shop-api.md, Order
/// object). A ship call without order_line_item_ids is then refused with 21011048, so a parcel is shipped with one Mark
/// Package As Shipped per TikTok package it covers, each naming its lines (docs/tiktok-shop-api.md, Fulfillment).
/// </summary>
public static class TikTokPackageCalls
{
    /// <summary>
    /// TikTok's answers meaning "say which order lines": 21011048 several packages can be shipped, 21011036 one SKU split
    /// over packages, 21011046 (a sibling listed with them; its exact text is UNCONFIRMED).
    /// </summary>
    public static readonly IReadOnlySet<int> SpecifyLinesCodes = new HashSet<int> { 21011048, 21011036, 21011046 };

    /// <summary>
    /// The order_line_item_ids of each ship call for <paramref name="parcelLines"/> (empty: the whole order). One null entry
    /// means one call without line ids (TikTok ships every remaining item), as for an order TikTok has not cut up. A line
    /// cancelled on its own is not a remaining item, so it never counts towards "the whole order" nor is it named.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>?> ForParcel(IReadOnlyCollection<OrderLine> orderLines, IReadOnlyList<string> parcelLines)
    {
        ArgumentNullException.ThrowIfNull(orderLines);
        ArgumentNullException.ThrowIfNull(parcelLines);
        var allIds = orderLines.Where(l => !l.IsCancelled).Select(l => l.TikTokLineItemId).ToList();
        var wholeOrder = parcelLines.Count == 0 || allIds.ToHashSet(StringComparer.Ordinal).SetEquals(parcelLines);
        var lines = wholeOrder ? allIds : parcelLines.ToList();
        var packageOf = orderLines.ToDictionary(l => l.TikTokLineItemId, l => l.PackageId, StringComparer.Ordinal);
        var groups = lines.GroupBy(id => packageOf.GetValueOrDefault(id) ?? "", StringComparer.Ordinal).ToList();
        if (groups.Count <= 1)
        {
            return wholeOrder ? [null] : [lines];
        }

        return groups.Select(g => (IReadOnlyList<string>?)g.ToList()).ToList();
    }

    /// <summary>TikTok's package ids of the parcel's lines (known once imported), in line order.</summary>
    public static IReadOnlyList<string> PackageIdsOf(IReadOnlyCollection<OrderLine> orderLines, IReadOnlyList<string> parcelLines)
    {
        ArgumentNullException.ThrowIfNull(orderLines);
        ArgumentNullException.ThrowIfNull(parcelLines);
        var ours = parcelLines.Count == 0 ? null : parcelLines.ToHashSet(StringComparer.Ordinal);
        return orderLines.Where(l => ours is null || ours.Contains(l.TikTokLineItemId))
            .Select(l => l.PackageId).OfType<string>().Where(id => id.Length > 0).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// What TikTok already shows for a parcel's <paramref name="parcelLines"/> when read back: the lines shipped with this
    /// parcel's tracking number and provider (their TikTok packages are done and never called again, see
    /// docs/tiktok-shop-api.md, Idempotency), and the lines shipped otherwise (another tracking number or provider).
    /// A line cancelled on its own is never shipped and counts as neither.
    /// </summary>
    public static ParcelProgress ProgressOf(IEnumerable<TikTokOrderLineItem> remoteLines, IReadOnlyCollection<string> parcelLines, string trackingNumber, string? shippingProviderId)
    {
        ArgumentNullException.ThrowIfNull(remoteLines);
        ArgumentNullException.ThrowIfNull(parcelLines);
        var ours = parcelLines.ToHashSet(StringComparer.Ordinal);
        var shipped = new HashSet<string>(StringComparer.Ordinal);
        var otherwise = new HashSet<string>(StringComparer.Ordinal);
        var donePackages = new List<string>();
        foreach (var line in remoteLines.Where(l => ours.Contains(l.Id) && l.DisplayStatus != TikTokOrderStatus.Cancelled && !string.IsNullOrEmpty(l.TrackingNumber)))
        {
            // An order line that does not name its provider is judged by the tracking number alone.
            var sameProvider = string.IsNullOrEmpty(line.ShippingProviderId) || string.IsNullOrEmpty(shippingProviderId)
                               || string.Equals(line.ShippingProviderId, shippingProviderId, StringComparison.Ordinal);
            if (sameProvider && string.Equals(line.TrackingNumber, trackingNumber, StringComparison.Ordinal))
            {
                shipped.Add(line.Id);
                if (!string.IsNullOrEmpty(line.PackageId) && !donePackages.Contains(line.PackageId, StringComparer.Ordinal))
                {
                    donePackages.Add(line.PackageId);
                }
            }
            else
            {
                otherwise.Add(line.Id);
            }
        }

        return new ParcelProgress(shipped, otherwise, donePackages);
    }
}

/// <summary>A parcel's lines as TikTok shows them: shipped with our tracking (and their TikTok packages), shipped otherwise.</summary>
public sealed record ParcelProgress(IReadOnlySet<string> ShippedWithOurTracking, IReadOnlySet<string> ShippedOtherwise, IReadOnlyList<string> DonePackages);
