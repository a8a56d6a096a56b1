using G2B.Eventing.Tests.Data;
using G2B.IntegrationEvents;
using Microsoft.EntityFrameworkCore;

namespace G2B.Eventing.Tests.Support;

public sealed record TallyBumpedIntegrationEvent(string Key) : IntegrationEvent, ITopicEvent
{
    public static string Topic => "tally-bumped";

    public static string EventType => "g2b.tests.tally-bumped.v1";
}

/// <summary>Lets a test commit a concurrent write between the handler's read and its write, on chosen attempts.</summary>
public sealed class ConflictProbe
{
    private int _attempts;
    private int _interferencesLeft;

    public int Attempts => _attempts;

    /// <summary>The concurrent writer; it runs on the next <paramref name="times"/> attempts.</summary>
    public Func<Task>? Interference { get; private set; }

    public void InterfereOnNext(int times, Func<Task> write)
    {
        Interference = write;
        _interferencesLeft = times;
    }

    internal async Task BetweenReadAndWriteAsync()
    {
        Interlocked.Increment(ref _attempts);
        if (Interference is { } write && Interlocked.Decrement(ref _interferencesLeft) >= 0)
        {
            await write();
        }
    }
}

/// <summary>Read-modify-write of one row: creates the tally at 1 or adds 1 to it.</summary>
public sealed class TallyBumpedHandler(EventingTestDbContext db, ConflictProbe probe) : IIntegrationEventHandler<TallyBumpedIntegrationEvent>
{
    public async Task HandleAsync(TallyBumpedIntegrationEvent evt, CancellationToken ct)
    {
        var tally = await db.Tallies.SingleOrDefaultAsync(t => t.Key == evt.Key, ct);
        await probe.BetweenReadAndWriteAsync();
        if (tally is null)
        {
            db.Tallies.Add(new Tally { Key = evt.Key, Count = 1 });
        }
        else
        {
            tally.Count++;
        }
    }
}
