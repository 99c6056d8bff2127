using GoQ.TikTokSync.Core.OperationHistory;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GoQ.TikTokSync.Core.Data.Configurations;

internal sealed class OperationHistoryOrderConfiguration : IEntityTypeConfiguration<OperationHistoryOrder>
{
    public void Configure(EntityTypeBuilder<OperationHistoryOrder> builder)
    {
        builder.HasKey(o => new { o.OperationHistoryEntryId, o.OrderId });
        builder.Property(o => o.OrderNumber).HasMaxLength(64).IsRequired();
        builder.HasIndex(o => o.OrderId);
        builder.HasIndex(o => o.OrderNumber);
    }
}
