using LicenceApplications.Api.Domain;
using Microsoft.EntityFrameworkCore;
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
        });
        builder.HasKey(t => t.Code);
        builder.Property(t => t.Code).HasColumnName("code").HasMaxLength(40);
        builder.Property(t => t.Name).HasColumnName("name").HasMaxLength(200);
        builder.Property(t => t.Fee).HasColumnName("fee").HasColumnType("numeric(12,2)");
        builder.Property(t => t.Currency).HasColumnName("currency").HasMaxLength(3);
        builder.Property(t => t.ValidityMonths).HasColumnName("validity_months");
        builder.Property(t => t.RequiresReview).HasColumnName("requires_review");
        builder.Property(t => t.EligibleActivityCodes).HasColumnName("eligible_activity_codes");
    }
}
