using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GoQ.TikTokSync.Core.Data.Configurations;

internal sealed class WebhookNotificationConfiguration : IEntityTypeConfiguration<WebhookNotification>
{
    public void Configure(EntityTypeBuilder<WebhookNotification> builder)
    {
        builder.Property(n => n.DedupeKey).HasMaxLength(100).IsRequired();
        builder.Property(n => n.ShopId).HasMaxLength(64).IsRequired();
        builder.Property(n => n.TikTokOrderId).HasMaxLength(32);
        builder.HasIndex(n => n.DedupeKey).IsUnique();
        builder.HasOne<MallConnection>().WithMany().HasForeignKey(n => n.MallConnectionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(n => new { n.MallConnectionId, n.ProcessedAtUtc });
        builder.HasIndex(n => n.ReceivedAtUtc);
    }
}
