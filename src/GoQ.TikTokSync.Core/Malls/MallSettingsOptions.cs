using System.ComponentModel.DataAnnotations;

namespace GoQ.TikTokSync.Core.Malls;

/// <summary>Bounds for モール詳細設定 that a deployment may tighten ("MallSettings" section).</summary>
public sealed class MallSettingsOptions
{
    public const string SectionName = "MallSettings";

    /// <summary>受注を取得する日数: the smallest allowed look-back.</summary>
    [Range(1, 365)]
    public int MinFetchDays { get; set; } = MallSettingsRules.MinFetchDays;

    /// <summary>受注を取得する日数: the largest allowed look-back (also the widest manual date range).</summary>
    [Range(1, 365)]
    public int MaxFetchDays { get; set; } = MallSettingsRules.MaxFetchDays;

    /// <summary>The OAuth state handed to TikTok is valid this long.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "01:00:00")]
    public TimeSpan AuthorizationStateLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Access tokens are refreshed when they expire within this margin (before each use and by the daily job).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan AccessTokenRefreshMargin { get; set; } = TimeSpan.FromHours(48);

    /// <summary>
    /// When the automatic fetch runs (Hangfire cron, JST). The manual's every 10 minutes; a 6-field cron with seconds is
    /// accepted so that a test deployment can run it every few seconds.
    /// </summary>
    [Required]
    [RegularExpression(@"^\S+( \S+){4,5}$", ErrorMessage = "MallSettings:AutoFetchCron must be a 5- or 6-field cron expression.")]
    public string AutoFetchCron { get; set; } = "*/10 * * * *";

    /// <summary>The yellow banner appears this long before the seller's authorization ends.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "365.00:00:00")]
    public TimeSpan AuthorizationExpiryWarning { get; set; } = TimeSpan.FromDays(30);
}
