using G2B.IntegrationEvents;

namespace G2B.Eventing;

/// <summary>
/// Handles one integration event type. Runs inside the inbox transaction of the service's
/// DbContext: changes made through that (scoped) context commit together with the inbox row, so
/// the effect happens once per event id. Throw to have the sidecar redeliver. On a concurrency
/// conflict the inbox rolls back and calls the handler again (fresh scope), so it may run more than
/// once per delivery: write only through the scoped context.
/// </summary>
public interface IIntegrationEventHandler<in TEvent>
    where TEvent : IntegrationEvent
{
    Task HandleAsync(TEvent evt, CancellationToken ct);
}
