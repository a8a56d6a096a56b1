using G2B.Eventing.Tests.Data;

namespace G2B.Eventing.Tests.Support;

/// <summary>Lets a test slow the handler down (to make deliveries overlap) or make it fail.</summary>
public sealed class HandlerProbe
{
    private int _calls;
    private int _failuresLeft;
    private int _transientFailuresLeft;

    public TimeSpan Delay { get; set; } = TimeSpan.Zero;

    public int Calls => _calls;

    public void FailNext(int times) => _failuresLeft = times;

    /// <summary>The next <paramref name="times"/> calls fail as a dropped connection does: an error the execution strategy retries.</summary>
    public void FailTransientlyNext(int times) => _transientFailuresLeft = times;

    internal async Task EnterAsync(CancellationToken ct)
    {
        Interlocked.Increment(ref _calls);
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, ct);
        }

        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            throw new InvalidOperationException("handler failure (test)");
        }

        if (Interlocked.Decrement(ref _transientFailuresLeft) >= 0)
        {
            throw new Npgsql.NpgsqlException("connection lost (test)", new TimeoutException());
        }
    }
}

/// <summary>The effect a duplicate must not repeat: one note per event, and an event of its own in the outbox.</summary>
public sealed class NoteWrittenHandler(EventingTestDbContext db, HandlerProbe probe) : IIntegrationEventHandler<NoteWrittenIntegrationEvent>
{
    public async Task HandleAsync(NoteWrittenIntegrationEvent evt, CancellationToken ct)
    {
        db.Notes.Add(new Note { Text = $"handled:{evt.Text}" });
        await probe.EnterAsync(ct);
    }
}
