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
    /// nothing new; StatusChange is the history text when TikTok's status moved (<see cref="Order.RecordTikTokStatusChange"/>).
    /// update_time is not trusted to tell: it is the time of the last status change (docs/tiktok-shop-api.md#order-search),
    /// so a cancel request, a line cancellation or an address change arrives with the update_time already stored. The
    /// fields themselves are compared instead.
    /// </summary>
    public static (bool Changed, string? StatusChange) Refresh(Order stored, TikTokOrder incoming, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(incoming);
        var previousStatus = stored.TikTokStatus;
        var fieldsBefore = TikTokOwnedFields(stored);
        var addressBefore = AddressFields(stored);
        var cancelledBefore = stored.Lines.Where(l => l.IsCancelled).Select(l => l.TikTokLineItemId).ToHashSet(StringComparer.Ordinal);
        var lineSetDiffers = LineSetDiffers(stored.Lines, incoming.LineItems);

        ApplyTikTokFields(stored, incoming);
        if (lineSetDiffers)
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

        if (!lineSetDiffers && string.Equals(fieldsBefore, TikTokOwnedFields(stored), StringComparison.Ordinal))
        {
            return (false, null);
        }

        stored.Touch(nowUtc);
        var statusChange = stored.RecordTikTokStatusChange(previousStatus, nowUtc);
        RecordChangesBesidesStatus(stored, addressBefore, cancelledBefore, nowUtc);
        return (true, statusChange);
    }

    /// <summary>What the operator must hear about beyond the status: lines cancelled alone, an address changed, a cancel request.</summary>
    private static void RecordChangesBesidesStatus(Order stored, string addressBefore, HashSet<string> cancelledBefore, DateTime nowUtc)
    {
        if (stored.TikTokStatus != TikTokOrderStatus.Cancelled)
        {
            foreach (var line in stored.Lines.Where(l => l.IsCancelled && !cancelledBefore.Contains(l.TikTokLineItemId)))
            {
                stored.RecordHistory(OrderHistoryKind.ChangedOnTikTok, $"TikTok側で商品がキャンセルされました（一部キャンセル）: {line.ProductName} {line.SkuName}".TrimEnd(), nowUtc);
            }
        }

        // An order whose address arrives for the first time (the hold ended) has not changed address.
        var hadAddress = addressBefore.Replace("\u001f", "", StringComparison.Ordinal).Length > 0;
        if (hadAddress && !string.Equals(addressBefore, AddressFields(stored), StringComparison.Ordinal))
        {
            stored.RecordRecipientAddressChange(nowUtc);
        }
    }

    /// <summary>Every field <see cref="ApplyTikTokFields"/> and <see cref="ApplyLine"/> write, as one comparable text.</summary>
    private static string TikTokOwnedFields(Order o) => string.Join(
        '\u001f',
        new object?[]
        {
            o.TikTokStatus.Value, o.IsOnHold, o.OrderedAtUtc.Ticks, o.TikTokUpdatedAtUtc.Ticks, o.PaidAtUtc?.Ticks, o.ShipByUtc?.Ticks,
            o.CancelReason, o.IsBuyerCancelRequested, o.BuyerUserId, o.BuyerMessage, o.SellerNote, o.DeliveryOptionId, o.WarehouseId, o.ShippingType,
            o.Currency, o.SubTotal, o.ShippingFee, o.SellerDiscount, o.PlatformDiscount, o.TotalAmount, AddressFields(o),
        }.Concat(o.Lines.OrderBy(l => l.TikTokLineItemId, StringComparer.Ordinal).SelectMany(l => new object?[]
        {
            l.TikTokLineItemId, l.SkuId, l.SellerSku, l.ProductId, l.ProductName, l.SkuName, l.SalePrice, l.OriginalPrice, l.DisplayStatus, l.PackageId,
        })).Select(Comparable));

    // A decimal read back from the store may carry the column's scale (1000.00) where TikTok's text gave 1000.
    private static string? Comparable(object? value) => value is decimal amount
        ? amount.ToString("0.############################", System.Globalization.CultureInfo.InvariantCulture)
        : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);

    private static string AddressFields(Order o) => string.Join(
        '\u001f', o.RecipientName, o.RecipientNameKana, o.PhoneNumber, o.PostalCode, o.Prefecture, o.City, o.Town, o.AddressLine, o.Building, o.FullAddress);

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
        order.IsBuyerCancelRequested = source.IsBuyerRequestCancel == true && source.Status != TikTokOrderStatus.Cancelled;
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
