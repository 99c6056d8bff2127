using GoQ.TikTokSync.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GoQ.TikTokSync.Core.Data.Configurations;

internal sealed class FirstAdminClaimConfiguration : IEntityTypeConfiguration<FirstAdminClaim>
{
    public void Configure(EntityTypeBuilder<FirstAdminClaim> builder)
    {
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.AdminUserId).HasMaxLength(450).IsRequired();
    }
}
