using GoQ.TikTokSync.Core.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GoQ.TikTokSync.Core.Data.Configurations;

internal sealed class OrderHistoryEntryConfiguration : IEntityTypeConfiguration<OrderHistoryEntry>
{
    public void Configure(EntityTypeBuilder<OrderHistoryEntry> builder)
    {
        builder.Property(h => h.Detail).HasMaxLength(OrderHistoryEntry.DetailMaxLength);
        builder.Property(h => h.UserName).HasMaxLength(256);
        builder.HasOne<Order>().WithMany(o => o.History).HasForeignKey(h => h.OrderId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(h => new { h.OrderId, h.AtUtc });
    }
}
