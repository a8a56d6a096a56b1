using System.Collections.Concurrent;
using G2B.IntegrationEvents;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace G2B.Eventing.Tests.Support;

/// <summary>Handled by <see cref="SqlClaimingHandler"/>: the inbox row goes in the handler's own statement.</summary>
public sealed record ClaimedInSqlIntegrationEvent(string Text) : IntegrationEvent, ITopicEvent
{
    public static string Topic => "claimed-in-sql";

    public static string EventType => "g2b.tests.claimed-in-sql.v1";
}

/// <summary>
/// Texts that make the claiming handler behave as real ones do on some paths: write nothing (no claim of their
/// own), or refuse to write a note that is there already (failing on the state an earlier delivery left).
/// </summary>
public static class ClaimingTexts
{
    public const string WritesNothing = "nothing:";

    public const string RefusesItsOwnNote = "strict:";

    /// <summary>
    /// Claims through <see cref="InboxClaim.ExecuteAsync"/>, writing two notes (the text's and a second one), then tracks
    /// a third that the inbox saves.
    /// </summary>
    public const string ThroughExecute = "effect:";
}

/// <summary>One statement: the claim as a CTE, and the note only if the claim inserted the inbox row.</summary>
public sealed class SqlClaimingHandler(EventingTestDbContext db, InboxClaim claim, HandlerProbe probe)
    : IIntegrationEventHandler<ClaimedInSqlIntegrationEvent>, IInboxClaimingHandler
{
    /// <summary>What <see cref="InboxClaim.ExecuteAsync"/> returned to each delivery of an event, in order.</summary>
    public static readonly ConcurrentDictionary<Guid, ConcurrentQueue<int?>> ExecuteResults = new();

    public async Task HandleAsync(ClaimedInSqlIntegrationEvent evt, CancellationToken ct)
    {
        await probe.EnterAsync(evt.Id, ct);
        if (evt.Text.StartsWith(ClaimingTexts.WritesNothing, StringComparison.Ordinal))
        {
            return;
        }

        var text = $"handled:{evt.Text}";
        if (evt.Text.StartsWith(ClaimingTexts.RefusesItsOwnNote, StringComparison.Ordinal) && await db.Notes.AnyAsync(n => n.Text == text, ct))
        {
            throw new InvalidOperationException("the note is there already (test)");
        }

        if (evt.Text.StartsWith(ClaimingTexts.ThroughExecute, StringComparison.Ordinal))
        {
            var rows = await claim.ExecuteAsync(
                "INSERT INTO notes (text) SELECT t FROM unnest(ARRAY[@text, @text || ':second']) AS t WHERE EXISTS (SELECT FROM claim) RETURNING 1",
                [new NpgsqlParameter("text", text)], ct);
            ExecuteResults.GetOrAdd(evt.Id, _ => new ConcurrentQueue<int?>()).Enqueue(rows);
            if (rows is not null)
            {
                // Tracked, not saved here: the inbox's save after a claimed delivery writes it (as it does an integration event).
                db.Notes.Add(new Note { Text = $"{text}:tracked" });
            }

            return;
        }

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var command = new NpgsqlCommand(
            $"""
            WITH claim AS ({claim.InsertSql})
            INSERT INTO notes (text) SELECT @text WHERE EXISTS (SELECT FROM claim) RETURNING 1
            """,
            connection)
        {
            Transaction = (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction(),
        };
        command.Parameters.Add(new NpgsqlParameter("text", text));
        command.Parameters.AddRange(claim.Parameters().ToArray());
        claim.Settle(await command.ExecuteScalarAsync(ct) is not null);
    }
}
