using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GoQ.TikTokSync.Core.Data.Configurations;

internal sealed class ShippingProviderMappingConfiguration : IEntityTypeConfiguration<ShippingProviderMapping>
{
    public void Configure(EntityTypeBuilder<ShippingProviderMapping> builder)
    {
        builder.Property(m => m.DeliveryOptionId).HasMaxLength(32).IsRequired();
        builder.Property(m => m.ShippingProviderId).HasMaxLength(32).IsRequired();
        builder.Property(m => m.ShippingProviderName).HasMaxLength(200).IsRequired();
        builder.HasOne<MallConnection>().WithMany().HasForeignKey(m => m.MallConnectionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.MallConnectionId, m.DeliveryOptionId, m.Carrier }).IsUnique();
    }
}
