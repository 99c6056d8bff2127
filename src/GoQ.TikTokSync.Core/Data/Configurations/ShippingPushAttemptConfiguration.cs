using GoQ.TikTokSync.Core.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GoQ.TikTokSync.Core.Data.Configurations;

internal sealed class ShippingPushAttemptConfiguration : IEntityTypeConfiguration<ShippingPushAttempt>
{
    public void Configure(EntityTypeBuilder<ShippingPushAttempt> builder)
    {
        builder.Property(a => a.TrackingNumber).HasMaxLength(64);
        builder.Property(a => a.Detail).HasMaxLength(1000);
        builder.Property(a => a.TikTokMessage).HasMaxLength(1000);
        builder.Property(a => a.TikTokRequestId).HasMaxLength(100);
        builder.HasOne<Order>().WithMany(o => o.PushAttempts).HasForeignKey(a => a.OrderId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.OrderId, a.AtUtc });
    }
}
