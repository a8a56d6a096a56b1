using Microsoft.EntityFrameworkCore;

namespace G2B.Eventing;

/// <summary>The SQL of the dispatcher: claiming due rows safely across replicas, and housekeeping.</summary>
internal static class OutboxClaims
{
    /// <summary>
    /// Claims, in one statement (one round trip), the due head (oldest unpublished row) of up to
    /// <paramref name="batchSize"/> ordering keys, skipping rows another replica holds, and up to
    /// <paramref name="batchSize"/> unpublished rows behind those heads, so one round publishes a backlog
    /// of a key instead of one row per poll. Holding a key's head is holding the key: no other replica
    /// sees a later row of that key as a head while the head is unpublished, so nobody else can hold the
    /// rows behind it. Oldest first.
    /// <para>
    /// A claim that returns rows also makes the round's own commit (the published marks, or a failed row's retry
    /// time) asynchronous: <c>synchronous_commit</c> off for this transaction only, so the round does not wait for
    /// the WAL's flush. Losing such a commit (PostgreSQL itself crashing within about 3 x wal_writer_delay; an app
    /// crash loses nothing) only leaves rows unpublished that were published: the next round publishes them again,
    /// with their event ids, and the consumers' inboxes absorb the copies. Per-key order holds: the WAL is flushed in
    /// order, so the marks lost are the latest ones, a suffix of each key's published rows, and they go out again
    /// oldest first before anything behind them. Any later durable commit (a producer's save) flushes the marks
    /// before it. The producers' and the consumers' commits stay synchronous.
    /// </para>
    /// </summary>
    public static Task<List<OutboxMessage>> ClaimAsync(DbContext db, DateTimeOffset now, int batchSize, CancellationToken ct)
    {
        // Only the table name (from the model, quoted) is spliced in; values are parameters.
        var table = EventingTables.Outbox(db);
        var sql = $$"""
                WITH heads AS MATERIALIZED (
                    SELECT o.id, o.ordering_key, o.seq FROM {{table}} o
                    WHERE o.published_at IS NULL
                      AND o.next_attempt_at <= {0}
                      AND NOT EXISTS (
                          SELECT 1 FROM {{table}} p
                          WHERE p.published_at IS NULL AND p.ordering_key = o.ordering_key AND p.seq < o.seq)
                    ORDER BY o.seq
                    LIMIT {1}
                    FOR UPDATE SKIP LOCKED
                ),
                followers AS (
                    SELECT o.id FROM {{table}} o
                    JOIN heads h ON o.ordering_key = h.ordering_key AND o.seq > h.seq
                    WHERE o.published_at IS NULL
                    ORDER BY o.seq
                    LIMIT {1}
                )
                SELECT o.*, set_config('synchronous_commit', 'off', true) AS asynchronous_mark FROM {{table}} o
                WHERE o.id IN (SELECT id FROM heads UNION ALL SELECT id FROM followers)
                ORDER BY o.seq
                FOR UPDATE OF o
                """;
        return db.Set<OutboxMessage>().FromSqlRaw(sql, now, batchSize).AsTracking().ToListAsync(ct);
    }

    /// <summary>
    /// Takes <paramref name="count"/> values of the outbox sequence, ascending. Assigning them in the
    /// order events were added keeps that order even though EF may insert rows in any order.
    /// </summary>
    public static async Task<List<long>> NextSequencesAsync(DbContext db, int count, CancellationToken ct)
    {
        var values = await SequenceQuery(db, count).ToListAsync(ct);
        // Stryker disable once Statement : equivalent on PostgreSQL, which calls nextval row by row in series order; the sort makes it a guarantee.
        values.Sort();
        return values;
    }

    public static List<long> NextSequences(DbContext db, int count)
    {
        var values = SequenceQuery(db, count).ToList();
        // Stryker disable once Statement : equivalent on PostgreSQL, which calls nextval row by row in series order; the sort makes it a guarantee.
        values.Sort();
        return values;
    }

    private static IQueryable<long> SequenceQuery(DbContext db, int count)
    {
        var table = EventingTables.Outbox(db).Replace("'", "''", StringComparison.Ordinal);
        var sql = $"SELECT nextval(pg_get_serial_sequence('{table}', 'seq')) AS \"Value\" FROM generate_series(1, {{0}})";
        return db.Database.SqlQueryRaw<long>(sql, count);
    }

    public static Task<int> PruneAsync(DbContext db, DateTimeOffset publishedBefore, CancellationToken ct) =>
        db.Set<OutboxMessage>()
            .Where(m => m.PublishedAt != null && m.PublishedAt < publishedBefore)
            .ExecuteDeleteAsync(ct);

    public static Task<int> CountPendingAsync(DbContext db, CancellationToken ct) =>
        db.Set<OutboxMessage>().CountAsync(m => m.PublishedAt == null, ct);
}
