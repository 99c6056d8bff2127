using GoQ.TikTokSync.Core.Malls;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GoQ.TikTokSync.Core.Data.Configurations;

internal sealed class MallConnectionConfiguration : IEntityTypeConfiguration<MallConnection>
{
    public void Configure(EntityTypeBuilder<MallConnection> builder)
    {
        builder.Property(c => c.DisplayName).HasMaxLength(100).IsRequired();
        builder.Property(c => c.ProtectedAccessToken).HasMaxLength(4000);
        builder.Property(c => c.ProtectedRefreshToken).HasMaxLength(4000);
        builder.Property(c => c.SellerName).HasMaxLength(200);
        builder.Property(c => c.TikTokShopId).HasMaxLength(32);
        builder.Property(c => c.ShopCipher).HasMaxLength(200);
        builder.Property(c => c.ShopName).HasMaxLength(200);
        builder.Property(c => c.ShopRegion).HasMaxLength(8);
        builder.Property(c => c.ShopCode).HasMaxLength(64);
        builder.Property(c => c.FetchTikTokStatus).HasMaxLength(40).IsRequired();
        builder.Property(c => c.ReauthorizationReason).HasMaxLength(500);
        builder.Property(c => c.FetchLeaseOwner).HasMaxLength(100);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasIndex(c => c.DisplayOrder);
    }
}
