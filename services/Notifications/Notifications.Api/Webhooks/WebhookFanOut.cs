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
    /// <summary>The endpoints an item of <paramref name="type"/> of <paramref name="registrationNumber"/> goes to.</summary>
    /// <remarks>Asked for every event that names a company: compiled once, so EF does not rebuild its cache key and parameters per event.</remarks>
    public async Task<List<Guid>> EndpointsAsync(string type, string registrationNumber, CancellationToken ct)
    {
        var endpoints = new List<Guid>();
        await foreach (var id in MatchingEndpoints(db, type, registrationNumber).WithCancellation(ct))
        {
            endpoints.Add(id);
        }

        return endpoints;
    }

    private static readonly Func<NotificationsDbContext, string, string, IAsyncEnumerable<Guid>> MatchingEndpoints =
        EF.CompileAsyncQuery((NotificationsDbContext db, string type, string registrationNumber) =>
            db.WebhookEndpoints
                .Where(e => e.DisabledAt == null)
                .Where(e => e.AllCompanies
                            || db.CompanyOwners.Where(c => c.RegistrationNumber == registrationNumber).Select(c => c.OwnerSubject).Contains(e.OwnerSubject))
                .Where(e => e.EventTypes.Count == 0 || e.EventTypes.Contains(type))
                .Select(e => e.Id));

    /// <summary>Queues an item already in the feed (one whose company was learnt late); true if any message was queued.</summary>
    public async Task<bool> QueueAsync(FeedItem item, CancellationToken ct)
    {
        var endpoints = await EndpointsAsync(item.Type, item.RegistrationNumber!, ct);
        if (endpoints.Count == 0)
        {
            return false;
        }

        var payload = Serialize(item.Type, item.OccurredAt, FeedItemResponse.From(item));
        var parameters = Parameters(endpoints, item.Type, payload);
        parameters.Add(new NpgsqlParameter("d_seq", item.Sequence));
        await db.Database.ExecuteSqlRawAsync(InsertSql("@d_seq", from: ""), parameters, ct);
        return true;
    }

    /// <summary>
    /// One INSERT of every message of an item, the sequence given by <paramref name="sequence"/> (a
    /// parameter, or a column of <paramref name="from"/>); the values are those of <see cref="Parameters"/>.
    /// ON CONFLICT: a backfilled item may meet an endpoint that already has it queued.
    /// </summary>
    public static string InsertSql(string sequence, string from) => $"""
        INSERT INTO webhook_deliveries (id, endpoint_id, feed_sequence, event_type, payload, status, attempts, next_attempt_at, created_at)
        SELECT x.id, x.endpoint_id, {sequence}, @d_type, @d_payload::jsonb, 'Pending', 0, @d_now, @d_now
        FROM unnest(@d_ids, @d_endpoints) AS x(id, endpoint_id){from}
        ON CONFLICT (endpoint_id, feed_sequence) DO NOTHING
        """;

    public List<NpgsqlParameter> Parameters(List<Guid> endpoints, string type, string payload) =>
    [
        new("d_ids", endpoints.Select(_ => Guid.CreateVersion7()).ToArray()),
        new("d_endpoints", endpoints.ToArray()),
        new("d_type", type),
        new("d_payload", NpgsqlDbType.Text) { Value = payload },
        new("d_now", time.GetUtcNow()),
    ];

    public static string Serialize(string type, DateTimeOffset timestamp, object data) =>
        JsonSerializer.Serialize(new WebhookPayload(type, timestamp, data), EventingJson.Options);
}
