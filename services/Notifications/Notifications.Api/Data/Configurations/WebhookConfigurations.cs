using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Notifications.Api.Data.Configurations;

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> builder)
    {
        builder.ToTable("webhook_endpoints");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.OwnerSubject).HasMaxLength(200);
        builder.Property(e => e.Url).HasMaxLength(2000);
        builder.Property(e => e.Description).HasMaxLength(500);
        builder.Property(e => e.Secret).HasMaxLength(100);
        builder.Property(e => e.PreviousSecret).HasMaxLength(100);
        builder.Property(e => e.DisabledReason).HasMaxLength(500);
        builder.HasIndex(e => e.OwnerSubject).HasDatabaseName("ix_webhook_endpoints_owner_subject");
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("webhook_deliveries", t =>
            t.HasCheckConstraint("ck_webhook_deliveries_status", "status IN ('Pending', 'Delivered', 'Failed')"));
        builder.HasKey(d => d.Id);
        builder.Ignore(d => d.MessageId);
        builder.Property(d => d.EventType).HasMaxLength(100);
        builder.Property(d => d.Payload).HasColumnType("jsonb");
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(d => d.EndpointId).OnDelete(DeleteBehavior.Cascade);
        // One event becomes at most one message per endpoint, whatever retries or crashes happen.
        builder.HasIndex(d => new { d.EndpointId, d.FeedSequence }).IsUnique()
            .HasDatabaseName("ux_webhook_deliveries_endpoint_feed_seq");
        builder.HasIndex(d => d.NextAttemptAt).HasDatabaseName("ix_webhook_deliveries_due")
            .HasFilter("status = 'Pending'");
    }
}

internal sealed class WebhookAttemptConfiguration : IEntityTypeConfiguration<WebhookAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookAttempt> builder)
    {
        builder.ToTable("webhook_attempts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Error).HasMaxLength(1000);
        builder.HasOne<WebhookDelivery>().WithMany().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.DeliveryId, a.AttemptedAt }).HasDatabaseName("ix_webhook_attempts_delivery");
    }
}
