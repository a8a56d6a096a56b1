namespace G2B.IntegrationEvents;

/// <summary>
/// Base of every integration event. <see cref="Id"/> travels as the CloudEvent id, so a
/// consumer's inbox can recognise a redelivery of the same event.
/// </summary>
public abstract record IntegrationEvent
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public DateTimeOffset OccurredAt { get; init; } = DateTimeOffset.UtcNow;
}

/// <summary>
/// An event published on a named topic. The topic is a kebab-case constant declared next to
/// the event (never derived from the type name), so renaming a class cannot move a topic.
/// </summary>
public interface ITopicEvent
{
    static abstract string Topic { get; }

    /// <summary>The CloudEvent <c>type</c>; a breaking change ships as a new type (…V2) on the same topic.</summary>
    static abstract string EventType { get; }
}
