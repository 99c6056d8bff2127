using GoQ.TikTokSync.TikTokShop.Emulator.Fulfillment;
using GoQ.TikTokSync.TikTokShop.Emulator.Protocol;

namespace GoQ.TikTokSync.TikTokShop.Emulator.Orders;

/// <summary>
/// Which orders of one shop carry each tracking number, and the tracking rules a shipment must pass. Not thread-safe: used
/// only under the lock of its <see cref="ShopOrderBook"/>.
/// </summary>
internal sealed class TrackingNumberRegistry
{
    /// <summary>In-shipping consolidation: at most 20 orders per tracking number (docs/tiktok-shop-api.md#jp-fulfilment-flow).</summary>
    public const int MaxOrdersPerTrackingNumber = 20;

    private readonly Dictionary<string, List<OrderRecord>> _users = new(StringComparer.Ordinal);

    /// <summary>Why <paramref name="trackingNumber"/> of <paramref name="providerId"/> may not go on the order, or null when it may.</summary>
    /// <param name="replacing">The package whose number is being corrected, which does not count as a duplicate.</param>
    public EmulatorError? Check(OrderRecord order, string trackingNumber, string providerId, PackageRecord? replacing)
    {
        if (!trackingNumber.All(char.IsAsciiLetterOrDigit))
        {
            return EmulatorErrors.TrackingSpecialCharacters;
        }

        var carrier = JapaneseCarriers.Find(providerId);
        var option = OrderWireMapper.DeliveryOptionOf(order);
        if (carrier is null || !option.Providers.Contains(carrier))
        {
            return EmulatorErrors.InvalidTrackingOrProvider;
        }

        if (!JapaneseCarriers.Fits(carrier, trackingNumber))
        {
            return EmulatorErrors.TrackingProviderMismatch;
        }

        if (!_users.TryGetValue(trackingNumber, out var users))
        {
            return null;
        }

        // The same number on this order's other package, or on an order going elsewhere, is a duplicate; orders to the
        // same recipient may share one parcel (in-shipping consolidation, docs/tiktok-shop-api.md#jp-fulfilment-flow).
        var sameOrderOtherPackage = order.Packages.Exists(p => p != replacing
                                                               && string.Equals(p.TrackingNumber, trackingNumber, StringComparison.Ordinal));
        if (sameOrderOtherPackage || users.Exists(u => u != order && !SameRecipient(u, order)))
        {
            return EmulatorErrors.DuplicateTrackingNumber;
        }

        return users.Count(u => u != order) >= MaxOrdersPerTrackingNumber ? EmulatorErrors.TrackingUsedTooManyTimes : null;
    }

    public void Use(string trackingNumber, OrderRecord order)
    {
        if (!_users.TryGetValue(trackingNumber, out var users))
        {
            users = [];
            _users[trackingNumber] = users;
        }

        if (!users.Contains(order))
        {
            users.Add(order);
        }
    }

    public void Release(string trackingNumber, OrderRecord order)
    {
        if (_users.TryGetValue(trackingNumber, out var users)
            && !order.Packages.Exists(p => string.Equals(p.TrackingNumber, trackingNumber, StringComparison.Ordinal) && p.Order != order))
        {
            users.Remove(order);
            if (users.Count == 0)
            {
                _users.Remove(trackingNumber);
            }
        }
    }

    public void Clear() => _users.Clear();

    private static bool SameRecipient(OrderRecord a, OrderRecord b) =>
        string.Equals(a.Recipient.Name, b.Recipient.Name, StringComparison.Ordinal)
        && string.Equals(OrderWireMapper.FullAddress(a.Recipient), OrderWireMapper.FullAddress(b.Recipient), StringComparison.Ordinal);
}
