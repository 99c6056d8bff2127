using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.TikTokShop.Models;

namespace GoQ.TikTokSync.Core.Import;

/// <summary>
/// Turns what TikTok sends into stored orders: copies TikTok-owned fields, and leaves what TikTok's changes mean for the
/// operator (status moves, cancellations, history) to the <see cref="Order"/> itself. Operator-owned fields (GoQ status,
/// tracking entry, notes) are never copied here.
/// </summary>
public static class TikTokOrderMapper
{
    /// <summary>
    /// UNCONFIRMED (docs/tiktok-shop-api.md#order-object): whether TikTok JP puts the family-name reading in last_name_local_script
    /// (as the field names say) or in first_name_local_script (as the Seller Center CSV's 名 column suggests).
    /// True reads the family name from last_name_local_script.
    /// </summary>
    public const bool FamilyNameReadingIsInLastNameField = true;

    /// <summary>An order TikTok sent that the store does not have yet, in <paramref name="targetStatus"/> (受注格納先ステータス).</summary>
    public static Order NewOrder(int mallConnectionId, GoqOrderStatus targetStatus, TikTokOrder incoming, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        var order = new Order { MallConnectionId = mallConnectionId, ImportedAtUtc = nowUtc, UpdatedAtUtc = nowUtc };
        ApplyTikTokFields(order, incoming);
        order.Lines.AddRange(incoming.LineItems.Select(ToLine));
        order.ReceiveFromTikTok(targetStatus, nowUtc);
        return order;
    }

    /// <summary>
    /// Brings a stored order up to what TikTok sent: TikTok-owned fields and lines only. Changed is false when TikTok sent
    /// nothing newer; StatusChange is the history text when TikTok's status moved (<see cref="Order.RecordTikTokStatusChange"/>).
    /// </summary>
    public static (bool Changed, string? StatusChange) Refresh(Order stored, TikTokOrder incoming, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(incoming);
        var incomingUpdated = (incoming.UpdateTime ?? incoming.CreateTime)?.UtcDateTime;
        var previousStatus = stored.TikTokStatus;
        if (incomingUpdated is not null && incomingUpdated <= stored.TikTokUpdatedAtUtc
            && incoming.Status == previousStatus
            && !LineSetDiffers(stored.Lines, incoming.LineItems)
            && !PackagesDiffer(stored.Lines, incoming.LineItems))
        {
            return (false, null);
        }

        ApplyTikTokFields(stored, incoming);
        if (LineSetDiffers(stored.Lines, incoming.LineItems))
        {
            stored.Lines.Clear();
            stored.Lines.AddRange(incoming.LineItems.Select(ToLine));
        }
        else
        {
            var byId = incoming.LineItems.ToDictionary(l => l.Id, StringComparer.Ordinal);
            foreach (var line in stored.Lines)
            {
                ApplyLine(line, byId[line.TikTokLineItemId]);
            }
        }

        stored.Touch(nowUtc);
        return (true, stored.RecordTikTokStatusChange(previousStatus, nowUtc));
    }

    public static void ApplyTikTokFields(Order order, TikTokOrder source)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(source);
        if (string.IsNullOrEmpty(source.Id))
        {
            throw new InvalidDataException("TikTok order without an id.");
        }

        order.TikTokOrderId = source.Id;
        order.TikTokStatus = source.Status ?? throw new InvalidDataException($"TikTok order {source.Id} has no status.");
        order.IsOnHold = source.IsOnHoldOrder == true || source.Status == TikTokOrderStatus.OnHold;
        order.OrderedAtUtc = (source.CreateTime ?? throw new InvalidDataException($"TikTok order {source.Id} has no create_time.")).UtcDateTime;
        order.TikTokUpdatedAtUtc = (source.UpdateTime ?? source.CreateTime).Value.UtcDateTime;
        order.PaidAtUtc = source.PaidTime?.UtcDateTime;
        order.ShipByUtc = source.RtsSlaTime?.UtcDateTime;
        order.CancelReason = source.CancelReason;
        order.BuyerUserId = source.UserId;
        order.BuyerMessage = source.BuyerMessage;
        order.SellerNote = source.SellerNote;
        order.DeliveryOptionId = source.DeliveryOptionId;
        order.WarehouseId = source.WarehouseId;
        order.ShippingType = source.ShippingType;

        var payment = source.Payment;
        order.Currency = payment?.Currency ?? "JPY";
        order.SubTotal = payment?.SubTotal ?? 0m;
        order.ShippingFee = payment?.ShippingFee ?? 0m;
        order.SellerDiscount = payment?.SellerDiscount ?? 0m;
        order.PlatformDiscount = payment?.PlatformDiscount ?? 0m;
        order.TotalAmount = payment?.TotalAmount ?? 0m;

