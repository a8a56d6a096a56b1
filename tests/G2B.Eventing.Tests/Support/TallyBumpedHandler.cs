using System.Collections.Concurrent;
using G2B.IntegrationEvents;

namespace G2B.Eventing.Tests.Support;

public sealed record TallyBumpedIntegrationEvent(string Key) : IntegrationEvent, ITopicEvent
{
    public static string Topic => "tally-bumped";

    public static string EventType => "g2b.tests.tally-bumped.v1";
}

/// <summary>Lets a test commit a concurrent write between the handler's read and its write, on chosen attempts, per tally.</summary>
public sealed class ConflictProbe
{
    private readonly ConcurrentDictionary<string, int> _attempts = new();
    private readonly ConcurrentDictionary<string, (Func<Task> Write, int Left)> _interference = new();

    public int AttemptsFor(string key) => _attempts.GetValueOrDefault(key);

    /// <summary>The concurrent writer of tally <paramref name="key"/>; it runs on the next <paramref name="times"/> attempts.</summary>
    public void InterfereOnNext(string key, int times, Func<Task> write) => _interference[key] = (write, times);

    internal async Task BetweenReadAndWriteAsync(string key)
    {
        _attempts.AddOrUpdate(key, 1, (_, n) => n + 1);
        if (_interference.TryGetValue(key, out var interference) && interference.Left > 0)
        {
            _interference[key] = interference with { Left = interference.Left - 1 };
            await interference.Write();
        }
    }
}

/// <summary>Read-modify-write of one row: creates the tally at 1 or adds 1 to it.</summary>
public sealed class TallyBumpedHandler(EventingTestDbContext db, ConflictProbe probe) : IIntegrationEventHandler<TallyBumpedIntegrationEvent>
{
    public async Task HandleAsync(TallyBumpedIntegrationEvent evt, CancellationToken ct)
    {
        var tally = await db.Tallies.SingleOrDefaultAsync(t => t.Key == evt.Key, ct);
        await probe.BetweenReadAndWriteAsync(evt.Key);
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
