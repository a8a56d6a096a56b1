using System.Text.Json;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Notifications.Api.Email;
using Notifications.Api.Webhooks;

namespace Notifications.Api.Feed;

/// <summary>
/// Appends events to the feed inside the inbox transaction, and fans each out to the webhook
/// delivery outbox and the email outbox in that same transaction: an event is in the feed and
/// queued for every matching endpoint and recipient, or none of these. Every change a reader may
/// care about is announced with a <see cref="FeedNotice"/>, delivered at commit.
/// </summary>
internal sealed class FeedWriter(NotificationsDbContext db, WebhookFanOut fanOut, EmailFanOut mail, InboxClaim claim, TimeProvider time)
{
    // Any constant both writers agree on; it names the feed's append lock.
    private const long AppendLockKey = 0x6732626665656431;

    public async Task AppendAsync(Guid eventId, DateTimeOffset occurredAt, FeedEntry entry, CancellationToken ct)
    {
        // Everything that does not need the sequence is done before the append lock is taken, so
        // concurrent handlers overlap in all of it and queue only for the insert itself.
        var registrationNumber = entry.RegistrationNumber;
        if (registrationNumber is null && entry.ApplicationId is { } applicationId)
        {
            // Under the application's lock: a link committed after this lookup finds this item as an orphan.
            await using var lookup = await CommandAsync(
                $"{ApplicationLockSql}; SELECT registration_number FROM application_links WHERE application_id = @app", ct);
            lookup.Parameters.Add(new NpgsqlParameter("app", applicationId));
            await using var reader = await lookup.ExecuteReaderAsync(ct);
            await reader.NextResultAsync(ct); // past the lock; the lookup's snapshot is taken after it
            registrationNumber = await reader.ReadAsync(ct) ? reader.GetString(0) : null;
        }

        var item = new FeedItem
        {
            EventId = eventId,
            Type = entry.Type,
            OccurredAt = occurredAt,
            ReceivedAt = time.GetUtcNow(),
            RegistrationNumber = registrationNumber,
            ApplicationId = entry.ApplicationId,
            Subject = JsonSerializer.Serialize(entry.Subject, EventingJson.Options),
            Data = JsonSerializer.Serialize(entry.Data, EventingJson.Options),
        };

        var company = registrationNumber is not null;
        var mailed = company && await mail.QueueAsync(item, ct); // a mail's key is the event id, not the sequence

        // Sequences are handed out in commit order: a reader that has seen sequence n can never
        // later find an n-1 that committed after it. The lock lasts until the inbox commits; the
        // lock, the inbox row of the delivery (when the handler claims it), the insert, the webhook
        // messages (an item with a company) and the notice, which says whether any message was
        // queued, are one round trip. A redelivery finds its inbox row there and appends nothing.
        var claiming = claim.IsOpen;
        await using var command = await CommandAsync($"""
            SELECT pg_advisory_xact_lock(@lock);
            WITH {(claiming ? $"claim AS ({claim.InsertSql}), " : "")}f AS (
                INSERT INTO feed_items (event_id, type, occurred_at, received_at, registration_number, application_id, subject, data)
                SELECT @event_id, @type, @occurred_at, @received_at, @registration_number, @application_id, @subject::jsonb, @data::jsonb
                {(claiming ? "WHERE EXISTS (SELECT FROM claim)" : "")}
                RETURNING seq
            ){(company ? $", d AS ({WebhookFanOut.InsertSql("f.seq", from: ", f")})" : "")}
            SELECT seq, pg_notify(@channel, {(company ? "CASE WHEN EXISTS (SELECT FROM d) THEN @notice_queued ELSE @notice END" : "@notice")} || seq) FROM f;
            """, ct);
        command.Parameters.Add(new NpgsqlParameter("lock", AppendLockKey));
        command.Parameters.Add(new NpgsqlParameter("event_id", item.EventId));
        command.Parameters.Add(new NpgsqlParameter("type", item.Type));
        command.Parameters.Add(new NpgsqlParameter("occurred_at", item.OccurredAt));
        command.Parameters.Add(new NpgsqlParameter("received_at", item.ReceivedAt));
        command.Parameters.Add(new NpgsqlParameter("registration_number", NpgsqlDbType.Varchar) { Value = (object?)registrationNumber ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("application_id", NpgsqlDbType.Uuid) { Value = (object?)item.ApplicationId ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("subject", NpgsqlDbType.Text) { Value = item.Subject });
        command.Parameters.Add(new NpgsqlParameter("data", NpgsqlDbType.Text) { Value = item.Data });
        command.Parameters.Add(new NpgsqlParameter("channel", FeedSignal.Channel));
        command.Parameters.Add(new NpgsqlParameter("notice", NpgsqlDbType.Text)
        {
            Value = FeedNotice.AppendPrefix(item.Type, registrationNumber, webhooks: false, mail: mailed),
        });
        if (company)
        {
            command.Parameters.Add(new NpgsqlParameter("notice_queued", NpgsqlDbType.Text)
            {
                Value = FeedNotice.AppendPrefix(item.Type, registrationNumber, webhooks: true, mail: mailed),
            });
            command.Parameters.AddRange(fanOut.Parameters(registrationNumber!, item.Type,
                WebhookFanOut.Serialize(item.Type, item.OccurredAt, FeedItemResponse.From(item))).ToArray());
        }

        if (claiming)
        {
            command.Parameters.AddRange(claim.Parameters().ToArray());
        }

        // Delivered to listeners at commit, not before: a woken reader finds the row.
        await using var appendResult = await command.ExecuteReaderAsync(ct);
        await appendResult.NextResultAsync(ct); // past the lock
        var appended = await appendResult.ReadAsync(ct);
        if (claiming)
        {
            claim.Settle(appended);
        }
    }

    /// <summary>
    /// Records which company an application belongs to (and its owner, when the event names one), and
    /// gives the feed items that arrived before it (invoice events overtaking the application's own
    /// events) their company now.
    /// </summary>
    public async Task LinkApplicationAsync(Guid applicationId, string registrationNumber, string? ownerSubject, CancellationToken ct)
    {
        // One round trip: the application's lock (see AppendAsync), the link, the owner, the orphans given their company.
        await using var command = await CommandAsync($"""
            {ApplicationLockSql};
            INSERT INTO application_links (application_id, registration_number) VALUES (@app, @reg) ON CONFLICT DO NOTHING;
            {(ownerSubject is null ? "" : RecordOwnerSql + ";")}
            UPDATE feed_items SET registration_number = @reg WHERE application_id = @app AND registration_number IS NULL
            RETURNING seq, event_id, type, occurred_at, received_at, subject::text, data::text;
            """, ct);
        command.Parameters.Add(new NpgsqlParameter("app", applicationId));
        command.Parameters.Add(new NpgsqlParameter("reg", registrationNumber));
        if (ownerSubject is not null)
        {
            AddOwner(command, registrationNumber, ownerSubject);
        }

        var orphans = new List<FeedItem>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (!reader.IsClosed && reader.FieldCount != 7 && await reader.NextResultAsync(ct))
            {
            }

            while (await reader.ReadAsync(ct))
            {
                orphans.Add(new FeedItem
                {
                    Sequence = reader.GetInt64(0), EventId = reader.GetGuid(1), Type = reader.GetString(2),
                    OccurredAt = reader.GetFieldValue<DateTimeOffset>(3), ReceivedAt = reader.GetFieldValue<DateTimeOffset>(4),
                    RegistrationNumber = registrationNumber, ApplicationId = applicationId,
                    Subject = reader.GetString(5), Data = reader.GetString(6),
                });
            }
        }

        if (orphans.Count == 0)
        {
            return;
        }

        var (webhooks, mailed) = (false, false);
        foreach (var orphan in orphans)
        {
            webhooks |= await fanOut.QueueAsync(orphan, ct);
            mailed |= await mail.QueueAsync(orphan, ct);
        }

        // The company's owner may now see them.
        await NotifyAsync(FeedNotice.ForLink(registrationNumber, webhooks, mailed), ct);
    }

    /// <summary>The first owner heard of wins: ownership does not change hands in this suite. Announced only when new.</summary>
    public async Task RecordOwnerAsync(string registrationNumber, string ownerSubject, CancellationToken ct)
    {
        await using var command = await CommandAsync(RecordOwnerSql, ct);
        command.Parameters.Add(new NpgsqlParameter("reg", registrationNumber));
        AddOwner(command, registrationNumber, ownerSubject);
        await command.ExecuteNonQueryAsync(ct);
    }

    private const string RecordOwnerSql = """
        WITH learnt AS (
            INSERT INTO company_owners (registration_number, owner_subject) VALUES (@reg, @owner) ON CONFLICT DO NOTHING RETURNING 1
        )
        SELECT pg_notify(@channel, @owner_notice) FROM learnt
        """;

    private static void AddOwner(NpgsqlCommand command, string registrationNumber, string ownerSubject)
    {
        command.Parameters.Add(new NpgsqlParameter("owner", ownerSubject));
        command.Parameters.Add(new NpgsqlParameter("channel", FeedSignal.Channel));
        command.Parameters.Add(new NpgsqlParameter("owner_notice", FeedNotice.ForOwner(registrationNumber, ownerSubject)));
    }

    // Serialises, per application, looking up its company for an item (AppendAsync) with linking it
    // (LinkApplicationAsync): otherwise an invoice could miss a link committed meanwhile, and the link
    // the invoice, leaving it without a company for good. Two int keys: apart from the append lock.
    private const string ApplicationLockSql = "SELECT pg_advisory_xact_lock(1735549540, hashtext(@app::text))";

    private async Task<NpgsqlCommand> CommandAsync(string sql, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(ct); // open already inside the inbox transaction
        }

        return new NpgsqlCommand(sql, connection)
        {
            Transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction(),
        };
    }

    private Task NotifyAsync(string notice, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync("SELECT pg_notify({0}, {1})", [FeedSignal.Channel, notice], ct);
}
