using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Core.OperationHistory.Recording;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GoQ.TikTokSync.Core.Data.Configurations;

internal sealed class OperationHistoryEntryConfiguration : IEntityTypeConfiguration<OperationHistoryEntry>
{
    public void Configure(EntityTypeBuilder<OperationHistoryEntry> builder)
    {
        builder.ToTable("OperationHistory");
        builder.Property(e => e.UserId).HasMaxLength(450);
        builder.Property(e => e.UserName).HasMaxLength(256).IsRequired();
        builder.Property(e => e.IpAddress).HasMaxLength(64);
        builder.Property(e => e.Summary).HasMaxLength(OperationHistoryRecorder.SummaryMaxLength).IsRequired();
        builder.Property(e => e.Details).HasMaxLength(OperationHistoryRecorder.DetailsMaxLength);
        builder.Property(e => e.TargetUrl).HasMaxLength(300);
        builder.HasMany(e => e.Orders).WithOne().HasForeignKey(o => o.OperationHistoryEntryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => e.OccurredAtUtc);
        builder.HasIndex(e => new { e.UserId, e.OccurredAtUtc });
        builder.HasIndex(e => new { e.Kind, e.OccurredAtUtc });
    }
}
