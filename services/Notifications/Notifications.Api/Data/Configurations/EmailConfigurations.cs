using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Notifications.Api.Data.Configurations;

internal sealed class CompanyContactConfiguration : IEntityTypeConfiguration<CompanyContact>
{
    public void Configure(EntityTypeBuilder<CompanyContact> builder)
    {
        builder.ToTable("company_contacts");
        builder.HasKey(c => c.RegistrationNumber);
        builder.Property(c => c.RegistrationNumber).HasMaxLength(64);
        builder.Property(c => c.ContactEmail).HasMaxLength(254);
        builder.Property(c => c.PreferredLanguage).HasMaxLength(2);
        builder.Property(c => c.LegalName).HasMaxLength(300);
    }
}

internal sealed class LicenceRecordConfiguration : IEntityTypeConfiguration<LicenceRecord>
{
    public void Configure(EntityTypeBuilder<LicenceRecord> builder)
    {
        builder.ToTable("licences");
        builder.HasKey(l => l.LicenceNumber);
        builder.Property(l => l.LicenceNumber).HasMaxLength(64);
        builder.Property(l => l.RegistrationNumber).HasMaxLength(64);
        builder.Property(l => l.LicenceType).HasMaxLength(100);
        builder.Property(l => l.Status).HasMaxLength(32);
        builder.HasIndex(l => l.ValidUntil).HasDatabaseName("ix_licences_active_valid_until").HasFilter("status = 'Active'");
    }
}

internal sealed class EmailMessageConfiguration : IEntityTypeConfiguration<EmailMessage>
{
    public void Configure(EntityTypeBuilder<EmailMessage> builder)
    {
        builder.ToTable("email_messages", t =>
            t.HasCheckConstraint("ck_email_messages_status", "status IN ('Pending', 'Sent', 'Failed')"));
        builder.HasKey(m => m.Id);
        builder.Property(m => m.SourceKey).HasMaxLength(200);
        builder.Property(m => m.Kind).HasMaxLength(50);
        builder.Property(m => m.Recipient).HasMaxLength(254);
        builder.Property(m => m.Language).HasMaxLength(2);
        builder.Property(m => m.RegistrationNumber).HasMaxLength(64);
        builder.Property(m => m.MessageId).HasMaxLength(200);
        builder.Property(m => m.Subject).HasMaxLength(500);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.LastError).HasMaxLength(1000);
        // One cause, one recipient, one kind: one mail, whatever is redelivered or raced.
        builder.HasIndex(m => new { m.SourceKey, m.Recipient, m.Kind }).IsUnique().HasDatabaseName("ux_email_messages_source_recipient_kind");
        builder.HasIndex(m => m.MessageId).IsUnique().HasDatabaseName("ux_email_messages_message_id");
        builder.HasIndex(m => m.NextAttemptAt).HasDatabaseName("ix_email_messages_due").HasFilter("status = 'Pending'");
    }
}
