namespace GoQ.TikTokSync.TikTokShop.Emulator.Fulfillment;

/// <summary>How a carrier's tracking numbers look, checked before a shipment is accepted (see docs/japanese-operations.md#tracking-numbers).</summary>
public enum TrackingNumberRule
{
    /// <summary>12 digits; the last one is the first 11 read as a number, modulo 7 (Yamato, Sagawa, Japan Post).</summary>
    TwelveDigitsModSeven,

    /// <summary>Digits only, of <see cref="JapaneseCarrier.DigitCount"/> digits (Seino).</summary>
    DigitsOnly,
}

/// <summary>One shipping provider as Get Shipping Providers returns it, plus the emulator's tracking-number check.</summary>
public sealed record JapaneseCarrier(string Id, string Name, string JapaneseName, TrackingNumberRule Rule, int DigitCount);

/// <summary>A delivery option of the emulated shops and the providers subscribed to it (docs/tiktok-shop-api.md#shipping-providers).</summary>
public sealed record DeliveryOption(string Id, string Name, IReadOnlyList<JapaneseCarrier> Providers);

/// <summary>
/// The JP carriers. UNCONFIRMED (docs/tiktok-shop-api.md#shipping-providers): the ids and the exact <c>name</c> strings TikTok returns were not found anywhere;
/// the names are those of the JP changelog (English), the ids are made up but stable. Seino's tracking-number length is
/// UNCONFIRMED as well (see docs/japanese-operations.md#tracking-numbers).
/// </summary>
public static class JapaneseCarriers
{
    public const int SeinoTrackingDigits = 10;

    public static readonly JapaneseCarrier Yamato =
        new("7208502187360830210", "Yamato", "ヤマト運輸", TrackingNumberRule.TwelveDigitsModSeven, 12);

    public static readonly JapaneseCarrier Sagawa =
        new("7208502187360830211", "Sagawa Express", "佐川急便", TrackingNumberRule.TwelveDigitsModSeven, 12);

    public static readonly JapaneseCarrier JapanPost =
        new("7208502187360830212", "Japan Post", "日本郵便", TrackingNumberRule.TwelveDigitsModSeven, 12);

    public static readonly JapaneseCarrier SeinoTransportation =
        new("7208502187360830213", "Seino Transportation", "西濃運輸", TrackingNumberRule.DigitsOnly, SeinoTrackingDigits);

    public static readonly JapaneseCarrier SeinoSuperExpress =
        new("7208502187360830214", "Seino Super Express", "西濃スーパーエクスプレス", TrackingNumberRule.DigitsOnly, SeinoTrackingDigits);

    public static readonly IReadOnlyList<JapaneseCarrier> All = [Yamato, Sagawa, JapanPost, SeinoTransportation, SeinoSuperExpress];

    /// <summary>Most orders: every JP carrier may be used.</summary>
    public static readonly DeliveryOption StandardDelivery =
        new("7091146663229654785", "標準配送", All);

    /// <summary>Bulky items: only the Seino companies and Yamato take them, so Japan Post is refused (21011022).</summary>
    public static readonly DeliveryOption LargeItemDelivery =
        new("7091146663229654786", "大型商品配送", [Yamato, SeinoTransportation, SeinoSuperExpress]);

    public static readonly IReadOnlyList<DeliveryOption> DeliveryOptions = [StandardDelivery, LargeItemDelivery];

    public static DeliveryOption? FindDeliveryOption(string id) =>
        DeliveryOptions.FirstOrDefault(o => string.Equals(o.Id, id, StringComparison.Ordinal));

    public static JapaneseCarrier? Find(string id) =>
        All.FirstOrDefault(c => string.Equals(c.Id, id, StringComparison.Ordinal));

    public static bool HasOnlyDigits(string trackingNumber) => trackingNumber.Length > 0 && trackingNumber.All(char.IsAsciiDigit);

    /// <summary>True when the number has the shape the carrier issues.</summary>
    public static bool Fits(JapaneseCarrier carrier, string trackingNumber)
    {
        ArgumentNullException.ThrowIfNull(carrier);
        ArgumentNullException.ThrowIfNull(trackingNumber);
        if (!HasOnlyDigits(trackingNumber) || trackingNumber.Length != carrier.DigitCount)
        {
            return false;
        }

        return carrier.Rule switch
        {
            TrackingNumberRule.TwelveDigitsModSeven => HasModSevenCheckDigit(trackingNumber),
            TrackingNumberRule.DigitsOnly => true,
            _ => false,
        };
    }

    public static bool HasModSevenCheckDigit(string twelveDigits)
    {
        ArgumentNullException.ThrowIfNull(twelveDigits);
        if (twelveDigits.Length != 12 || !HasOnlyDigits(twelveDigits))
        {
            return false;
        }

        var body = long.Parse(twelveDigits.AsSpan(0, 11), System.Globalization.CultureInfo.InvariantCulture);
        return body % 7 == twelveDigits[11] - '0';
    }

    /// <summary>Builds a valid number for the carrier from a serial; used by the demo and by tests.</summary>
    public static string MakeTrackingNumber(JapaneseCarrier carrier, long serial)
    {
        ArgumentNullException.ThrowIfNull(carrier);
        if (carrier.Rule == TrackingNumberRule.TwelveDigitsModSeven)
        {
            var body = Math.Abs(serial % 100_000_000_000L);
            var stem = body.ToString("D11", System.Globalization.CultureInfo.InvariantCulture);
            return stem + (body % 7).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var modulus = (long)Math.Pow(10, carrier.DigitCount);
        return Math.Abs(serial % modulus).ToString("D" + carrier.DigitCount.ToString(System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);
    }
}
