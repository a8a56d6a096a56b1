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
        builder.Property(t => t.Code).HasMaxLength(40);
        builder.Property(t => t.Name).HasMaxLength(200);
        builder.Property(t => t.Fee).HasColumnType("numeric(12,2)");
        builder.Property(t => t.Currency).HasMaxLength(3);
    }
}
