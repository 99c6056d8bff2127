using GoQ.TikTokSync.Core.Malls;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GoQ.TikTokSync.Core.Data.Configurations;

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
