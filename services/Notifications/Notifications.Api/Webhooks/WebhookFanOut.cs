using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Notifications.Api.Feed;

namespace Notifications.Api.Webhooks;

/// <summary>The body of every webhook message (Standard Webhooks' recommended envelope).</summary>
public sealed record WebhookPayload(string Type, DateTimeOffset Timestamp, object Data);

/// <summary>
/// Queues one message per matching, enabled endpoint for a feed item, in the caller's transaction.
/// The endpoint sees what its owner would see in the feed: the same visibility rule.
/// </summary>
internal sealed class WebhookFanOut(NotificationsDbContext db, TimeProvider time)
{
    /// <summary>Queues an item already in the feed (one whose company was learnt late); true if any message was queued.</summary>
    public async Task<bool> QueueAsync(FeedItem item, CancellationToken ct)
    {
        var parameters = Parameters(item.RegistrationNumber!, item.Type,
            Serialize(item.Type, item.OccurredAt, FeedItemResponse.From(item)));
        parameters.Add(new NpgsqlParameter("d_seq", item.Sequence));
        return await db.Database.ExecuteSqlRawAsync(InsertSql("@d_seq", from: ""), parameters, ct) > 0;
    }

    /// <summary>
    /// One INSERT of an item's message to every endpoint that wants it: enabled, registered for every company or by the
    /// company's owner, and subscribed to the type (no types: all). The endpoints are chosen in the statement itself, so
    /// an event costs no round trip of its own to find them, and most events, which have none, only the payload's
    /// serialisation. The sequence is <paramref name="sequence"/> (a parameter, or a column of <paramref name="from"/>);
    /// the values are those of <see cref="Parameters"/>. ON CONFLICT: a backfilled item may meet an endpoint that already
    /// has it queued. Returns a row per message queued.
    /// </summary>
    public static string InsertSql(string sequence, string from) => $"""
        INSERT INTO webhook_deliveries (id, endpoint_id, feed_sequence, event_type, payload, status, attempts, next_attempt_at, created_at)
        SELECT uuid_v7(), e.id, {sequence}, @d_type, @d_payload::jsonb, 'Pending', 0, @d_now, @d_now
        FROM webhook_endpoints e{from}
        WHERE e.disabled_at IS NULL
          AND (e.all_companies OR e.owner_subject = (SELECT o.owner_subject FROM company_owners o WHERE o.registration_number = @d_company))
          AND (cardinality(e.event_types) = 0 OR @d_type = ANY (e.event_types))
        ON CONFLICT (endpoint_id, feed_sequence) DO NOTHING
        RETURNING 1
        """;

    public List<NpgsqlParameter> Parameters(string registrationNumber, string type, string payload) =>
    [
        new("d_company", NpgsqlDbType.Varchar) { Value = registrationNumber },
        new("d_type", NpgsqlDbType.Varchar) { Value = type },
        new("d_payload", NpgsqlDbType.Text) { Value = payload },
        new("d_now", time.GetUtcNow()),
    ];

    public static string Serialize(string type, DateTimeOffset timestamp, object data) =>
        JsonSerializer.Serialize(new WebhookPayload(type, timestamp, data), EventingJson.Options);
}
