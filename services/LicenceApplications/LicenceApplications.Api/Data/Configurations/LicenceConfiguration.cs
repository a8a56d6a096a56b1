using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LicenceApplications.Api.Data.Configurations;

internal sealed class LicenceConfiguration : IEntityTypeConfiguration<Licence>
{
    public void Configure(EntityTypeBuilder<Licence> builder)
    {
        builder.ToTable("licences", t =>
        {
            t.HasCheckConstraint("ck_licences_status", "status IN ('Active', 'Suspended', 'Revoked', 'Expired', 'Surrendered')");
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
        builder.HasIndex(l => l.EligibilityLapsed).HasDatabaseName("ix_licences_eligibility_lapsed").HasFilter("eligibility_lapsed");
        builder.HasMany(l => l.History).WithOne().HasForeignKey(h => h.LicenceNumber).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(l => l.History).HasField("_history").UsePropertyAccessMode(PropertyAccessMode.Field);

        // One licence per application, however often a payment event is redelivered.
        builder.HasIndex(l => l.ApplicationId).HasDatabaseName("ux_licences_application_id").IsUnique();
        builder.HasIndex(l => l.RegistrationNumber).HasDatabaseName("ix_licences_registration_number");
        // The expiry job scans only live licences by end date.
        builder.HasIndex(l => l.ValidUntil).HasDatabaseName("ix_licences_live_valid_until")
            .HasFilter("status IN ('Active', 'Suspended')");
        builder.HasOne<LicenceApplication>().WithOne().HasForeignKey<Licence>(l => l.ApplicationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class LicenceHistoryEntryConfiguration : IEntityTypeConfiguration<LicenceHistoryEntry>
{
    public void Configure(EntityTypeBuilder<LicenceHistoryEntry> builder)
    {
        builder.ToTable("licence_history");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Id).UseIdentityAlwaysColumn();
        builder.Property(h => h.LicenceNumber).HasMaxLength(60);
        builder.Property(h => h.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(h => h.Cause).HasMaxLength(1000);
    }
}
