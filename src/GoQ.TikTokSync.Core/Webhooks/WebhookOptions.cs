using System.ComponentModel.DataAnnotations;
using GoQ.TikTokSync.Core.Data;
using GoQ.TikTokSync.Core.Jobs;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GoQ.TikTokSync.Core.Webhooks;

/// <summary>"Webhooks" section: which deliveries are taken, how long they are remembered, how order notifications are gathered into re-reads.</summary>
public sealed class WebhookOptions : IValidatableObject
{
    public const string SectionName = "Webhooks";

    /// <summary>
    /// A delivery whose envelope <c>timestamp</c> is further than this from the app's clock (either way) is acknowledged
    /// and dropped: a captured delivery replayed later cannot pass, however long ago its dedupe row was purged.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan TimestampTolerance { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How long delivered notifications (the dedupe keys) are kept, on their own purge rather than the 自動処理ログ's.
    /// At least twice <see cref="TimestampTolerance"/>: a delivery stays inside the window that long after it arrived.
    /// </summary>
    [Range(typeof(TimeSpan), "00:02:00", "3650.00:00:00")]
    public TimeSpan DedupeRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// How long a queued sync waits for more notifications before it reads the orders. Zero by default: the first
    /// notification of an idle connection is read at once (leading edge), and those arriving while a sync runs are
    /// gathered by that sync's next round, so bursts are still read many orders per call without making anyone wait.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan CoalesceWindow { get; set; } = TimeSpan.Zero;

    /// <summary>How long a sync waits for its connection's lease before stepping back (the previous sync finishing a round).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:30")]
    public TimeSpan BusyWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>When a fetch of the same connection is running, the sync steps back and comes back after this delay.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RescheduleDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a running sync lets notifications gather before its next round. The first notification of an idle
    /// connection is read at once; only those arriving while a sync runs wait this long, so a burst is read in a few large
    /// rounds instead of many small ones that compete with the intake for the database.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:05")]
    public TimeSpan RoundGap { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Notifications taken by one batch; a larger backlog is worked off batch after batch.</summary>
    [Range(1, 10_000)]
    public int MaxNotificationsPerBatch { get; set; } = 1000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (DedupeRetention < TimestampTolerance * 2)
        {
            yield return new ValidationResult(
                "Webhooks:DedupeRetention must be at least twice Webhooks:TimestampTolerance, or a delivery could be replayed while still inside the window.",
                [nameof(DedupeRetention)]);
        }
    }
}
