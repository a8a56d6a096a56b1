namespace G2B.Eventing;

/// <summary>
/// An integration event waiting to be (or already) published. Written in the same SaveChanges
/// as the state change it announces, so the two commit or roll back together.
/// </summary>
public sealed class OutboxMessage
{
    /// <summary>The event's id; travels as the CloudEvent id.</summary>
    public Guid Id { get; set; }

    /// <summary>Insertion order (identity column); publication order within an ordering key.</summary>
    public long Sequence { get; set; }

    public required string Topic { get; set; }

    /// <summary>The CloudEvent <c>type</c>.</summary>
    public required string EventType { get; set; }

    /// <summary>The event serialised as its concrete type (jsonb).</summary>
    public required string Payload { get; set; }

    /// <summary>Rows with the same key are published strictly in <see cref="Sequence"/> order; null = no ordering.</summary>
    public string? OrderingKey { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    public string? LastError { get; set; }

    /// <summary>
    /// W3C traceparent of the work that raised the event, so the publication and the consumers'
    /// handling continue the same trace (and their log lines share its trace id).
    /// </summary>
    public string? TraceParent { get; set; }

    // Order of AddIntegrationEvent calls in this process; not mapped (EF maps public properties only).
    internal long AddedOrder { get; set; }

    // With Eventing:Outbox:PublishTimings: when this process saw the row's save commit (null for a row saved by
    // another replica or before a restart) and when the dispatcher's claim returned it. Not mapped; sent as publish
    // metadata for the load tool's hop split, nothing else reads them.
    internal DateTimeOffset? CommittedAt { get; set; }

    internal DateTimeOffset? ClaimedAt { get; set; }
}
