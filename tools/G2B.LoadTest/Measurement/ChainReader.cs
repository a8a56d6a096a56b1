using Npgsql;

namespace G2B.LoadTest.Measurement;

/// <summary>
/// One step of the journey that spans services, from the services' own outbox timestamps: the event that starts it
/// (<see cref="FromTopic"/>) and the event that ends it (<see cref="ToTopic"/>), matched on a field both payloads carry.
/// </summary>
public sealed record Chain(string Name, string FromTopic, string ToTopic, string KeyField)
{
    /// <summary>
    /// A bank's confirmation committed (fee-payments' invoice-paid) to the licence issued (licence-applications'
    /// licence-issued), per application: one hop and the issuing transaction, the figure of issue 16's goal 2.
    /// </summary>
    public static Chain ConfirmToIssued { get; } = new("confirm-to-issued", "invoice-paid", "licence-issued", "applicationId");
}

/// <summary>The chain's starts in the window, each with its end's delay, and the starts with no end yet.</summary>
public sealed record ChainSet(Chain Chain, IReadOnlyList<double> Milliseconds, int NotEnded);

public static class ChainReader
{
    /// <summary>
    /// Reads the starts produced in [<paramref name="from"/>, <paramref name="to"/>] and the ends produced from
    /// <paramref name="from"/> on (an end may follow the window), from every database that has an outbox.
    /// A key started twice (a retried payment is still one invoice-paid) counts its first start.
    /// </summary>
    public static async Task<ChainSet> ReadAsync(
        IEnumerable<SuiteDatabaseEntry> databases, Chain chain, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        var starts = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var ends = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var db in databases)
        {
            await using var connection = new NpgsqlConnection(db.ConnectionString);
            await connection.OpenAsync(ct);
            if (!await HopReader.HasTableAsync(connection, "outbox_messages", ct))
            {
                continue;
            }

            await using var query = new NpgsqlCommand(
                """
                select topic, payload ->> $1, occurred_at from outbox_messages
                where topic in ($2, $3) and occurred_at >= $4 and payload ->> $1 is not null
                """, connection);
            query.Parameters.Add(new() { Value = chain.KeyField });
            query.Parameters.Add(new() { Value = chain.FromTopic });
            query.Parameters.Add(new() { Value = chain.ToTopic });
            query.Parameters.Add(new() { Value = from });
            await using var reader = await query.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var (topic, key, at) = (reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2));
                if (topic == chain.FromTopic && at <= to)
                {
                    Earliest(starts, key, at);
                }
                else if (topic == chain.ToTopic)
                {
                    Earliest(ends, key, at);
                }
            }
        }

        var spans = new List<double>();
        foreach (var (key, start) in starts)
        {
            if (ends.TryGetValue(key, out var end) && end >= start)
            {
                spans.Add((end - start).TotalMilliseconds);
            }
        }

        return new ChainSet(chain, spans, starts.Count - spans.Count);
    }

    private static void Earliest(Dictionary<string, DateTimeOffset> seen, string key, DateTimeOffset at)
    {
        if (!seen.TryGetValue(key, out var known) || at < known)
        {
            seen[key] = at;
        }
    }
}
