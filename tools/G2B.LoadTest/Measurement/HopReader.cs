using Npgsql;

namespace G2B.LoadTest.Measurement;

/// <summary>
/// Reads the outbox and inbox tables of every service database (the services' own timestamps, not
/// the client's polling) and joins them into hops.
/// </summary>
public static class HopReader
{
    /// <param name="redis">The suite's Redis (host:port): when given, each hop is split into its steps (<see cref="HopSteps"/>).</param>
    public static async Task<HopSet> ReadAsync(
        IEnumerable<SuiteDatabaseEntry> databases, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default, string? redis = null)
    {
        var outbox = new List<OutboxEvent>();
        var inbox = new List<InboxEntry>();
        foreach (var db in databases)
        {
            await using var connection = new NpgsqlConnection(db.ConnectionString);
            await connection.OpenAsync(ct);
            if (!await HasTableAsync(connection, "outbox_messages", ct) || !await HasTableAsync(connection, "inbox_messages", ct))
            {
                continue;
            }

            await using (var query = new NpgsqlCommand(
                "select id, topic, occurred_at, published_at from outbox_messages where occurred_at between $1 and $2", connection))
            {
                query.Parameters.Add(new() { Value = from });
                query.Parameters.Add(new() { Value = to });
                await using var reader = await query.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    outbox.Add(new OutboxEvent(reader.GetGuid(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2), db.Service,
                        reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3)));
                }
            }

            // Consumed at or after the window's start: an event of the window cannot be processed before it. An inbox row
            // is never updated, so its xmin is the handler's transaction, whose commit time the server keeps when it
            // tracks commit timestamps (tools/G2B.LocalInfra turns that on); without, the function would fail.
            const string sql = """
                select event_id, processed_at,
                       case when current_setting('track_commit_timestamp')::bool then pg_xact_commit_timestamp(xmin) end
                from inbox_messages where processed_at >= $1
                """;
            await using (var query = new NpgsqlCommand(sql, connection))
            {
                query.Parameters.Add(new() { Value = from });
                await using var reader = await query.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    inbox.Add(new InboxEntry(reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(1), db.Service,
                        reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2)));
                }
            }
        }

        var streams = redis is null ? null : await StreamEntryReader.ReadAsync(redis, outbox.Select(e => e.Topic).Distinct(), from, ct);
        return HopJoin.Join(outbox, inbox, from, to, streams);
    }

    /// <summary>Whether the database has <paramref name="table"/> (a service database without eventing has no outbox).</summary>
    internal static async Task<bool> HasTableAsync(NpgsqlConnection connection, string table, CancellationToken ct)
    {
        await using var query = new NpgsqlCommand("select to_regclass($1) is not null", connection);
        query.Parameters.Add(new() { Value = table });
        return (bool)(await query.ExecuteScalarAsync(ct))!;
    }
}
