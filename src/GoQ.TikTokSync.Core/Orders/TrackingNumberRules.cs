using System.Globalization;
using System.Text;
using GoQ.TikTokSync.Core.Time;

namespace GoQ.TikTokSync.Core.Orders;

/// <summary>
/// Checks a tracking number and ship date before anything is saved. Yamato, Sagawa and Japan Post domestic numbers are
/// 12 digits whose last digit is the first eleven digits mod 7 (see docs/japanese-operations.md#tracking-numbers). Hyphens and spaces are accepted
/// on input and stored bare.
/// </summary>
public static class TrackingNumberRules
{
    public const int CheckDigitNumberLength = 12;

    /// <summary>
    /// UNCONFIRMED: no source gives Seino's format. Digits only, of this length, until a real waybill says otherwise.
    /// </summary>
    public static readonly IReadOnlyDictionary<Carrier, int> SeinoDigitCount = new Dictionary<Carrier, int>
    {
        [Carrier.SeinoTransportation] = 10,
        [Carrier.SeinoSuperExpress] = 10,
    };

    public sealed record Result(string? Normalized, string? Error, string? Warning)
    {
        public bool IsValid => Error is null;
    }

    public static string Normalize(string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var text = input.Normalize(NormalizationForm.FormKC);
        return new string(text.Where(c => c is not ('-' or ' ' or '\u3000' or '\u2010' or '\u2212' or '\u30FC')).ToArray()).Trim();
    }

    public static bool HasValidCheckDigit(string digits) =>
        digits.Length == CheckDigitNumberLength && digits.All(char.IsAsciiDigit)
        && long.Parse(digits[..11], CultureInfo.InvariantCulture) % 7 == digits[11] - '0';

    public static Result Validate(Carrier carrier, string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return new Result(null, "伝票番号を入力してください。", null);
        }

        var number = Normalize(input);
        if (!number.All(char.IsAsciiDigit))
        {
            return new Result(null, "伝票番号は数字で入力してください（ハイフン・空白は入力できます）。", null);
        }

        if (SeinoDigitCount.TryGetValue(carrier, out var length))
        {
            if (number.Length != length)
            {
                return new Result(null, string.Format(CultureInfo.InvariantCulture, "{0}の伝票番号は{1}桁の数字です。", carrier.JapaneseName(), length), null);
            }

            return new Result(number, null, HasValidCheckDigit(number) ? "ヤマト運輸・佐川急便・日本郵便の伝票番号の形式です。配送業者をご確認ください。" : null);
        }

        if (number.Length != CheckDigitNumberLength)
        {
            var hint = SeinoDigitCount.Values.Contains(number.Length) ? "西濃運輸の伝票番号ではありませんか？" : string.Empty;
            return new Result(null, $"{carrier.JapaneseName()}の伝票番号は12桁の数字です。{hint}", null);
        }

        if (!HasValidCheckDigit(number))
        {
            return new Result(null, $"{carrier.JapaneseName()}の伝票番号として正しくありません（チェックデジット不一致）。入力内容をご確認ください。", null);
        }

        return new Result(number, null, null);
    }

    /// <summary>出荷日: a JST date, not after today, not before the day the order was placed.</summary>
    public static string? ValidateShipDate(DateOnly? shipDate, DateTime orderedAtUtc, TimeProvider time)
    {
        if (shipDate is not { } date)
        {
            return "出荷日を入力してください。";
        }

        if (date > JapanTime.Today(time))
        {
            return "出荷日に未来の日付は指定できません。";
        }

        var orderDate = DateOnly.FromDateTime(JapanTime.ToJst(orderedAtUtc).DateTime);
        return date < orderDate ? string.Create(CultureInfo.InvariantCulture, $"出荷日は注文日（{orderDate:yyyy/MM/dd}）以降の日付を指定してください。") : null;
    }
}
