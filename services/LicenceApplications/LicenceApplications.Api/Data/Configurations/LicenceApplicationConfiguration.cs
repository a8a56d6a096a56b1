using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LicenceApplications.Api.Data.Configurations;

internal sealed class LicenceApplicationConfiguration : IEntityTypeConfiguration<LicenceApplication>
{
    public void Configure(EntityTypeBuilder<LicenceApplication> builder)
    {
        builder.ToTable("applications", t => t.HasCheckConstraint(
            "ck_applications_status",
            "status IN ('AwaitingPayment', 'UnderReview', 'Issued', 'Rejected', 'Expired', 'Cancelled', "
            + "'InformationRequested', 'Withdrawn', 'UnderAppeal')"));
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.RegistrationNumber).HasMaxLength(40);
        builder.Property(a => a.LicenceType).HasMaxLength(40);
        builder.Property(a => a.OwnerSubject).HasMaxLength(200);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Fee).HasColumnType("numeric(12,2)");
        builder.Property(a => a.Currency).HasMaxLength(3);
        builder.Property(a => a.PaymentReference).HasMaxLength(40);
        builder.Property(a => a.LicenceNumber).HasMaxLength(60);
        builder.Property(a => a.DecisionReason).HasMaxLength(1000);
        builder.Property(a => a.RenewalOf).HasMaxLength(60);
        builder.Property(a => a.Version).HasDefaultValue(1L);
        builder.Property(a => a.RejectedBy).HasMaxLength(200);
        builder.Property<uint>("RowVersion").IsRowVersion();

        // One open application per company and type, and one open renewal per licence, enforced by the
        // database so concurrent submissions cannot both pass a check in code.
        const string open = "status IN ('AwaitingPayment', 'UnderReview', 'InformationRequested')";
        builder.HasIndex(a => new { a.RegistrationNumber, a.LicenceType })
            .HasDatabaseName("ux_applications_open_per_type")
            .IsUnique()
            .HasFilter($"{open} AND renewal_of IS NULL");
        builder.HasIndex(a => a.RenewalOf).HasDatabaseName("ux_applications_open_renewal").IsUnique().HasFilter(open);
        builder.HasIndex(a => new { a.ReviewDueAt, a.Id }).HasDatabaseName("ix_applications_review_due_at")
            .HasFilter("review_due_at IS NOT NULL");
        builder.HasIndex(a => a.OwnerSubject).HasDatabaseName("ix_applications_owner_subject");
        builder.HasIndex(a => a.PaymentReference).HasDatabaseName("ux_applications_payment_reference").IsUnique();
        // A licence is issued by one application; renewals name the licence they renewed.
        builder.HasIndex(a => a.LicenceNumber).HasDatabaseName("ux_applications_licence_number").IsUnique()
            .HasFilter("renewal_of IS NULL");
        builder.HasOne<LicenceType>().WithMany().HasForeignKey(a => a.LicenceType).OnDelete(DeleteBehavior.Restrict);

        builder.HasMany(a => a.History).WithOne().HasForeignKey(h => h.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.History).HasField("_history").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(a => a.InformationRequests).WithOne().HasForeignKey(r => r.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.InformationRequests).HasField("_informationRequests").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ApplicationHistoryEntryConfiguration : IEntityTypeConfiguration<ApplicationHistoryEntry>
{
    public void Configure(EntityTypeBuilder<ApplicationHistoryEntry> builder)
    {
        builder.ToTable("application_history");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Id).UseIdentityAlwaysColumn();
        builder.Property(h => h.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(h => h.Cause).HasMaxLength(1100);
        builder.Property(h => h.ChangedBy).HasMaxLength(200);
    }
}

internal sealed class InformationRequestConfiguration : IEntityTypeConfiguration<InformationRequest>
{
    public void Configure(EntityTypeBuilder<InformationRequest> builder)
    {
        builder.ToTable("information_requests");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).UseIdentityAlwaysColumn();
        builder.Property(r => r.Message).HasMaxLength(1000);
        builder.Property(r => r.RequestedBy).HasMaxLength(200);
        builder.Property(r => r.ResponseMessage).HasMaxLength(1000);
    }
}
