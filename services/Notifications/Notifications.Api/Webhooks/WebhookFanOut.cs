using System.Text.Json;
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
    public async Task QueueAsync(FeedItem item, CancellationToken ct)
    {
        var owners = db.CompanyOwners.Where(c => c.RegistrationNumber == item.RegistrationNumber).Select(c => c.OwnerSubject);
        var endpoints = await db.WebhookEndpoints
            .Where(e => e.DisabledAt == null)
            .Where(e => e.AllCompanies || owners.Contains(e.OwnerSubject))
            .Where(e => e.EventTypes.Count == 0 || e.EventTypes.Contains(item.Type))
            .Select(e => e.Id)
            .ToListAsync(ct);
        if (endpoints.Count == 0)
        {
            return;
        }

        var payload = Serialize(item.Type, item.OccurredAt, FeedItemResponse.From(item));
        var now = time.GetUtcNow();
        foreach (var endpointId in endpoints)
        {
            // ON CONFLICT: a backfilled item may meet an endpoint that already has it queued.
            await db.Database.ExecuteSqlRawAsync(
                """
                INSERT INTO webhook_deliveries (id, endpoint_id, feed_sequence, event_type, payload, status, attempts, next_attempt_at, created_at)
                VALUES ({0}, {1}, {2}, {3}, {4}::jsonb, 'Pending', 0, {5}, {5})
                ON CONFLICT (endpoint_id, feed_sequence) DO NOTHING
                """,
                [Guid.CreateVersion7(), endpointId, item.Sequence, item.Type, payload, now], ct);
        }
    }

    public static string Serialize(string type, DateTimeOffset timestamp, object data) =>
        JsonSerializer.Serialize(new WebhookPayload(type, timestamp, data), EventingJson.Options);
}
