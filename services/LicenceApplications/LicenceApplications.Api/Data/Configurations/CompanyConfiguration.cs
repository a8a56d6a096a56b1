using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LicenceApplications.Api.Data.Configurations;

internal sealed class CompanyConfiguration : IEntityTypeConfiguration<Company>
{
    public void Configure(EntityTypeBuilder<Company> builder)
    {
        builder.ToTable("companies", t => t.HasCheckConstraint(
            "ck_companies_status", "status IN ('Active', 'Suspended', 'Dissolved')"));
        builder.HasKey(c => c.RegistrationNumber);
        builder.Property(c => c.RegistrationNumber).HasMaxLength(40);
        builder.Property(c => c.LegalName).HasMaxLength(300);
        builder.Property(c => c.OwnerSubject).HasMaxLength(200);
        builder.Property(c => c.Status).HasMaxLength(20);
        builder.Property<uint>("RowVersion").IsRowVersion();
        builder.Ignore(c => c.IsKnown);
    }
}
