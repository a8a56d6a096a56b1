using System.Collections.Concurrent;

namespace G2B.Eventing.Tests.Support;

/// <summary>Stands in for the sidecar: records what was published, can be "down", can be slow.</summary>
public sealed class RecordingPublisher : IOutboxPublisher
{
    private readonly ConcurrentQueue<Published> _published;
    private readonly ConcurrentDictionary<Guid, int> _failuresLeft = new();
    private int _failedCalls;
    private int _calls;
    private int _inFlight;
    private int _maxInFlight;
    private TaskCompletionSource _gate = Open();

    public RecordingPublisher(ConcurrentQueue<Published>? sharedLog = null, string name = "publisher")
    {
        _published = sharedLog ?? new ConcurrentQueue<Published>();
        Name = name;
    }

    public string Name { get; }

    public bool Down { get; set; }

    public TimeSpan Latency { get; set; } = TimeSpan.Zero;

    /// <summary>A sidecar that accepts the call and never answers: the publish waits until it is cancelled.</summary>
    public bool Hangs { get; set; }

    /// <summary>What a failed publish says.</summary>
    public string FailureMessage { get; set; } = "sidecar unavailable (test)";

    public IReadOnlyList<Published> Log => [.. _published];

    /// <summary>What was published of one ordering key, in the order it went out: the order that is promised.</summary>
    public IEnumerable<Guid> OfKey(string key) => Log.Where(p => p.OrderingKey == key).Select(p => p.Id);

    public int FailedCalls => Volatile.Read(ref _failedCalls);

    /// <summary>Publish calls begun, whatever became of them.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>The most publish calls that were under way at the same time.</summary>
    public int MaxInFlight
    {
        get
        {
            lock (_published)
            {
                return _maxInFlight;
            }
        }
    }

    /// <summary>From now on every publish waits at the gate until <see cref="OpenGate"/>.</summary>
    public void CloseGate() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void OpenGate() => _gate.TrySetResult();

    private static TaskCompletionSource Open()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }

    /// <summary>The next <paramref name="times"/> attempts for this event fail.</summary>
    public void FailNext(Guid eventId, int times) => _failuresLeft[eventId] = times;

    public async Task PublishAsync(OutboxMessage message, CancellationToken ct)
    {
        Interlocked.Increment(ref _calls);
        lock (_published)
        {
            _inFlight++;
            _maxInFlight = Math.Max(_maxInFlight, _inFlight);
        }

        try
        {
            await _gate.Task.WaitAsync(ct);
            await PublishCoreAsync(message, ct);
        }
        finally
        {
            lock (_published)
            {
                _inFlight--;
            }
        }
    }

    private async Task PublishCoreAsync(OutboxMessage message, CancellationToken ct)
    {
        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency, ct);
        }

        if (Hangs)
        {
            await Task.Delay(Timeout.Infinite, ct);
        }

        if (Down || (_failuresLeft.TryGetValue(message.Id, out var left) && left > 0 && _failuresLeft.TryUpdate(message.Id, left - 1, left)))
        {
            Interlocked.Increment(ref _failedCalls);
            throw new InvalidOperationException(FailureMessage);
        }

        // The trace the publication ran in, as the SDK would carry it to the sidecar.
        var activity = System.Diagnostics.Activity.Current;
        _published.Enqueue(new Published(
            message.Id, message.Topic, message.EventType, message.OrderingKey, message.Payload, Name,
            activity is null ? null : new PublishTrace(activity.OperationName, activity.TraceId.ToHexString(), activity.ParentSpanId.ToHexString()),
            message.CommittedAt, message.ClaimedAt));
    }
}

public sealed record Published(
    Guid Id, string Topic, string EventType, string? OrderingKey, string Payload, string By, PublishTrace? Trace = null,
    DateTimeOffset? CommittedAt = null, DateTimeOffset? ClaimedAt = null);

public sealed record PublishTrace(string Operation, string TraceId, string ParentSpanId);
