using System.Collections.Concurrent;

namespace G2B.Eventing.Tests.Support;

/// <summary>Stands in for the sidecar: records what was published, can be "down", can be slow.</summary>
public sealed class RecordingPublisher : IOutboxPublisher
{
    private readonly ConcurrentQueue<Published> _published;
    private readonly ConcurrentDictionary<Guid, int> _failuresLeft = new();
    private int _failedCalls;

    public RecordingPublisher(ConcurrentQueue<Published>? sharedLog = null, string name = "publisher")
    {
        _published = sharedLog ?? new ConcurrentQueue<Published>();
        Name = name;
    }

    public string Name { get; }

    public bool Down { get; set; }

    public TimeSpan Latency { get; set; } = TimeSpan.Zero;

    public IReadOnlyList<Published> Log => [.. _published];

    public int FailedCalls => Volatile.Read(ref _failedCalls);

    /// <summary>The next <paramref name="times"/> attempts for this event fail.</summary>
    public void FailNext(Guid eventId, int times) => _failuresLeft[eventId] = times;

    public async Task PublishAsync(OutboxMessage message, CancellationToken ct)
    {
        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency, ct);
        }

        if (Down || (_failuresLeft.TryGetValue(message.Id, out var left) && left > 0 && _failuresLeft.TryUpdate(message.Id, left - 1, left)))
        {
            Interlocked.Increment(ref _failedCalls);
            throw new InvalidOperationException("sidecar unavailable (test)");
        }

        _published.Enqueue(new Published(message.Id, message.Topic, message.EventType, message.OrderingKey, message.Payload, Name));
    }
}

public sealed record Published(Guid Id, string Topic, string EventType, string? OrderingKey, string Payload, string By);
