using GoQ.TikTokSync.Core.Shipping;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GoQ.TikTokSync.Core.Data.Configurations;

internal sealed class TrackingCsvUploadConfiguration : IEntityTypeConfiguration<TrackingCsvUpload>
{
    public void Configure(EntityTypeBuilder<TrackingCsvUpload> builder)
    {
        builder.ToTable("TrackingCsvUploads");
        builder.Property(u => u.Id).HasMaxLength(64);
        builder.Property(u => u.UserId).HasMaxLength(450).IsRequired();
        builder.Property(u => u.FileName).HasMaxLength(260).IsRequired();
        builder.Property(u => u.Content).IsRequired();
        builder.HasIndex(u => u.ExpiresAtUtc);
    }
}
