using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.OperationHistory;
using GoQ.TikTokSync.Core.OperationHistory.Recording;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.ProcessingLog;
using GoQ.TikTokSync.Core.Retention;
using GoQ.TikTokSync.Core.Users;
using GoQ.TikTokSync.Core.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GoQ.TikTokSync.Core.Data;

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

internal sealed class AuthorizationRequestConfiguration : IEntityTypeConfiguration<AuthorizationRequest>
{
    public void Configure(EntityTypeBuilder<AuthorizationRequest> builder)
    {
        builder.HasKey(r => r.State);
        builder.Property(r => r.State).HasMaxLength(64);
        builder.Property(r => r.UserId).HasMaxLength(450).IsRequired();
        builder.HasOne<MallConnection>().WithMany().HasForeignKey(r => r.MallConnectionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => r.ExpiresAtUtc);
    }
}

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
    }
}

internal sealed class ProcessingLogEntryConfiguration : IEntityTypeConfiguration<ProcessingLogEntry>
{
    public void Configure(EntityTypeBuilder<ProcessingLogEntry> builder)
    {
        builder.Property(e => e.TriggeredBy).HasMaxLength(256);
        builder.Property(e => e.Reason).HasMaxLength(1000);
        builder.HasIndex(e => e.StartedAtUtc);
        builder.HasIndex(e => new { e.MallConnectionId, e.StartedAtUtc });
        // The janitor looks for unfinished entries every minute; they are a handful among months of finished ones.
        builder.HasIndex(e => e.FinishedAtUtc);
        builder.HasMany(e => e.Items).WithOne().HasForeignKey(i => i.ProcessingLogEntryId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProcessingLogItemConfiguration : IEntityTypeConfiguration<ProcessingLogItem>
{
    public void Configure(EntityTypeBuilder<ProcessingLogItem> builder)
    {
        builder.Property(i => i.TikTokOrderId).HasMaxLength(32);
        builder.Property(i => i.Message).HasMaxLength(2000);
        builder.Property(i => i.TikTokRequestId).HasMaxLength(100);
    }
}

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

internal sealed class OperationHistoryEntryConfiguration : IEntityTypeConfiguration<OperationHistoryEntry>
{
    public void Configure(EntityTypeBuilder<OperationHistoryEntry> builder)
    {
        builder.ToTable("OperationHistory");
        builder.Property(e => e.UserId).HasMaxLength(450);
        builder.Property(e => e.UserName).HasMaxLength(256).IsRequired();
        builder.Property(e => e.IpAddress).HasMaxLength(64);
        builder.Property(e => e.Summary).HasMaxLength(OperationHistoryRecorder.SummaryMaxLength).IsRequired();
        builder.Property(e => e.Details).HasMaxLength(OperationHistoryRecorder.DetailsMaxLength);
        builder.Property(e => e.TargetUrl).HasMaxLength(300);
        builder.HasMany(e => e.Orders).WithOne().HasForeignKey(o => o.OperationHistoryEntryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => e.OccurredAtUtc);
        builder.HasIndex(e => new { e.UserId, e.OccurredAtUtc });
        builder.HasIndex(e => new { e.Kind, e.OccurredAtUtc });
    }
}

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

internal sealed class RetentionSettingsConfiguration : IEntityTypeConfiguration<RetentionSettings>
{
    public void Configure(EntityTypeBuilder<RetentionSettings> builder)
    {
        builder.Property(s => s.Id).ValueGeneratedNever();
    }
}

internal sealed class SetupCodeConfiguration : IEntityTypeConfiguration<SetupCode>
{
    public void Configure(EntityTypeBuilder<SetupCode> builder)
    {
        builder.Property(c => c.CodeHash).HasMaxLength(64).IsRequired();
    }
}

internal sealed class FirstAdminClaimConfiguration : IEntityTypeConfiguration<FirstAdminClaim>
{
    public void Configure(EntityTypeBuilder<FirstAdminClaim> builder)
    {
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.AdminUserId).HasMaxLength(450).IsRequired();
    }
}
