using System.Globalization;
using GoQ.TikTokSync.TikTokShop.Emulator.Fulfillment;

namespace GoQ.TikTokSync.TikTokShop.Emulator.Orders;

internal enum OrderEventKind
{
    Create,
    Pay,
    ReleaseHold,
    BuyerCancel,
    UnpaidTimeout,
    BuyerCancelRequest,
    ApproveCancelRequest,

    /// <summary>One line of a multi-line order is cancelled (out of stock) while the rest goes on.</summary>
    LineCancel,

    /// <summary>The buyer changes the delivery address before shipment.</summary>
    AddressChange,
}

/// <summary>Something that happens to an order at a given time; applied lazily once the clock passes it.</summary>
internal readonly record struct PlannedEvent(long Due, OrderEventKind Kind);

internal sealed record GeneratedOrder(OrderRecord Order, IReadOnlyList<PlannedEvent> Plan);

/// <summary>What a caller wants from a generated order; everything left null is chosen at random.</summary>
internal sealed class OrderShape
{
    public int? DistinctSkus { get; init; }

    public int? UnitsPerSku { get; init; }

    public string? DeliveryOptionId { get; init; }

    /// <summary>When set, the order follows no random life cycle: the caller plans its events.</summary>
    public bool ManualLifecycle { get; init; }

    /// <summary>Pick a designated city and send its ward as a district level of its own.</summary>
    public bool SplitCityAndWard { get; init; }
}

/// <summary>
/// How often generated orders carry the shapes a live Japanese shop sends besides the plain one (rates are guesses of a
/// realistic low share; none is documented). Drawn from a random of the order's own, so the rest of a seeded sequence
/// stays as it was.
/// </summary>
internal static class LiveShapeRates
{
    public const double TikTokShipping = 0.02;
    public const double OldFlowWithoutHold = 0.05;
    public const double HyphenatedPhone = 0.05;
    public const double HyphenatedPostalCode = 0.05;
    public const double FullWidthPostalCode = 0.02;
    public const double SplitCityAndWard = 0.5;
    public const double EmojiMessage = 0.03;
}

/// <summary>
/// Makes realistic Japanese orders from a seeded <see cref="Random"/>: the same seed and the same calls give the same orders.
/// </summary>
#pragma warning disable CA5394 // Deterministic test data, not security: a seeded Random is the point.
internal sealed class OrderGenerator
{
    public const string BuyerEmailDomain = "chat.seller.tiktok.com";

    /// <summary>Buyers type names with no space, an ASCII space or a full-width space.</summary>
    private static readonly string[] NameSeparators = ["", " ", "\u3000"];
    private static readonly string[] MobilePrefixes = ["090", "080", "070"];
    private static readonly string[] LandlineAreaCodes = ["03", "06", "052", "011", "092"];

    private readonly IdSource _ids;
    private readonly double _preShippingSplitShare;

    public OrderGenerator(IdSource ids, double preShippingSplitShare = 0)
    {
        _ids = ids;
        _preShippingSplitShare = preShippingSplitShare;
    }

    public GeneratedOrder Generate(Random random, EmulatorShop shop, int shopIndex, long createTime, OrderShape? shape = null)
    {
        shape ??= new OrderShape();
        var orderId = _ids.NextOrderId();
        var deliveryOption = shape.DeliveryOptionId is { } optionId
            ? JapaneseCarriers.FindDeliveryOption(optionId) ?? JapaneseCarriers.StandardDelivery
            : random.NextDouble() < 0.1 ? JapaneseCarriers.LargeItemDelivery : JapaneseCarriers.StandardDelivery;

        var lineItems = MakeLineItems(random, shopIndex, shape);
        var productTotal = lineItems.Sum(l => l.SalePrice);
        var originalShippingFee = deliveryOption == JapaneseCarriers.LargeItemDelivery ? 1100 : productTotal >= 5000 ? 0 : 550;
        var platformShippingDiscount = originalShippingFee > 0 && random.NextDouble() < 0.15 ? originalShippingFee : 0;

        var order = new OrderRecord
        {
            Id = orderId,
            ShopId = shop.Id,
            CreateTime = createTime,
            UpdateTime = createTime,
            UserId = (7494000000000000000L + random.NextInt64(0, 999_999_999_999_999L)).ToString(CultureInfo.InvariantCulture),
            BuyerEmail = RandomAlphanumeric(random, 10) + "@" + BuyerEmailDomain,
            BuyerNickname = "user" + random.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture),
            BuyerMessage = random.NextDouble() < 0.15 ? Pick(random, JapaneseSampleData.BuyerMessages) : "",
            DeliveryOptionId = deliveryOption.Id,
            DeliveryOptionName = deliveryOption.Name,
            WarehouseId = shop.WarehouseId,
            PaymentMethodName = Pick(random, JapaneseSampleData.PaymentMethods),
            OriginalShippingFee = originalShippingFee,
            ShippingFeePlatformDiscount = platformShippingDiscount,
            Recipient = MakeRecipient(random, shape.SplitCityAndWard),
            LineItems = lineItems,
        };

