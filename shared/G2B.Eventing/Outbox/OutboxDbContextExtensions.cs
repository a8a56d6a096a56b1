using System.Diagnostics;
using System.Text.Json;
using G2B.IntegrationEvents;
using Microsoft.EntityFrameworkCore;

namespace G2B.Eventing;

public static class OutboxDbContextExtensions
{
    private static long _addedOrder;

    /// <summary>
    /// Queues <paramref name="evt"/> for publication: adds an outbox row to the change tracker, so
    /// it is written by the same SaveChanges (and transaction) as the state change.
    /// </summary>
    /// <param name="orderingKey">
    /// Events with the same key are published in the order they were saved, typically the
    /// aggregate's id (a registration number, an application id). Null when order does not matter.
    /// </param>
    public static OutboxMessage AddIntegrationEvent<TEvent>(this DbContext dbContext, TEvent evt, string? orderingKey = null)
        where TEvent : IntegrationEvent, ITopicEvent
    {
        ArgumentNullException.ThrowIfNull(evt);
        var message = new OutboxMessage
        {
            Id = evt.Id,
            Topic = TEvent.Topic,
            EventType = TEvent.EventType,
            // Serialised as the concrete type so base-record fields and subtype fields all travel.
            Payload = JsonSerializer.Serialize(evt, EventingJson.Options),
            OrderingKey = orderingKey,
            OccurredAt = evt.OccurredAt.ToUniversalTime(),
            // Due at once, whatever the clocks of the replicas say.
            NextAttemptAt = DateTimeOffset.UnixEpoch,
            AddedOrder = Interlocked.Increment(ref _addedOrder),
            TraceParent = Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity ? activity.Id : null,
        };
        dbContext.Set<OutboxMessage>().Add(message);
        return message;
    }
}
