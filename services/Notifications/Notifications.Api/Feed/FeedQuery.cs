using System.Security.Claims;
using System.Text.Json;

namespace Notifications.Api.Feed;

/// <summary>One feed item as callers see it.</summary>
public sealed record FeedItemResponse(
    Guid Id,
    string Type,
    DateTimeOffset OccurredAt,
    string? RegistrationNumber,
    JsonElement Subject,
    JsonElement Data)
{
    public static FeedItemResponse From(FeedItem f) => new(f.EventId, f.Type, f.OccurredAt, f.RegistrationNumber,
        JsonDocument.Parse(f.Subject).RootElement.Clone(), JsonDocument.Parse(f.Data).RootElement.Clone());
}

/// <summary>The visibility rule, in one place for the feed and the stream.</summary>
internal static class FeedQuery
{
    /// <summary>Regulators see everything; a business the events of the companies it owns.</summary>
    public static IQueryable<FeedItem> VisibleTo(NotificationsDbContext db, ClaimsPrincipal user)
    {
        var query = db.FeedItems.AsNoTracking();
        if (user.IsRegulator())
        {
            return query;
        }

        var subject = user.GetSubject() ?? string.Empty;
        // A join at read time: an owner learnt late still sees the company's earlier events.
        return query.Where(f => db.CompanyOwners.Any(c => c.RegistrationNumber == f.RegistrationNumber && c.OwnerSubject == subject));
    }

    /// <summary>The companies <paramref name="subject"/> owns (what a business stream listens for).</summary>
    public static IQueryable<string> OwnedBy(NotificationsDbContext db, string subject) =>
        db.CompanyOwners.AsNoTracking().Where(c => c.OwnerSubject == subject).Select(c => c.RegistrationNumber);

    public static Task<List<FeedItem>> PageAsync(
        NotificationsDbContext db, ClaimsPrincipal user, long after, int limit, IReadOnlyList<string> types, CancellationToken ct)
    {
        var query = VisibleTo(db, user).Where(f => f.Sequence > after);
        if (types.Count > 0)
        {
            query = query.Where(f => types.Contains(f.Type));
        }

        return query.OrderBy(f => f.Sequence).Take(limit).ToListAsync(ct);
    }

    /// <summary>Cursors are the decimal feed sequence: opaque to callers, stable across restarts.</summary>
    public static bool TryParseCursor(string? cursor, out long after)
    {
        after = 0;
        return string.IsNullOrEmpty(cursor)
            || (long.TryParse(cursor, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out after) && after >= 0);
    }
}
