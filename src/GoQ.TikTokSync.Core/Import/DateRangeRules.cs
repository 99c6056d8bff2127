using System.Globalization;
using GoQ.TikTokSync.Core.Time;

namespace GoQ.TikTokSync.Core.Import;

/// <summary>The 取得日時 window of a manual fetch: JST input, UTC out, with the messages shown next to the fields.</summary>
public static class DateRangeRules
{
    public sealed record Result(DateTime? FromUtc, DateTime? ToUtc, IReadOnlyList<(string Field, string Message)> Errors);

    private static readonly string[] Formats = ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy/MM/dd HH:mm", "yyyy-MM-dd HH:mm", "yyyy/MM/dd", "yyyy-MM-dd"];

    public static Result Validate(string? from, string? to, int maxDays, DateTimeOffset now)
    {
        var errors = new List<(string, string)>();
        var fromUtc = Parse(from, "From", "取得日時（開始）", errors);
        var toUtc = Parse(to, "To", "取得日時（終了）", errors);
        if (fromUtc is not null && toUtc is not null)
        {
            if (toUtc < fromUtc)
            {
                errors.Add(("To", "取得日時（終了）は開始以降の日時を指定してください。"));
            }
            else if (toUtc.Value - fromUtc.Value > TimeSpan.FromDays(maxDays))
            {
                errors.Add(("To", string.Format(CultureInfo.InvariantCulture, "取得日時の期間は{0}日以内で指定してください。", maxDays)));
            }

            if (fromUtc > now.UtcDateTime)
            {
                errors.Add(("From", "取得日時（開始）に未来の日時は指定できません。"));
            }
        }

        return errors.Count == 0 ? new Result(fromUtc, toUtc > now.UtcDateTime ? now.UtcDateTime : toUtc, errors) : new Result(null, null, errors);
    }

    private static DateTime? Parse(string? text, string field, string label, List<(string, string)> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add((field, $"{label}を入力してください。"));
            return null;
        }

        if (!DateTime.TryParseExact(text.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            errors.Add((field, $"{label}の形式が正しくありません（例: 2026/11/28 09:00）。"));
            return null;
        }

        // Year 1 or 9999 would overflow the conversion to UTC; no order is that old or that far ahead.
        if (local.Year < MinYear || local.Year > MaxYear)
        {
            errors.Add((field, string.Format(CultureInfo.InvariantCulture, "{0}は{1}年から{2}年までの日時で指定してください。", label, MinYear, MaxYear)));
            return null;
        }

        return new DateTimeOffset(local, JapanTime.Offset).UtcDateTime;
    }

    public const int MinYear = 2000;

    public const int MaxYear = 2100;
}
