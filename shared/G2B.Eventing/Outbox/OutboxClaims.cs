using Microsoft.EntityFrameworkCore;

namespace G2B.Eventing;

/// <summary>The SQL of the dispatcher: claiming due rows safely across replicas, and housekeeping.</summary>
internal static class OutboxClaims
{
    /// <summary>
    /// Locks the due head (oldest unpublished row) of up to <paramref name="batchSize"/> ordering
    /// keys, skipping rows another replica holds. Holding a key's head is holding the key: no other
    /// replica sees a later row of that key as a head while the head is unpublished.
    /// </summary>
    public static Task<List<OutboxMessage>> ClaimHeadsAsync(DbContext db, DateTimeOffset now, int batchSize, CancellationToken ct)
    {
        // Only the table name (from the model, quoted) is spliced in; values are parameters.
        var sql = $$"""
                SELECT o.* FROM {{EventingTables.Outbox(db)}} o
                WHERE o.published_at IS NULL
                  AND o.next_attempt_at <= {0}
                  AND NOT EXISTS (
                      SELECT 1 FROM {{EventingTables.Outbox(db)}} p
                      WHERE p.published_at IS NULL AND p.ordering_key = o.ordering_key AND p.seq < o.seq)
                ORDER BY o.seq
                LIMIT {1}
                FOR UPDATE SKIP LOCKED
                """;
        return db.Set<OutboxMessage>().FromSqlRaw(sql, now, batchSize).AsTracking().ToListAsync(ct);
    }

    /// <summary>
    /// The unpublished rows after the claimed heads of their keys, oldest first, so one round
    /// publishes a backlog of a key instead of one row per poll. Nobody else can hold these rows:
    /// they are not heads.
    /// </summary>
    public static Task<List<OutboxMessage>> ClaimFollowersAsync(
        DbContext db, IReadOnlyCollection<OutboxMessage> heads, int batchSize, CancellationToken ct)
    {
        var keyed = heads.Where(h => h.OrderingKey is not null).ToList();
        if (keyed.Count == 0)
        {
            return Task.FromResult(new List<OutboxMessage>());
        }

        var keys = keyed.Select(h => h.OrderingKey!).ToArray();
        var sequences = keyed.Select(h => h.Sequence).ToArray();
        var sql = $$"""
                SELECT o.* FROM {{EventingTables.Outbox(db)}} o
                JOIN unnest({0}::text[], {1}::bigint[]) AS h(ordering_key, seq)
                  ON o.ordering_key = h.ordering_key AND o.seq > h.seq
                WHERE o.published_at IS NULL
                ORDER BY o.seq
                LIMIT {2}
                FOR UPDATE OF o
                """;
        return db.Set<OutboxMessage>().FromSqlRaw(sql, keys, sequences, batchSize).AsTracking().ToListAsync(ct);
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
