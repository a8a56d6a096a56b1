using Npgsql;

namespace G2B.LoadTest.Measurement;

/// <summary>The statistics counters of one table at one moment: scans started on it and rows written to it.</summary>
public sealed record TableCounters(string Service, string Table, long Scans, long RowsRead, long RowsWritten);

/// <summary>What one table was asked in a window: scans (sequential and by index), rows read, rows written.</summary>
public sealed record TableActivity(string Service, string Table, long Scans, long RowsRead, long RowsWritten);

/// <summary>
/// What the services ask of their databases, from PostgreSQL's cumulative statistics
/// (<c>pg_stat_user_tables</c>, <c>pg_stat_database</c>): read before and after a window, the
/// difference says which tables were scanned and how often, and how many transactions each database
/// committed. Without traffic, that is every poll and timer that reaches the database. The
/// statistics are flushed by each backend when it goes idle (at most a few seconds late), and the
/// reads themselves are one transaction per database each time.
/// </summary>
public sealed class DatabaseActivity(IReadOnlyList<TableCounters> tables, IReadOnlyDictionary<string, long> transactions)
{
    public IReadOnlyList<TableCounters> Tables { get; } = tables;

    /// <summary>Transactions committed or rolled back so far, per service.</summary>
    public IReadOnlyDictionary<string, long> Transactions { get; } = transactions;

    public static async Task<DatabaseActivity> ReadAsync(IEnumerable<SuiteDatabaseEntry> databases, CancellationToken ct = default)
    {
        var tables = new List<TableCounters>();
        var transactions = new Dictionary<string, long>();
        foreach (var db in databases)
        {
            await using var connection = new NpgsqlConnection(db.ConnectionString);
            await connection.OpenAsync(ct);
            await using (var query = new NpgsqlCommand(
                """
                select relname, coalesce(seq_scan, 0) + coalesce(idx_scan, 0), coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0),
                       n_tup_ins + n_tup_upd + n_tup_del
                from pg_stat_user_tables
                """, connection))
            {
                await using var reader = await query.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    tables.Add(new TableCounters(db.Service, reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3)));
                }
            }

            await using (var query = new NpgsqlCommand(
                "select xact_commit + xact_rollback from pg_stat_database where datname = current_database()", connection))
            {
                transactions[db.Service] = transactions.GetValueOrDefault(db.Service) + (long)(await query.ExecuteScalarAsync(ct))!;
            }
        }

        return new DatabaseActivity(tables, transactions);
    }

    /// <summary>The tables that were used between <paramref name="before"/> and this, busiest first.</summary>
    public IReadOnlyList<TableActivity> Since(DatabaseActivity before)
    {
        var earlier = before.Tables.ToDictionary(t => (t.Service, t.Table));
        return [.. Tables
            .Select(t => earlier.TryGetValue((t.Service, t.Table), out var b)
                ? new TableActivity(t.Service, t.Table, t.Scans - b.Scans, t.RowsRead - b.RowsRead, t.RowsWritten - b.RowsWritten)
                : new TableActivity(t.Service, t.Table, t.Scans, t.RowsRead, t.RowsWritten))
            .Where(a => a.Scans > 0 || a.RowsWritten > 0)
            .OrderByDescending(a => a.Scans).ThenBy(a => a.Service, StringComparer.Ordinal).ThenBy(a => a.Table, StringComparer.Ordinal)];
    }

    /// <summary>Transactions per service between <paramref name="before"/> and this.</summary>
    public IReadOnlyDictionary<string, long> TransactionsSince(DatabaseActivity before) =>
        Transactions.ToDictionary(t => t.Key, t => t.Value - before.Transactions.GetValueOrDefault(t.Key));
}
