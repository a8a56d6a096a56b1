using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FeePayments.Api.Data.Configurations;

internal sealed class CancelledApplicationConfiguration : IEntityTypeConfiguration<CancelledApplication>
{
    public void Configure(EntityTypeBuilder<CancelledApplication> builder)
    {
        builder.ToTable("cancelled_applications");
        builder.HasKey(c => c.ApplicationId).HasName("PK_cancelled_applications");
        builder.Property(c => c.ApplicationId).ValueGeneratedNever();
    }
}