        List<PlannedEvent> plan = shape.ManualLifecycle ? [new PlannedEvent(createTime, OrderEventKind.Create)] : PlanLifecycle(random, createTime, orderId);
        if (!shape.ManualLifecycle && lineItems.Count > 1 && SplitsBeforeShipping(orderId))
        {
            var first = _ids.NextPackageId();
            var second = _ids.NextPackageId();
            for (var i = 0; i < lineItems.Count; i++)
            {
                lineItems[i].PendingPackageId = i < (lineItems.Count + 1) / 2 ? first : second;
            }
        }

        if (!shape.ManualLifecycle)
        {
            ApplyLiveShapes(order);
        }

        return new GeneratedOrder(order, plan);
    }

    /// <summary>Decided from the order id rather than the shared random stream, so turning splits on changes no other order.</summary>
    private bool SplitsBeforeShipping(string orderId) =>
        _preShippingSplitShare > 0
        && new Random(unchecked((int)(long.Parse(orderId, CultureInfo.InvariantCulture) % int.MaxValue))).NextDouble() < _preShippingSplitShare;

    /// <summary>What a control-surface order asked for, exactly as given.</summary>
    public static void ApplyRequestedShape(OrderRecord order, NewOrderRequest request)
    {
        order.UsesOnHoldFlow = request.OnHoldFlow;
        if (request.ShippingType is { } shippingType)
        {
            order.ShippingType = shippingType;
            if (shippingType == OrderWireMapper.TikTokShipping)
            {
                MaskRecipient(order.Recipient);
            }
        }

        order.Recipient.PhoneNumber = request.RecipientPhoneNumber ?? order.Recipient.PhoneNumber;
        order.Recipient.Name = request.RecipientName ?? order.Recipient.Name;
        order.Recipient.PostalCodeAsSent = request.RecipientPostalCode ?? order.Recipient.PostalCodeAsSent;
        order.BuyerMessage = request.BuyerMessage ?? order.BuyerMessage;
    }

    /// <summary>The demo mix: a few orders of each live shape, decided by the order id so the seeded sequence is untouched.</summary>
    private static void ApplyLiveShapes(OrderRecord order)
    {
        var quirks = new Random(MixedSeed(order.Id));
        var recipient = order.Recipient;
        if (quirks.NextDouble() < LiveShapeRates.TikTokShipping)
        {
            order.ShippingType = OrderWireMapper.TikTokShipping;
            MaskRecipient(recipient);
        }
        else if (quirks.NextDouble() < LiveShapeRates.HyphenatedPhone)
        {
            recipient.PhoneNumber = Hyphenate(recipient.PhoneNumber);
        }

        if (quirks.NextDouble() < LiveShapeRates.OldFlowWithoutHold)
        {
            order.UsesOnHoldFlow = false;
        }

        var postal = recipient.Locality.PostalCode;
        if (quirks.NextDouble() < LiveShapeRates.HyphenatedPostalCode)
        {
            recipient.PostalCodeAsSent = postal[..3] + "-" + postal[3..];
        }
        else if (quirks.NextDouble() < LiveShapeRates.FullWidthPostalCode)
        {
            recipient.PostalCodeAsSent = new string(postal.Select(c => (char)(c - '0' + '０')).ToArray());
        }

        recipient.SplitsCityAndWard = quirks.NextDouble() < LiveShapeRates.SplitCityAndWard;
        if (quirks.NextDouble() < LiveShapeRates.EmojiMessage)
        {
            order.BuyerMessage = Pick(quirks, JapaneseSampleData.EmojiBuyerMessages);
        }
    }

    /// <summary>A well-spread seed from the order id: seeded Randoms of neighbouring seeds start out nearly alike.</summary>
    private static int MixedSeed(string orderId)
    {
        var z = ulong.Parse(orderId, CultureInfo.InvariantCulture) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)((z ^ (z >> 31)) & 0x7FFFFFFF);
    }

    /// <summary>
    /// TikTok-shipped orders hide the buyer's data (docs/tiktok-shop-api.md#pitfalls: "(+60)113*****36", "A*** F***i"); the JP form is UNCONFIRMED,
    /// so this keeps the country prefix, the first three and last two digits, and the name's first character.
    /// </summary>
    private static void MaskRecipient(RecipientRecord recipient)
    {
        var phone = recipient.PhoneNumber;
        var domestic = phone.StartsWith("(+81)", StringComparison.Ordinal) ? phone[5..] : phone;
        recipient.PhoneNumber = "(+81)" + domestic[..3] + new string('*', Math.Max(1, domestic.Length - 5)) + domestic[^2..];
        recipient.Name = recipient.Name[..1] + "***";
    }

    /// <summary>"(+81)09012345678" → "(+81)090-1234-5678" (mobiles), "(+81)0312345678" → "(+81)03-1234-5678".</summary>
    private static string Hyphenate(string phone)
    {
        var digits = phone.StartsWith("(+81)", StringComparison.Ordinal) ? phone[5..] : phone;
        var area = digits.Length == 11 ? 3 : digits.StartsWith("03", StringComparison.Ordinal) || digits.StartsWith("06", StringComparison.Ordinal) ? 2 : 3;
        var middle = digits.Length - area - 4;
        return "(+81)" + digits[..area] + "-" + digits.Substring(area, middle) + "-" + digits[^4..];
    }

    /// <summary>
    /// Most orders are paid within minutes, some (konbini) within hours, a few never; some buyers cancel during the hold,
    /// a few ask to cancel after it. The rest stay AWAITING_SHIPMENT until the seller ships.
    /// </summary>
    private static List<PlannedEvent> PlanLifecycle(Random random, long createTime, string orderId)
    {
        var plan = new List<PlannedEvent> { new(createTime, OrderEventKind.Create) };
        if (random.NextDouble() < 0.07)
        {
            plan.Add(new(createTime + (long)PlatformTimings.UnpaidTimeout.TotalSeconds, OrderEventKind.UnpaidTimeout));
            return plan;
        }

        var payDelay = random.NextDouble() < 0.85 ? random.Next(20, 600) : random.Next(3600, 20 * 3600);
        var paid = createTime + payDelay;
        plan.Add(new(paid, OrderEventKind.Pay));
        var holdEnds = paid + (long)PlatformTimings.OnHoldWindow.TotalSeconds;
        if (random.NextDouble() < 0.04)
        {
            plan.Add(new(paid + random.Next(60, 3000), OrderEventKind.BuyerCancel));
        }

        plan.Add(new(holdEnds, OrderEventKind.ReleaseHold));
        if (random.NextDouble() < 0.03)
        {
            var request = holdEnds + random.Next(600, 20 * 3600);
            plan.Add(new(request, OrderEventKind.BuyerCancelRequest));
            plan.Add(new(request + (long)PlatformTimings.CancelRequestAutoApproval.TotalSeconds, OrderEventKind.ApproveCancelRequest));
        }

        // Rare in a live JP shop, but an operator meets them: a line the seller cannot supply, an address changed after the
        // hold. Drawn from the order's own generator so that the orders a seed gave before these events existed stay the same.
        var rare = new Random((int)(long.Parse(orderId, CultureInfo.InvariantCulture) % int.MaxValue));
        if (rare.NextDouble() < 0.02)
        {
            plan.Add(new(holdEnds + rare.Next(300, 6 * 3600), OrderEventKind.LineCancel));
        }

        if (rare.NextDouble() < 0.02)
        {
            plan.Add(new(holdEnds + rare.Next(300, 6 * 3600), OrderEventKind.AddressChange));
        }

        plan.Sort((a, b) => a.Due.CompareTo(b.Due));
        return plan;
    }

    private List<LineItemRecord> MakeLineItems(Random random, int shopIndex, OrderShape shape)
    {
        var distinct = shape.DistinctSkus ?? WeightedSkuCount(random);
        var chosen = new List<(int Product, int Sku)>();
        while (chosen.Count < distinct)
        {
            var product = random.Next(JapaneseSampleData.Catalog.Count);
            var sku = random.Next(JapaneseSampleData.Catalog[product].Skus.Count);
            if (!chosen.Contains((product, sku)))
            {
                chosen.Add((product, sku));
            }
        }

        var lines = new List<LineItemRecord>();
        foreach (var (productIndex, skuIndex) in chosen)
        {
            var product = JapaneseSampleData.Catalog[productIndex];
            var sku = product.Skus[skuIndex];
            var units = shape.UnitsPerSku ?? (random.NextDouble() < 0.8 ? 1 : random.Next(2, 4));
            var sellerDiscount = random.NextDouble() < 0.2 ? sku.ListPrice / 10 : 0;
            var platformDiscount = sku.ListPrice >= 1000 && random.NextDouble() < 0.1 ? 100 : 0;
            var productId = (1729592969712200000L + (shopIndex * 1000L) + (productIndex * 10L)).ToString(CultureInfo.InvariantCulture);
            var skuId = (1729592969712300000L + (shopIndex * 1000L) + (productIndex * 10L) + skuIndex).ToString(CultureInfo.InvariantCulture);

            // One line item per unit: 202309 has no quantity field (docs/tiktok-shop-api.md#order-object).
            for (var unit = 0; unit < units; unit++)
            {
                lines.Add(new LineItemRecord
                {
                    Id = _ids.NextLineItemId(),
                    SkuId = skuId,
                    ProductId = productId,
                    ProductName = product.Name,
                    SkuName = sku.SkuName,
                    SellerSku = $"{product.SellerSkuStem}-{(skuIndex + 1).ToString("D2", CultureInfo.InvariantCulture)}",
                    OriginalPrice = sku.ListPrice,
                    SellerDiscount = sellerDiscount,
                    PlatformDiscount = platformDiscount,
                });
            }
        }

        return lines;
    }

    private static int WeightedSkuCount(Random random)
    {
        var roll = random.NextDouble();
        return roll switch
        {
            < 0.55 => 1,
            < 0.80 => 2,
            < 0.92 => 3,
            < 0.97 => 4,
            _ => 5,
        };
    }

    private static RecipientRecord MakeRecipient(Random random, bool splitCityAndWard)
    {
        var family = Pick(random, JapaneseSampleData.FamilyNames);
        var given = Pick(random, JapaneseSampleData.GivenNames);
        var separator = Pick(random, NameSeparators);
        var locality = Pick(random, JapaneseSampleData.Localities);
        if (splitCityAndWard)
        {
            locality = JapaneseSampleData.Localities.First(l => l.City.Contains('市', StringComparison.Ordinal) && l.City.EndsWith('区'));
        }
        var streetNumber = random.NextDouble() < 0.7
            ? string.Create(CultureInfo.InvariantCulture, $"{random.Next(1, 6)}-{random.Next(1, 31)}-{random.Next(1, 21)}")
            : string.Create(CultureInfo.InvariantCulture, $"{random.Next(1, 2000)}-{random.Next(1, 30)}");
        var building = random.NextDouble() < 0.45
            ? ""
            : string.Create(CultureInfo.InvariantCulture, $"{Pick(random, JapaneseSampleData.BuildingNames)} {random.Next(1, 13)}{random.Next(1, 10):D2}");

        return new RecipientRecord
        {
            Name = family.Kanji + separator + given.Kanji,
            FamilyNameKanji = family.Kanji,
            GivenNameKanji = given.Kanji,
            FamilyNameKatakana = family.Katakana,
            GivenNameKatakana = given.Katakana,
            PhoneNumber = MakePhoneNumber(random),
            Locality = locality,
            StreetNumber = streetNumber,
            Building = building,
            SplitsCityAndWard = splitCityAndWard,
        };
    }

    /// <summary>TikTok JP sends "(+81)" followed by the domestic number with its leading 0 (see docs/japanese-operations.md#phone-numbers-and-postal-codes).</summary>
    private static string MakePhoneNumber(Random random)
    {
        if (random.NextDouble() < 0.8)
        {
            var prefix = Pick(random, MobilePrefixes);
            return "(+81)" + prefix + random.Next(0, 100_000_000).ToString("D8", CultureInfo.InvariantCulture);
        }

        var area = Pick(random, LandlineAreaCodes);
        var remaining = 10 - area.Length;
        var subscriber = random.NextInt64(0, (long)Math.Pow(10, remaining)).ToString("D" + remaining.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return "(+81)" + area + subscriber;
    }

    private static string RandomAlphanumeric(Random random, int length)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        return string.Create(length, random, (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[r.Next(alphabet.Length)];
            }
        });
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
#pragma warning restore CA5394

