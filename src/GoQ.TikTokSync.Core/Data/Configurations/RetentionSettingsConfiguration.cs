using GoQ.TikTokSync.Core.Retention;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GoQ.TikTokSync.Core.Data.Configurations;

internal sealed class RetentionSettingsConfiguration : IEntityTypeConfiguration<RetentionSettings>
{
    public void Configure(EntityTypeBuilder<RetentionSettings> builder)
    {
        builder.Property(s => s.Id).ValueGeneratedNever();
    }
}
