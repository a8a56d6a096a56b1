namespace G2B.LoadTest.Measurement;

/// <summary>An event as its producer's outbox recorded it: saved at <paramref name="OccurredAt"/>, its publish call answered at <paramref name="PublishedAt"/>.</summary>
public sealed record OutboxEvent(Guid Id, string Topic, DateTimeOffset OccurredAt, string Producer, DateTimeOffset? PublishedAt = null);

/// <summary>
/// An event as a consumer's inbox recorded it, committed with the handler's effects: <paramref name="ProcessedAt"/> is
/// stamped when the handling starts (the inbox's INSERT), <paramref name="CommittedAt"/> is its transaction's commit
/// (PostgreSQL's commit timestamp, null when the server does not track them).
/// </summary>
public sealed record InboxEntry(Guid EventId, DateTimeOffset ProcessedAt, string Consumer, DateTimeOffset? CommittedAt = null);

/// <summary>
/// An event as its stream entry in Redis recorded it: Redis added the entry at <paramref name="AddedAt"/> (the entry
/// id's milliseconds). <paramref name="CommittedAt"/> and <paramref name="ClaimedAt"/> are the producer's publish
/// metadata (Eventing:Outbox:PublishTimings): its save's commit returned, its dispatcher's claim returned. (The
/// CloudEvent's time, when the producer's sidecar received the publish, is to the second, as daprd writes it: no step.)
/// </summary>
public sealed record StreamEntry(Guid EventId, DateTimeOffset AddedAt, DateTimeOffset? CommittedAt, DateTimeOffset? ClaimedAt);

/// <summary>
/// A hop's steps in milliseconds, each null when a stamp is missing: the rest of the producer's save (occurred_at to its
/// commit), the dispatcher's wake-up and claim, the publish (the gRPC call, the producer's sidecar and its XADD, until
/// Redis has the entry), the consumer's sidecar reading and delivering it until the handling starts, the handler and its
/// commit; and <paramref name="Durable"/>, the hop as issue 16 defines it: the producer's commit to the handler's commit.
/// </summary>
public sealed record HopSteps(double? Save, double? Claim, double? Publish, double? ToHandler, double? Handler, double? Durable);

/// <summary>
/// One event delivered to one consuming service: from the producer's occurred_at to the consumer's processed_at.
/// <paramref name="ProducerMilliseconds"/> is its producer's side, occurred_at to published_at (the dispatcher's
/// wake-up, claim, and the publish call to the sidecar, answered once the entry is in Redis); the rest of the hop
/// is the consumer's side (its sidecar's read, the delivery, the handler and the inbox's commit). Null when the
/// outbox row has no published_at.
/// </summary>
public sealed record Hop(string Producer, string Consumer, string Topic, double Milliseconds, double? ProducerMilliseconds = null, HopSteps? Steps = null)
{
    public string Route => $"{Producer} -> {Consumer} ({Topic})";
}

/// <summary>The hops of a window, and the window's events no consumer had recorded yet.</summary>
public sealed record HopSet(IReadOnlyList<Hop> Hops, int EventsInWindow, int EventsNotConsumed);

public static class HopJoin
{
    /// <summary>
    /// Joins the events produced in [<paramref name="from"/>, <paramref name="to"/>] with the inbox rows of
    /// every consumer on the event id. An event several services consume gives one hop each; an event
    /// nobody has consumed (yet) is counted apart, not as a hop.
    /// </summary>
    /// <param name="streams">The events' stream entries, when Redis was read; a hop whose event has one gets its steps.</param>
    public static HopSet Join(
        IEnumerable<OutboxEvent> outbox, IEnumerable<InboxEntry> inbox, DateTimeOffset from, DateTimeOffset to, IEnumerable<StreamEntry>? streams = null)
    {
        var events = outbox.Where(e => e.OccurredAt >= from && e.OccurredAt <= to).ToDictionary(e => e.Id);
        // An entry dead-lettered or published twice has several; the first one added is the hop's.
        var entries = (streams ?? []).GroupBy(s => s.EventId).ToDictionary(g => g.Key, g => g.MinBy(s => s.AddedAt)!);
        var hops = new List<Hop>();
        var consumed = new HashSet<Guid>();
        foreach (var entry in inbox)
        {
            if (events.TryGetValue(entry.EventId, out var e))
            {
                consumed.Add(e.Id);
                hops.Add(new Hop(e.Producer, entry.Consumer, e.Topic, (entry.ProcessedAt - e.OccurredAt).TotalMilliseconds,
                    (e.PublishedAt - e.OccurredAt)?.TotalMilliseconds,
                    entries.TryGetValue(e.Id, out var stream) ? Steps(e, stream, entry) : null));
            }
        }

        return new HopSet(hops, events.Count, events.Count - consumed.Count);
    }

    private static HopSteps Steps(OutboxEvent e, StreamEntry s, InboxEntry i) => new(
        Between(e.OccurredAt, s.CommittedAt),
        Between(s.CommittedAt, s.ClaimedAt),
        Between(s.ClaimedAt, s.AddedAt),
        Between(s.AddedAt, i.ProcessedAt),
        Between(i.ProcessedAt, i.CommittedAt),
        Between(s.CommittedAt, i.CommittedAt));

    private static double? Between(DateTimeOffset? start, DateTimeOffset? end) => (end - start)?.TotalMilliseconds;
}

/// <summary>Nearest-rank percentiles of a set of values.</summary>
public static class Percentile
{
    /// <summary>The smallest value with at least <paramref name="percent"/> % of the values at or below it; NaN for none.</summary>
    public static double Of(IReadOnlyList<double> sorted, double percent)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(percent / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    /// <summary>p50, p95, p99 and max of <paramref name="values"/>.</summary>
    public static (double P50, double P95, double P99, double Max) Summary(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return (Of(sorted, 50), Of(sorted, 95), Of(sorted, 99), sorted.Count == 0 ? double.NaN : sorted[^1]);
    }
}
