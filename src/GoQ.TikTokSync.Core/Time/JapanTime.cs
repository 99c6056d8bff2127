using System.Globalization;

namespace GoQ.TikTokSync.Core.Time;

/// <summary>The store keeps UTC; operators read and type Japan Standard Time (UTC+9, no daylight saving).</summary>
public static class JapanTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(9);

    public static DateTimeOffset ToJst(DateTime utc) =>
        new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToOffset(Offset);

    public static DateTimeOffset ToJst(DateTimeOffset instant) => instant.ToOffset(Offset);

    public static string Format(DateTime? utc) =>
        utc is null ? string.Empty : ToJst(utc.Value).ToString("yyyy/MM/dd HH:mm", CultureInfo.InvariantCulture);

    public static string Format(DateTimeOffset? instant) =>
        instant is null ? string.Empty : ToJst(instant.Value).ToString("yyyy/MM/dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Month, day and time without the year (12/05 18:00), for dense columns such as 発送期限.</summary>
    public static string FormatShort(DateTime? utc) =>
        utc is null ? string.Empty : ToJst(utc.Value).ToString("MM/dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Today's calendar date in Japan, which is what 出荷日 and "today's shipments" mean to an operator.</summary>
    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(ToJst(time.GetUtcNow()).DateTime);
}
