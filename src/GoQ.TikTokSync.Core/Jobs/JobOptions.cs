using System.ComponentModel.DataAnnotations;

namespace GoQ.TikTokSync.Core.Jobs;

/// <summary>"Jobs" section: how background runs hold a connection, show they are alive, and get out of each other's way.</summary>
public sealed class JobOptions
{
    public const string SectionName = "Jobs";

    /// <summary>
    /// How long a connection's fetch lease lasts without renewal, on the database's clock. A node killed mid-run frees the
    /// connection this long after its last renewal.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:02", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How often a running job renews its lease and beats its entries' heartbeat; at most half of
    /// <see cref="LeaseDuration"/> and of <see cref="HeartbeatTimeout"/>, so one late beat is survived.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// An unfinished 自動処理ログ entry whose heartbeat is older than this (on the database's clock) belongs to a node that
    /// stopped: the janitor finishes it as 中断. At least twice <see cref="KeepAliveInterval"/>.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:02", "1.00:00:00")]
    public TimeSpan HeartbeatTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>When the janitor runs (Hangfire cron, 5 fields or 6 with seconds); every minute by default.</summary>
    [Required]
    [RegularExpression(@"^\S+( \S+){4,5}$", ErrorMessage = "Jobs:JanitorCron must be a 5- or 6-field cron expression.")]
    public string JanitorCron { get; set; } = "* * * * *";

    /// <summary>A manual fetch that finds its connection busy comes back after this delay instead of holding a worker while it waits.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan BusyRetryDelay { get; set; } = TimeSpan.FromSeconds(10);
}
