using GoQ.TikTokSync.Core.ProcessingLog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GoQ.TikTokSync.Core.Data.Configurations;

internal sealed class ProcessingLogItemConfiguration : IEntityTypeConfiguration<ProcessingLogItem>
{
    public void Configure(EntityTypeBuilder<ProcessingLogItem> builder)
    {
        builder.Property(i => i.TikTokOrderId).HasMaxLength(32);
        builder.Property(i => i.Message).HasMaxLength(2000);
        builder.Property(i => i.TikTokRequestId).HasMaxLength(100);
    }
}
