using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace G2B.Eventing;

/// <summary>
/// A handler that writes the delivery's inbox row in its own SQL statement (<see cref="InboxClaim.InsertSql"/>),
/// instead of the inbox writing it in a round trip of its own before the handler runs. What the handler promises
/// by implementing this:
/// <list type="bullet">
/// <item>It may run for a redelivery of an event already handled (against the state that first delivery left):
/// it writes only through the scoped context, in the delivery's transaction, which is rolled back whole when its
/// claim finds the row; nothing it does leaves the transaction (no HTTP call, no mail sent from the handler).</item>
/// <item>Its effect depends on the claim, in the same statement: no row inserted, no effect.</item>
/// </list>
/// Where it returns without claiming (nothing to write), the inbox writes the row after it. A handler that cannot
/// promise this does not implement the marker, and keeps "a duplicate never reaches the handler".
/// </summary>
public interface IInboxClaimingHandler;

/// <summary>
/// The inbox row of the delivery in progress, for an <see cref="IInboxClaimingHandler"/> (scoped; open only while
/// the inbox runs such a handler, until it is settled). The row decides, as always: its primary key (event id,
/// consumer) lets one transaction insert it, and a concurrent delivery of the same event waits on that insert until
/// the first commits (then inserts nothing: a duplicate) or rolls back (then inserts it).
/// </summary>
public sealed class InboxClaim
{
    private DbContext? _db;
    private InboxMessage? _row;

    internal enum ClaimState
    {
        /// <summary>No claiming handler has run in this scope.</summary>
        Closed,

        /// <summary>Nobody has written the row yet.</summary>
        Open,

        /// <summary>The handler's statement inserted the row.</summary>
        Taken,

        /// <summary>The handler's statement found the row: the event was handled before.</summary>
        Duplicate,
    }

    internal ClaimState State { get; private set; }

    /// <summary>True while a claiming handler runs and nobody has written the row yet.</summary>
    public bool IsOpen => State == ClaimState.Open;

    /// <summary>
    /// An <c>INSERT</c> of the row for a data-modifying CTE of the handler's own statement: it returns one row when it
    /// inserted, none when the event was handled before. Its values are the parameters of <see cref="Parameters"/>.
    /// Make the handler's effect depend on it (<c>WHERE EXISTS (SELECT FROM claim)</c>), then say what happened with
    /// <see cref="Settle"/>.
    /// </summary>
    public string InsertSql => RowInsertSql(OpenContext());

    public IEnumerable<NpgsqlParameter> Parameters()
    {
        var row = OpenRow();
        return RowParameters(row.EventId, row.Consumer, row.ProcessedAt);
    }

    /// <summary>The one INSERT of an inbox row, whoever sends it (the inbox itself, or a claiming handler's statement).</summary>
    internal static string RowInsertSql(DbContext db) => $"""
        INSERT INTO {EventingTables.Inbox(db)} (event_id, consumer, processed_at)
        VALUES (@inbox_event_id, @inbox_consumer, @inbox_processed_at)
        ON CONFLICT (event_id, consumer) DO NOTHING
        RETURNING 1
        """;

    internal static NpgsqlParameter[] RowParameters(Guid eventId, string consumer, DateTimeOffset processedAt) =>
    [
        new("inbox_event_id", eventId),
        new("inbox_consumer", consumer),
        new("inbox_processed_at", processedAt),
    ];

    /// <summary>What the handler's statement did with <see cref="InsertSql"/>: inserted the row, or found it there.</summary>
    public void Settle(bool inserted)
    {
        OpenRow();
        State = inserted ? ClaimState.Taken : ClaimState.Duplicate;
    }

    /// <summary>
    /// The usual claim in one call: <paramref name="effectSql"/> is the handler's data-modifying statement, made
    /// conditional on the claim (<c>WHERE EXISTS (SELECT FROM claim)</c>) and ending in a <c>RETURNING</c> clause. It
    /// runs with the claim as one statement, in the delivery's transaction, and the claim is settled.
    /// Returns the rows the effect returned, or null when the event was handled before (nothing was written: the
    /// handler returns at once, and the inbox rolls its transaction back).
    /// </summary>
    public async Task<int?> ExecuteAsync(string effectSql, IEnumerable<NpgsqlParameter> parameters, CancellationToken ct)
    {
        var db = OpenContext();
        // Through EF Core (its transaction, logging and interceptors); not composed, so sent as written.
        // The texts are the inbox's and the handler's own SQL; every value is a parameter.
        var sql = $"""
            WITH claim AS ({InsertSql}), effect AS ({effectSql})
            SELECT CASE WHEN EXISTS (SELECT FROM claim) THEN (SELECT count(*)::int FROM effect) END AS "Value"
            """;
        var rows = await db.Database.SqlQueryRaw<int?>(sql, [.. parameters, .. Parameters()]).ToListAsync(ct);
        // Stryker disable once Linq : equivalent; the statement returns exactly one row, whatever the claim found.
        var result = rows.Single();
        Settle(result is not null);
        return result;
    }

    internal void Open(DbContext db, Guid eventId, string consumer, DateTimeOffset processedAt)
    {
        _db = db;
        _row = new InboxMessage { EventId = eventId, Consumer = consumer, ProcessedAt = processedAt };
        State = ClaimState.Open;
    }

    private DbContext OpenContext()
    {
        OpenRow();
        return _db!;
    }

    private InboxMessage OpenRow() => State == ClaimState.Open ? _row! : throw NotOpen();

    private static InvalidOperationException NotOpen() =>
        new("No inbox claim is open: only a handler that implements IInboxClaimingHandler, while the inbox runs it, claims, and once.");
}
