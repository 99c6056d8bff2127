using System.Globalization;
using GoQ.TikTokSync.Core.Import;
using GoQ.TikTokSync.Core.Time;

namespace GoQ.TikTokSync.Core.Shipping.Push;

public enum ExportWindowField
{
    From,
    To,
}

public sealed record ExportWindowError(ExportWindowField Field, string Message);

/// <summary>データ書出's 作成期間: JST dates as typed, both days included, as the UTC range [FromUtc, ToUtc).</summary>
public sealed record ExportWindow(DateTime FromUtc, DateTime ToUtc)
{
    public const string DateFormat = "yyyy-MM-dd";

    /// <summary>The last <see cref="ShippingExport.DefaultWindowDays"/> days up to today in Japan.</summary>
    public static (string From, string To) Default(TimeProvider time)
    {
        var today = JapanTime.Today(time);
        return (today.AddDays(-ShippingExport.DefaultWindowDays).ToString(DateFormat, CultureInfo.InvariantCulture), today.ToString(DateFormat, CultureInfo.InvariantCulture));
    }

    /// <summary>The window, or (null) the errors of the field each concerns.</summary>
    public static (ExportWindow? Window, IReadOnlyList<ExportWindowError> Errors) Parse(string? fromText, string? toText)
    {
        var errors = new List<ExportWindowError>();
        if (!DateOnly.TryParseExact(fromText, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var from))
        {
            errors.Add(new(ExportWindowField.From, "作成期間（開始）を日付で入力してください。"));
        }

        if (!DateOnly.TryParseExact(toText, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var to))
        {
            errors.Add(new(ExportWindowField.To, "作成期間（終了）を日付で入力してください。"));
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        // Year 1 or 9999 would overflow the conversion to UTC; the same bounds as the fetch window's.
        if (from.Year < DateRangeRules.MinYear || to.Year > DateRangeRules.MaxYear)
        {
            return (null, [new(from.Year < DateRangeRules.MinYear ? ExportWindowField.From : ExportWindowField.To,
                $"作成期間は{DateRangeRules.MinYear}年から{DateRangeRules.MaxYear}年までの日付で指定してください。")]);
        }

        return from > to
            ? (null, [new(ExportWindowField.To, "作成期間（終了）は開始日以降の日付を指定してください。")])
            : (new ExportWindow(StartOfJstDay(from), StartOfJstDay(to.AddDays(1))), []);
    }

    private static DateTime StartOfJstDay(DateOnly date) =>
        new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), JapanTime.Offset).UtcDateTime;
}
