using System.Globalization;
using System.Text;

namespace GoQ.TikTokSync.Core.Orders;

/// <summary>How Japanese operators write postal codes and phone numbers.</summary>
public static class JapaneseAddress
{
    /// <summary>Seven digits without a hyphen, or null when the input is not a Japanese postal code.</summary>
    public static string? NormalizePostalCode(string? postalCode)
    {
        if (string.IsNullOrWhiteSpace(postalCode))
        {
            return null;
        }

        var digits = new string(postalCode.Normalize(NormalizationForm.FormKC).Where(char.IsAsciiDigit).ToArray());
        return digits.Length == 7 ? digits : postalCode.Trim();
    }

    /// <summary>The address as screens and printed notes show it: 都道府県 市区町村 町名 番地, the parts present, space-separated.</summary>
    public static string ForDisplay(string? prefecture, string? city, string? town, string? addressLine) =>
        string.Join(" ", new[] { prefecture, city, town, addressLine }.Where(p => !string.IsNullOrWhiteSpace(p)));

    /// <summary>〒123-4567</summary>
    public static string FormatPostalCode(string? postalCode) =>
        NormalizePostalCode(postalCode) is { Length: 7 } digits ? $"〒{digits[..3]}-{digits[3..]}" : postalCode ?? string.Empty;

    /// <summary>
    /// True when TikTok hid part of the value with '*' (TikTok-shipped orders, see docs/tiktok-shop-api.md, masked buyer
    /// data). Such a value is shown as sent and never turned into digits: the digits left are not the number.
    /// </summary>
    public static bool IsMasked(string? value) =>
        value is not null && (value.Contains('*', StringComparison.Ordinal) || value.Contains('＊', StringComparison.Ordinal));

    /// <summary>
    /// The domestic digits of a phone number in any of the forms operators meet: (+81)8012345678, (+81)08012345678,
    /// +81-80-1234-5678, 080-1234-5678, 08012345678. Null for a masked number, which has no digits to give.
    /// </summary>
    public static string? DomesticDigits(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone) || IsMasked(phone))
        {
            return null;
        }

        var text = phone.Normalize(NormalizationForm.FormKC).Trim();
        var international = text.StartsWith("(+81)", StringComparison.Ordinal) || text.StartsWith("+81", StringComparison.Ordinal);
        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        if (international)
        {
            digits = digits[2..];
            if (!digits.StartsWith('0'))
            {
                digits = "0" + digits;
            }
        }

        return digits;
    }

    /// <summary>
    /// 080-1234-5678 for mobiles (070/080/090), 03-1234-5678 / 06-… for two-digit area codes, else 3-3-4; a masked or
    /// otherwise unusual number exactly as TikTok sent it.
    /// </summary>
    public static string FormatPhone(string? phone)
    {
        var digits = DomesticDigits(phone);
        if (digits is null)
        {
            return phone?.Trim() ?? string.Empty;
        }

        if (digits.Length == 11)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{digits[..3]}-{digits[3..7]}-{digits[7..]}");
        }

        if (digits.Length == 10)
        {
            return digits.StartsWith("03", StringComparison.Ordinal) || digits.StartsWith("06", StringComparison.Ordinal)
                ? $"{digits[..2]}-{digits[2..6]}-{digits[6..]}"
                : $"{digits[..3]}-{digits[3..6]}-{digits[6..]}";
        }

        return phone!;
    }
}
