using LicenceApplications.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LicenceApplications.Api.Data.Configurations;

internal sealed class LicenceConfiguration : IEntityTypeConfiguration<Licence>
{
    public void Configure(EntityTypeBuilder<Licence> builder)
    {
        builder.ToTable("licences", t =>
        {
            t.HasCheckConstraint("ck_licences_status", "status IN ('Active', 'Suspended', 'Revoked', 'Expired')");
            t.HasCheckConstraint("ck_licences_validity", "valid_until >= valid_from");
            t.HasCheckConstraint("ck_licences_suspension_cause", "(status = 'Suspended') = (suspension_cause IS NOT NULL)");
        });
        builder.HasKey(l => l.LicenceNumber);
        builder.Property(l => l.LicenceNumber).HasMaxLength(60);
        builder.Property(l => l.RegistrationNumber).HasMaxLength(40);
        builder.Property(l => l.LicenceType).HasMaxLength(40);
        builder.Property(l => l.OwnerSubject).HasMaxLength(200);
        builder.Property(l => l.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(l => l.SuspensionCause).HasMaxLength(40);
        builder.Property(l => l.StatusReason).HasMaxLength(1000);
        builder.Property<uint>("RowVersion").IsRowVersion();

        // One licence per application, however often a payment event is redelivered.
        builder.HasIndex(l => l.ApplicationId).HasDatabaseName("ux_licences_application_id").IsUnique();
        builder.HasIndex(l => l.RegistrationNumber).HasDatabaseName("ix_licences_registration_number");
        // The expiry job scans only live licences by end date.
        builder.HasIndex(l => l.ValidUntil).HasDatabaseName("ix_licences_live_valid_until")
            .HasFilter("status IN ('Active', 'Suspended')");
        builder.HasOne<LicenceApplication>().WithOne().HasForeignKey<Licence>(l => l.ApplicationId).OnDelete(DeleteBehavior.Restrict);
    }
}
