using LicenceApplications.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LicenceApplications.Api.Data.Configurations;

internal sealed class CompanyConfiguration : IEntityTypeConfiguration<Company>
{
    public void Configure(EntityTypeBuilder<Company> builder)
    {
        builder.ToTable("companies", t => t.HasCheckConstraint(
            "ck_companies_status", "status IN ('Active', 'Suspended', 'Dissolved')"));
        builder.HasKey(c => c.RegistrationNumber);
        builder.Property(c => c.RegistrationNumber).HasColumnName("registration_number").HasMaxLength(40);
        builder.Property(c => c.LegalName).HasColumnName("legal_name").HasMaxLength(300);
        builder.Property(c => c.OwnerSubject).HasColumnName("owner_subject").HasMaxLength(200);
        builder.Property(c => c.ActivityCodes).HasColumnName("activity_codes");
        builder.Property(c => c.Status).HasColumnName("status").HasMaxLength(20);
        builder.Property(c => c.Version).HasColumnName("version");
        builder.Property(c => c.UpdatedAt).HasColumnName("updated_at");
        builder.Property<uint>("RowVersion").IsRowVersion();
        builder.Ignore(c => c.IsKnown);
    }
}
