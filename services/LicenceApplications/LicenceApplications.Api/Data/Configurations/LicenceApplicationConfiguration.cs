using LicenceApplications.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LicenceApplications.Api.Data.Configurations;

internal sealed class LicenceApplicationConfiguration : IEntityTypeConfiguration<LicenceApplication>
{
    public void Configure(EntityTypeBuilder<LicenceApplication> builder)
    {
        builder.ToTable("applications", t => t.HasCheckConstraint(
            "ck_applications_status",
            "status IN ('AwaitingPayment', 'UnderReview', 'Issued', 'Rejected', 'Expired', 'Cancelled')"));
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(a => a.RegistrationNumber).HasColumnName("registration_number").HasMaxLength(40);
        builder.Property(a => a.LicenceType).HasColumnName("licence_type").HasMaxLength(40);
        builder.Property(a => a.OwnerSubject).HasColumnName("owner_subject").HasMaxLength(200);
        builder.Property(a => a.Status).HasColumnName("status").HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Fee).HasColumnName("fee").HasColumnType("numeric(12,2)");
        builder.Property(a => a.Currency).HasColumnName("currency").HasMaxLength(3);
        builder.Property(a => a.SubmittedAt).HasColumnName("submitted_at");
        builder.Property(a => a.PaymentReference).HasColumnName("payment_reference").HasMaxLength(40);
        builder.Property(a => a.LicenceNumber).HasColumnName("licence_number").HasMaxLength(60);
        builder.Property(a => a.DecisionReason).HasColumnName("decision_reason").HasMaxLength(1000);
        builder.Property<uint>("RowVersion").IsRowVersion();

        // One open application per company and type, enforced by the database so concurrent
        // submissions cannot both pass a check in code.
        builder.HasIndex(a => new { a.RegistrationNumber, a.LicenceType })
            .HasDatabaseName("ux_applications_open_per_type")
            .IsUnique()
            .HasFilter("status IN ('AwaitingPayment', 'UnderReview')");
        builder.HasIndex(a => a.OwnerSubject).HasDatabaseName("ix_applications_owner_subject");
        builder.HasIndex(a => a.PaymentReference).HasDatabaseName("ux_applications_payment_reference").IsUnique();
        builder.HasIndex(a => a.LicenceNumber).HasDatabaseName("ux_applications_licence_number").IsUnique();
        builder.HasOne<LicenceType>().WithMany().HasForeignKey(a => a.LicenceType).OnDelete(DeleteBehavior.Restrict);

        builder.HasMany(a => a.History).WithOne().HasForeignKey(h => h.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.History).HasField("_history").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ApplicationHistoryEntryConfiguration : IEntityTypeConfiguration<ApplicationHistoryEntry>
{
    public void Configure(EntityTypeBuilder<ApplicationHistoryEntry> builder)
    {
        builder.ToTable("application_history");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Id).HasColumnName("id").UseIdentityAlwaysColumn();
        builder.Property(h => h.ApplicationId).HasColumnName("application_id");
        builder.Property(h => h.Status).HasColumnName("status").HasConversion<string>().HasMaxLength(20);
        builder.Property(h => h.At).HasColumnName("at");
        builder.Property(h => h.Cause).HasColumnName("cause").HasMaxLength(1100);
    }
}
