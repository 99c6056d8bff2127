using System.ComponentModel.DataAnnotations;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GoQ.TikTokSync.Core.Retention;

/// <summary>
/// 保存期間 as an admin set it on screen (one row). Absent until first saved; the configured options are the defaults.
/// </summary>
public class RetentionSettings
{
    public const int SingletonId = 1;
    public const int MinDays = 1;
    public const int MaxDays = 3650;

    public int Id { get; set; } = SingletonId;

    public int OperationHistoryDays { get; set; }

    public int ProcessingLogDays { get; set; }

    public DateTime UpdatedAtUtc { get; set; }
}
