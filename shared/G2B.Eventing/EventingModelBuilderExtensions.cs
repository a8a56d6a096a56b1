using Microsoft.EntityFrameworkCore;

namespace G2B.Eventing;

public static class EventingModelBuilderExtensions
{
    /// <summary>
    /// Adds the <c>outbox_messages</c> and <c>inbox_messages</c> tables to a service's model.
    /// Call from <c>OnModelCreating</c>, then add a migration.
    /// </summary>
    public static ModelBuilder ApplyEventingModel(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable("outbox_messages");
            outbox.HasKey(m => m.Id);
            outbox.Property(m => m.Id).HasColumnName("id").ValueGeneratedNever();
            // BY DEFAULT, not ALWAYS: the INSERT takes the identity's next value, except for rows of one
            // save that share an ordering key, which SaveChanges numbers from the same sequence itself in
            // the order they were added (see OutboxSignalInterceptor).
            outbox.Property(m => m.Sequence).HasColumnName("seq").UseIdentityByDefaultColumn().ValueGeneratedOnAdd();
            outbox.Property(m => m.Topic).HasColumnName("topic").HasMaxLength(200);
            outbox.Property(m => m.EventType).HasColumnName("event_type").HasMaxLength(200);
            outbox.Property(m => m.Payload).HasColumnName("payload").HasColumnType("jsonb");
            outbox.Property(m => m.OrderingKey).HasColumnName("ordering_key").HasMaxLength(200);
            outbox.Property(m => m.OccurredAt).HasColumnName("occurred_at");
            outbox.Property(m => m.Attempts).HasColumnName("attempts");
            outbox.Property(m => m.NextAttemptAt).HasColumnName("next_attempt_at");
            outbox.Property(m => m.PublishedAt).HasColumnName("published_at");
            outbox.Property(m => m.LastError).HasColumnName("last_error").HasMaxLength(2000);
            outbox.Property(m => m.TraceParent).HasColumnName("trace_parent").HasMaxLength(64);

            // The dispatcher only ever scans unpublished rows; partial indexes keep that cheap
            // however many published rows await pruning.
            outbox.HasIndex(m => m.Sequence)
                .HasDatabaseName("ix_outbox_messages_pending")
                .HasFilter("published_at IS NULL");
            outbox.HasIndex(m => new { m.OrderingKey, m.Sequence })
                .HasDatabaseName("ix_outbox_messages_pending_ordering_key")
                .HasFilter("published_at IS NULL");
            outbox.HasIndex(m => m.PublishedAt)
                .HasDatabaseName("ix_outbox_messages_published_at")
                .HasFilter("published_at IS NOT NULL");
        });

        modelBuilder.Entity<InboxMessage>(inbox =>
        {
            inbox.ToTable("inbox_messages");
            inbox.HasKey(m => new { m.EventId, m.Consumer }).HasName("pk_inbox_messages");
            inbox.Property(m => m.EventId).HasColumnName("event_id");
            inbox.Property(m => m.Consumer).HasColumnName("consumer").HasMaxLength(200);
            inbox.Property(m => m.ProcessedAt).HasColumnName("processed_at");
        });

        return modelBuilder;
    }
}