        ApplyRecipient(order, source.RecipientAddress);
    }

    /// <summary>
    /// While UNPAID or ON_HOLD TikTok sends no address; an address already stored is kept rather than blanked, so an
    /// order that briefly reports empty fields does not lose what the operator may already have printed.
    /// </summary>
    private static void ApplyRecipient(Order order, TikTokRecipientAddress? address)
    {
        if (address is null || (string.IsNullOrEmpty(address.Name) && string.IsNullOrEmpty(address.PostalCode) && string.IsNullOrEmpty(address.FullAddress)))
        {
            return;
        }

        order.RecipientName = address.Name ?? JoinNonEmpty(address.LastName, address.FirstName);
        order.RecipientNameKana = FamilyNameReadingIsInLastNameField
            ? JoinNonEmpty(address.LastNameLocalScript, address.FirstNameLocalScript)
            : JoinNonEmpty(address.FirstNameLocalScript, address.LastNameLocalScript);
        order.PhoneNumber = address.PhoneNumber;
        order.PhoneDigits = JapaneseAddress.DomesticDigits(address.PhoneNumber);
        order.PostalCode = JapaneseAddress.NormalizePostalCode(address.PostalCode);
        order.Prefecture = District(address, "L1");
        order.City = District(address, "L2");
        order.Town = TownAndBelow(address);
        order.AddressLine = address.AddressLine1;
        order.Building = address.AddressLine2;
        order.FullAddress = address.FullAddress;
    }

    /// <summary>
    /// Every level below the city (L3, L4, … in order, e.g. a designated city's ward and then its town), joined without a
    /// separator as Japanese addresses are written, so that no level TikTok sent is dropped.
    /// </summary>
    private static string? TownAndBelow(TikTokRecipientAddress address)
    {
        var below = address.DistrictInfo
            .Select(d => (Level: LevelNumber(d.AddressLevel), d.AddressName))
            .Where(d => d.Level >= 3 && !string.IsNullOrEmpty(d.AddressName))
            .OrderBy(d => d.Level)
            .Select(d => d.AddressName)
            .ToList();
        return below.Count == 0 ? null : string.Concat(below);
    }

    private static int LevelNumber(string? level) =>
        level is { Length: > 1 } && (level[0] is 'L' or 'l') && int.TryParse(level.AsSpan(1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? number
            : -1;

    private static string? District(TikTokRecipientAddress address, string level) =>
        address.DistrictInfo.FirstOrDefault(d => string.Equals(d.AddressLevel, level, StringComparison.OrdinalIgnoreCase))?.AddressName;

    private static string? JoinNonEmpty(string? first, string? second)
    {
        var parts = new[] { first, second }.Where(p => !string.IsNullOrWhiteSpace(p)).ToArray();
        return parts.Length == 0 ? null : string.Join(' ', parts);
    }

    /// <summary>True when the set of line item ids differs (lines are then replaced; otherwise updated in place).</summary>
    public static bool LineSetDiffers(IReadOnlyCollection<OrderLine> stored, IReadOnlyList<TikTokOrderLineItem> incoming) =>
        stored.Count != incoming.Count
        || !stored.Select(l => l.TikTokLineItemId).ToHashSet(StringComparer.Ordinal).SetEquals(incoming.Select(l => l.Id));

    /// <summary>TikTok moved lines between packages (a split or combination) without a newer update_time.</summary>
    public static bool PackagesDiffer(IReadOnlyCollection<OrderLine> stored, IReadOnlyList<TikTokOrderLineItem> incoming)
    {
        var packageOf = incoming.GroupBy(l => l.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().PackageId, StringComparer.Ordinal);
        return stored.Any(l => packageOf.TryGetValue(l.TikTokLineItemId, out var package) && !string.Equals(package, l.PackageId, StringComparison.Ordinal));
    }

    public static OrderLine ToLine(TikTokOrderLineItem item)
    {
        var line = new OrderLine { TikTokLineItemId = item.Id };
        ApplyLine(line, item);
        return line;
    }

    public static void ApplyLine(OrderLine line, TikTokOrderLineItem item)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(item);
        line.SkuId = item.SkuId ?? string.Empty;
        line.SellerSku = item.SellerSku;
        line.ProductId = item.ProductId;
        line.ProductName = item.ProductName ?? string.Empty;
        line.SkuName = item.SkuName;
        line.SalePrice = item.SalePrice ?? 0m;
        line.OriginalPrice = item.OriginalPrice ?? item.SalePrice ?? 0m;
        line.DisplayStatus = item.DisplayStatus?.Value;
        line.PackageId = item.PackageId;
    }

    /// <summary>Statuses whose orders must never be pushed (the address is not even known yet).</summary>
    public static bool IsShippable(TikTokOrderStatus tikTokStatus) =>
        tikTokStatus != TikTokOrderStatus.Unpaid && tikTokStatus != TikTokOrderStatus.OnHold && tikTokStatus != TikTokOrderStatus.Cancelled;
}
