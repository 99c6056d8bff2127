using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GoQ.TikTokSync.Core.Data.Configurations;

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> builder)
    {
        builder.Property(o => o.TikTokOrderId).HasMaxLength(32).IsRequired();
        builder.Property(o => o.TikTokStatus).HasMaxLength(40).IsRequired();
        builder.Property(o => o.CancelReason).HasMaxLength(500);
        builder.Property(o => o.BuyerUserId).HasMaxLength(64);
        builder.Property(o => o.BuyerMessage).HasMaxLength(2000);
        builder.Property(o => o.SellerNote).HasMaxLength(2000);
        builder.Property(o => o.RecipientName).HasMaxLength(200);
        builder.Property(o => o.RecipientNameKana).HasMaxLength(200);
        builder.Property(o => o.PostalCode).HasMaxLength(16);
        builder.Property(o => o.Prefecture).HasMaxLength(20);
        builder.Property(o => o.City).HasMaxLength(100);
        builder.Property(o => o.Town).HasMaxLength(100);
        builder.Property(o => o.AddressLine).HasMaxLength(200);
        builder.Property(o => o.Building).HasMaxLength(200);
        builder.Property(o => o.FullAddress).HasMaxLength(500);
        builder.Property(o => o.PhoneNumber).HasMaxLength(32);
        builder.Property(o => o.ShippingType).HasMaxLength(16);
        builder.Property(o => o.Currency).HasMaxLength(3).IsRequired();
        builder.Property(o => o.DeliveryOptionId).HasMaxLength(32);
        builder.Property(o => o.WarehouseId).HasMaxLength(32);
        builder.Property(o => o.TrackingNumber).HasMaxLength(64);
        builder.Property(o => o.PushedTrackingNumber).HasMaxLength(64);
        builder.Property(o => o.OperatorNote).HasMaxLength(4000);
        builder.Property(o => o.Version).IsConcurrencyToken();

        // One row per TikTok order per connection, whatever the number of importers racing.
        builder.HasIndex(o => new { o.MallConnectionId, o.TikTokOrderId }).IsUnique();
        builder.HasIndex(o => new { o.GoqStatus, o.OrderedAtUtc });
        builder.HasIndex(o => o.OrderedAtUtc);
        builder.HasIndex(o => o.TrackingNumber);
        builder.Property(o => o.PhoneDigits).HasMaxLength(20);
        builder.HasIndex(o => o.PhoneDigits);
        builder.HasIndex(o => o.RecipientName);
        builder.HasIndex(o => o.RecipientNameKana);

        builder.HasOne<MallConnection>().WithMany().HasForeignKey(o => o.MallConnectionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
    }
}
