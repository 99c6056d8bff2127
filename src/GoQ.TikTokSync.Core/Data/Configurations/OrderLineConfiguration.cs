using GoQ.TikTokSync.Core.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GoQ.TikTokSync.Core.Data.Configurations;

internal sealed class OrderLineConfiguration : IEntityTypeConfiguration<OrderLine>
{
    public void Configure(EntityTypeBuilder<OrderLine> builder)
    {
        builder.Property(l => l.TikTokLineItemId).HasMaxLength(32).IsRequired();
        builder.Property(l => l.SkuId).HasMaxLength(32).IsRequired();
        builder.Property(l => l.SellerSku).HasMaxLength(100);
        builder.Property(l => l.ProductId).HasMaxLength(32);
        builder.Property(l => l.ProductName).HasMaxLength(500).IsRequired();
        builder.Property(l => l.SkuName).HasMaxLength(300);
        builder.Property(l => l.DisplayStatus).HasMaxLength(40);
        builder.Property(l => l.PackageId).HasMaxLength(32);
        builder.HasIndex(l => new { l.OrderId, l.TikTokLineItemId }).IsUnique();

        // 同梱: the orders TikTok combined share a package id; the push and 受注一覧 look them up by it.
        builder.HasIndex(l => l.PackageId);
    }
}
