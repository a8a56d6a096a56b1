namespace G2B.Eventing;

/// <summary>
/// Proof that <see cref="Consumer"/> has processed event <see cref="EventId"/>. The primary key
/// (event_id, consumer) is what makes a redelivery a no-op, also under concurrent deliveries.
/// </summary>
public sealed class InboxMessage
{
    public Guid EventId { get; set; }

    public required string Consumer { get; set; }

    public DateTimeOffset ProcessedAt { get; set; }
}