/// <summary>
/// Ids shaped like TikTok's (18–19 digit numbers as strings), unique within one emulator and reproducible: the n-th id of a
/// kind is always the same number.
/// </summary>
internal sealed class IdSource
{
    private long _orders;
    private long _lineItems;
    private long _packages;
    private long _notifications;
    private long _cancellations;

    public string NextOrderId() => Spread(576400000000000000L, Interlocked.Increment(ref _orders));

    public string NextLineItemId() => Spread(577086500000000000L, Interlocked.Increment(ref _lineItems));

    public string NextPackageId() => Spread(1153132100000000000L, Interlocked.Increment(ref _packages));

    public string NextNotificationId() => Spread(7380066200000000000L, Interlocked.Increment(ref _notifications));

    public string NextCancelId() => Spread(578900000000000000L, Interlocked.Increment(ref _cancellations));

    public void Reset()
    {
        Interlocked.Exchange(ref _orders, 0);
        Interlocked.Exchange(ref _lineItems, 0);
        Interlocked.Exchange(ref _packages, 0);
        Interlocked.Exchange(ref _notifications, 0);
        Interlocked.Exchange(ref _cancellations, 0);
    }

    /// <summary>Strictly increasing with n (so unique) while the low digits look random.</summary>
    private static string Spread(long start, long n) =>
        (start + (n * 1013) + (n * 617 % 1013)).ToString(CultureInfo.InvariantCulture);
}
