using System.Text.Json;
using Notifications.Api.Email;
using Notifications.Api.Webhooks;

namespace Notifications.Api.Feed;

/// <summary>
/// Appends events to the feed inside the inbox transaction, and fans each out to the webhook
/// delivery outbox and the email outbox in that same transaction: an event is in the feed and
/// queued for every matching endpoint and recipient, or none of these.
/// </summary>
internal sealed class FeedWriter(NotificationsDbContext db, WebhookFanOut fanOut, EmailFanOut mail, TimeProvider time)
{
    // Any constant both writers agree on; it names the feed's append lock.
    private const long AppendLockKey = 0x6732626665656431;

    public async Task AppendAsync(Guid eventId, DateTimeOffset occurredAt, FeedEntry entry, CancellationToken ct)
    {
        // Sequences are handed out in commit order: a reader that has seen sequence n can never
        // later find an n-1 that committed after it. The lock lasts until the inbox commits.
        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock({0})", [AppendLockKey], ct);

        var registrationNumber = entry.RegistrationNumber;
        if (registrationNumber is null && entry.ApplicationId is { } applicationId)
        {
            registrationNumber = await db.ApplicationLinks.Where(a => a.ApplicationId == applicationId)
                .Select(a => a.RegistrationNumber).SingleOrDefaultAsync(ct);
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
        db.FeedItems.Add(item);
        await db.SaveChangesAsync(ct);

        if (registrationNumber is not null)
        {
            await fanOut.QueueAsync(item, ct);
            await mail.QueueAsync(item, ct);
        }

        // Delivered to listeners at commit, not before: a woken reader finds the row.
        await db.Database.ExecuteSqlRawAsync("SELECT pg_notify({0}, {1})", [FeedSignal.Channel, item.Sequence.ToString()], ct);
    }

    /// <summary>
    /// Records which company an application belongs to (and its owner, when the event names one), and
    /// gives the feed items that arrived before it (invoice events overtaking the application's own
    /// events) their company now.
    /// </summary>
    public async Task LinkApplicationAsync(Guid applicationId, string registrationNumber, string? ownerSubject, CancellationToken ct)
    {
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO application_links (application_id, registration_number) VALUES ({0}, {1}) ON CONFLICT DO NOTHING",
            [applicationId, registrationNumber], ct);
        if (ownerSubject is not null)
        {
            await RecordOwnerAsync(registrationNumber, ownerSubject, ct);
        }

        var orphans = await db.FeedItems.Where(f => f.ApplicationId == applicationId && f.RegistrationNumber == null).ToListAsync(ct);
        foreach (var orphan in orphans)
        {
            orphan.RegistrationNumber = registrationNumber;
        }

        await db.SaveChangesAsync(ct);
        foreach (var orphan in orphans)
        {
            await fanOut.QueueAsync(orphan, ct);
            await mail.QueueAsync(orphan, ct);
        }
    }

    /// <summary>The first owner heard of wins: ownership does not change hands in this suite.</summary>
    public Task RecordOwnerAsync(string registrationNumber, string ownerSubject, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync(
            "INSERT INTO company_owners (registration_number, owner_subject) VALUES ({0}, {1}) ON CONFLICT DO NOTHING",
            [registrationNumber, ownerSubject], ct);
}
