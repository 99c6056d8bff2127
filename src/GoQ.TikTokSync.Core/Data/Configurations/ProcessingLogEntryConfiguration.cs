using GoQ.TikTokSync.Core.ProcessingLog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GoQ.TikTokSync.Core.Data.Configurations;

internal sealed class ProcessingLogEntryConfiguration : IEntityTypeConfiguration<ProcessingLogEntry>
{
    public void Configure(EntityTypeBuilder<ProcessingLogEntry> builder)
    {
        builder.Property(e => e.TriggeredBy).HasMaxLength(256);
        builder.Property(e => e.Reason).HasMaxLength(1000);
        builder.HasIndex(e => e.StartedAtUtc);
        builder.HasIndex(e => new { e.MallConnectionId, e.StartedAtUtc });
        // The janitor looks for unfinished entries every minute; they are a handful among months of finished ones.
        builder.HasIndex(e => e.FinishedAtUtc);
        builder.HasMany(e => e.Items).WithOne().HasForeignKey(i => i.ProcessingLogEntryId).OnDelete(DeleteBehavior.Cascade);
    }
}
