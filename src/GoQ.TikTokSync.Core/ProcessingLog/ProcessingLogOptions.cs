using System.ComponentModel.DataAnnotations;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Retention;
using Microsoft.EntityFrameworkCore;

namespace GoQ.TikTokSync.Core.ProcessingLog;

public sealed class ProcessingLogOptions
{
    public const string SectionName = "ProcessingLog";

    /// <summary>自動処理ログ rows older than this many days are deleted by the daily purge, until an admin sets 保存期間.</summary>
    [Range(RetentionSettings.MinDays, RetentionSettings.MaxDays)]
    public int RetentionDays { get; set; } = 90;
}
