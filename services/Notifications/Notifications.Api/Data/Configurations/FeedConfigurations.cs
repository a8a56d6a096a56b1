using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Notifications.Api.Data.Configurations;

internal sealed class FeedItemConfiguration : IEntityTypeConfiguration<FeedItem>
{
    public void Configure(EntityTypeBuilder<FeedItem> builder)
    {
        builder.ToTable("feed_items");
        builder.HasKey(f => f.Sequence);
        builder.Property(f => f.Sequence).HasColumnName("seq").UseIdentityAlwaysColumn();
        builder.Property(f => f.Type).HasMaxLength(100);
        builder.Property(f => f.RegistrationNumber).HasMaxLength(64);
        builder.Property(f => f.Subject).HasColumnType("jsonb");
        builder.Property(f => f.Data).HasColumnType("jsonb");
        // The inbox already skips a redelivered id; this makes "never twice" a database rule.
        builder.HasIndex(f => f.EventId).IsUnique().HasDatabaseName("ux_feed_items_event_id");
        builder.HasIndex(f => new { f.RegistrationNumber, f.Sequence }).HasDatabaseName("ix_feed_items_registration_number_seq");
        // Pruning deletes by age.
        builder.HasIndex(f => f.ReceivedAt).HasDatabaseName("ix_feed_items_received_at");
        builder.HasIndex(f => f.ApplicationId).HasDatabaseName("ix_feed_items_application_id")
            .HasFilter("registration_number IS NULL");
    }
}

internal sealed class CompanyOwnerConfiguration : IEntityTypeConfiguration<CompanyOwner>
{
    public void Configure(EntityTypeBuilder<CompanyOwner> builder)
    {
        builder.ToTable("company_owners");
        builder.HasKey(c => c.RegistrationNumber);
        builder.Property(c => c.RegistrationNumber).HasMaxLength(64);
        builder.Property(c => c.OwnerSubject).HasMaxLength(200);
        builder.HasIndex(c => c.OwnerSubject).HasDatabaseName("ix_company_owners_owner_subject");
    }
}

internal sealed class ApplicationLinkConfiguration : IEntityTypeConfiguration<ApplicationLink>
{
    public void Configure(EntityTypeBuilder<ApplicationLink> builder)
    {
        builder.ToTable("application_links");
        builder.HasKey(a => a.ApplicationId);
        builder.Property(a => a.RegistrationNumber).HasMaxLength(64);
    }
}
