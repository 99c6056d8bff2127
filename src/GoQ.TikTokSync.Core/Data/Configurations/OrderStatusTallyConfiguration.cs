using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GoQ.TikTokSync.Core.Data.Configurations;

internal sealed class OrderStatusTallyConfiguration : IEntityTypeConfiguration<OrderStatusTally>
{
    public void Configure(EntityTypeBuilder<OrderStatusTally> builder)
    {
        builder.ToTable(OrderStatusTally.TableName);
        builder.HasKey(t => t.Id);
        builder.HasIndex(t => new { t.MallConnectionId, t.Status });
        builder.HasOne<MallConnection>().WithMany().HasForeignKey(t => t.MallConnectionId).OnDelete(DeleteBehavior.Cascade);
    }
}
