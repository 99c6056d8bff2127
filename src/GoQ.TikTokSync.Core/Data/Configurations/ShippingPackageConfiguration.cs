using GoQ.TikTokSync.Core.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GoQ.TikTokSync.Core.Data.Configurations;

internal sealed class ShippingPackageConfiguration : IEntityTypeConfiguration<ShippingPackage>
{
    public void Configure(EntityTypeBuilder<ShippingPackage> builder)
    {
        builder.Property(p => p.TrackingNumber).HasMaxLength(64);
        builder.Property(p => p.PushedTrackingNumber).HasMaxLength(64);
        builder.Property(p => p.LineItemIds).HasMaxLength(4000).IsRequired();
        builder.Property(p => p.FailureReason).HasMaxLength(1000);
        builder.Property(p => p.TikTokPackageId).HasMaxLength(32);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.Ignore(p => p.LineItemIdList);
        builder.Ignore(p => p.NeedsTrackingCorrection);
        builder.HasOne<Order>().WithMany(o => o.Packages).HasForeignKey(p => p.OrderId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => new { p.PushState, p.OrderId });
        builder.HasIndex(p => p.TrackingNumber);
    }
}
