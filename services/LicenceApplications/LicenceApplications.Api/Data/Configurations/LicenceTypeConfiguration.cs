using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LicenceApplications.Api.Data.Configurations;

internal sealed class LicenceTypeConfiguration : IEntityTypeConfiguration<LicenceType>
{
    public void Configure(EntityTypeBuilder<LicenceType> builder)
    {
        builder.ToTable("licence_types", t =>
        {
            t.HasCheckConstraint("ck_licence_types_fee", "fee >= 0");
            t.HasCheckConstraint("ck_licence_types_validity", "validity_months > 0");
            t.HasCheckConstraint("ck_licence_types_days", "renewal_window_days >= 0 AND renewal_grace_days >= 0 AND review_days > 0");
        });
        builder.HasKey(t => t.Code);
        builder.Property(t => t.Code).HasMaxLength(40);
        builder.Property(t => t.Name).HasMaxLength(200);
        builder.Property(t => t.Fee).HasColumnType("numeric(12,2)");
        builder.Property(t => t.Currency).HasMaxLength(3);
        builder.Property(t => t.RenewalWindowDays).HasDefaultValue(60);
        builder.Property(t => t.RenewalGraceDays).HasDefaultValue(30);
        builder.Property(t => t.ReviewDays).HasDefaultValue(30);
    }
}
