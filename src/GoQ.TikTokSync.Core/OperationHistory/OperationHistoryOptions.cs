using System.ComponentModel.DataAnnotations;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Retention;
using GoQ.TikTokSync.Core.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GoQ.TikTokSync.Core.OperationHistory;

public sealed class OperationHistoryOptions : IValidatableObject
{
    public const string SectionName = "OperationHistory";

    /// <summary>操作履歴 rows older than this many days are deleted by the daily purge, until an admin sets 保存期間.</summary>
    [Range(RetentionSettings.MinDays, RetentionSettings.MaxDays)]
    public int RetentionDays { get; set; } = 365;

    /// <summary>
    /// The shortest 保存期間 anyone may set for 操作履歴. Only configuration changes it, never the screen: an admin who could
    /// set one day could wipe the audit trail of what they just did.
    /// </summary>
    [Range(RetentionSettings.MinDays, RetentionSettings.MaxDays)]
    public int MinRetentionDays { get; set; } = 90;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RetentionDays < MinRetentionDays)
        {
            yield return new ValidationResult(
                $"OperationHistory:RetentionDays ({RetentionDays}) must not be below OperationHistory:MinRetentionDays ({MinRetentionDays}).",
                [nameof(RetentionDays)]);
        }
    }
}
