using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace G2B.Eventing;

/// <summary>Instruments of the Meter <see cref="MeterName"/>.</summary>
public sealed class EventingMetrics
{
    public const string MeterName = "G2B.Eventing";

    private readonly Counter<long> _published;
    private readonly Counter<long> _publishFailures;
    private readonly Counter<long> _deadLetters;
    private readonly Counter<long> _handled;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _conflictRetries;
    private readonly ConcurrentDictionary<string, long> _pending = new();

    public EventingMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _published = meter.CreateCounter<long>("g2b.eventing.outbox.published", "{event}", "Outbox rows published to the broker.");
        _publishFailures = meter.CreateCounter<long>("g2b.eventing.outbox.publish_failures", "{attempt}", "Failed publish attempts (retried with backoff).");
        meter.CreateObservableGauge("g2b.eventing.outbox.pending", ObservePending, "{event}", "Outbox rows not yet published.");
        _deadLetters = meter.CreateCounter<long>("g2b.eventing.dead_letters", "{event}", "Events that reached this service's dead-letter topics.");
        _handled = meter.CreateCounter<long>("g2b.eventing.inbox.handled", "{event}", "Events handled (first delivery).");
        _duplicates = meter.CreateCounter<long>("g2b.eventing.inbox.duplicates", "{event}", "Redeliveries recognised by the inbox and skipped.");
        _conflictRetries = meter.CreateCounter<long>("g2b.eventing.inbox.conflict_retries", "{attempt}", "Handler attempts rolled back for a concurrent write and run again.");
    }

    internal void Published(string topic) => _published.Add(1, new KeyValuePair<string, object?>("topic", topic));

    internal void PublishFailed(string topic) => _publishFailures.Add(1, new KeyValuePair<string, object?>("topic", topic));

    internal void DeadLetter(string topic) => _deadLetters.Add(1, new KeyValuePair<string, object?>("topic", topic));

    internal void Handled(string topic) => _handled.Add(1, new KeyValuePair<string, object?>("topic", topic));

    internal void Duplicate(string topic) => _duplicates.Add(1, new KeyValuePair<string, object?>("topic", topic));

    internal void ConflictRetry(string topic) => _conflictRetries.Add(1, new KeyValuePair<string, object?>("topic", topic));

    internal void SetPending(string store, long count) => _pending[store] = count;

    private IEnumerable<Measurement<long>> ObservePending() =>
        _pending.Select(p => new Measurement<long>(p.Value, new KeyValuePair<string, object?>("store", p.Key)));
}
