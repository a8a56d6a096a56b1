using System.Collections.Concurrent;

namespace G2B.Eventing.Tests.Support;

/// <summary>Lets a test slow the handler down for an event (to make deliveries overlap) or make it fail; counts calls per event.</summary>
public sealed class HandlerProbe
{
    private readonly ConcurrentDictionary<Guid, int> _calls = new();
    private readonly ConcurrentDictionary<Guid, int> _failuresLeft = new();
    private readonly ConcurrentDictionary<Guid, int> _transientFailuresLeft = new();
    private readonly ConcurrentDictionary<Guid, TimeSpan> _delays = new();
    private int _allCalls;

    /// <summary>Calls for any event.</summary>
    public int Calls => Volatile.Read(ref _allCalls);

    public int CallsFor(Guid eventId) => _calls.GetValueOrDefault(eventId);

    public void Delay(Guid eventId, TimeSpan delay) => _delays[eventId] = delay;

    public void FailNext(Guid eventId, int times) => _failuresLeft[eventId] = times;

    /// <summary>The next <paramref name="times"/> calls fail as a dropped connection does: an error the execution strategy retries.</summary>
    public void FailTransientlyNext(Guid eventId, int times) => _transientFailuresLeft[eventId] = times;

    internal async Task EnterAsync(Guid eventId, CancellationToken ct)
    {
        Interlocked.Increment(ref _allCalls);
        _calls.AddOrUpdate(eventId, 1, (_, calls) => calls + 1);
        if (_delays.TryGetValue(eventId, out var delay))
        {
            await Task.Delay(delay, ct);
        }

        if (TakeOne(_failuresLeft, eventId))
        {
            throw new InvalidOperationException("handler failure (test)");
        }

        if (TakeOne(_transientFailuresLeft, eventId))
        {
            throw new Npgsql.NpgsqlException("connection lost (test)", new TimeoutException());
        }
    }

    private static bool TakeOne(ConcurrentDictionary<Guid, int> left, Guid eventId)
    {
        while (left.TryGetValue(eventId, out var n) && n > 0)
        {
            if (left.TryUpdate(eventId, n - 1, n))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>The effect a duplicate must not repeat: one note per event, and an event of its own in the outbox.</summary>
public sealed class NoteWrittenHandler(EventingTestDbContext db, HandlerProbe probe) : IIntegrationEventHandler<NoteWrittenIntegrationEvent>
{
    public async Task HandleAsync(NoteWrittenIntegrationEvent evt, CancellationToken ct)
    {
        db.Notes.Add(new Note { Text = $"handled:{evt.Text}" });
        await probe.EnterAsync(evt.Id, ct);
    }
}
