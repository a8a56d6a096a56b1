using G2B.IntegrationEvents;
using Notifications.Api.Feed;

namespace Notifications.Api.IntegrationEvents.Handlers;

/// <summary>
/// Base of every handler: says what the event looks like in the feed, and optionally learns
/// ownership from it first. A new event type is one subclass plus one line in
/// <see cref="Subscriptions"/>.
/// <para>
/// The feed's append writes the delivery's inbox row in its own statement (<see cref="IInboxClaimingHandler"/>):
/// one round trip fewer per event. A redelivery runs the handler again: what it learns is an upsert, what it
/// queues is keyed, and all of it is rolled back when the append finds the event's inbox row.
/// </para>
/// </summary>
internal abstract class FeedHandler<TEvent>(FeedWriter writer) : IIntegrationEventHandler<TEvent>, IInboxClaimingHandler
    where TEvent : IntegrationEvent
{
    protected FeedWriter Writer => writer;

    public async Task HandleAsync(TEvent evt, CancellationToken ct)
    {
        await LearnAsync(evt, ct);
        await writer.AppendAsync(evt.Id, evt.OccurredAt, Describe(evt), ct);
    }

    protected abstract FeedEntry Describe(TEvent evt);

    protected virtual Task LearnAsync(TEvent evt, CancellationToken ct) => Task.CompletedTask;

    protected static IReadOnlyDictionary<string, object?> Ids(params (string Name, object? Value)[] ids) =>
        ids.ToDictionary(i => i.Name, i => i.Value);
}
