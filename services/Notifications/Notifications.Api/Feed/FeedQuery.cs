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

/// <summary>
/// The visibility rule: <see cref="VisibleTo"/> for the feed; the stream's compiled pages (<see cref="PageAsync"/>) state
/// the same predicate again, as a compiled query cannot compose a method's query. Change both together.
/// </summary>
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

    /// <summary>
    /// The page after <paramref name="after"/>, as <see cref="VisibleTo"/> and the type filter give it. Each open stream
    /// asks this on every wake, so the four shapes are compiled once (EF then skips turning the expression into its
    /// cache key and parameters on every call); the SQL is the same as the composed query's.
    /// </summary>
    public static async Task<List<FeedItem>> PageAsync(
        NotificationsDbContext db, ClaimsPrincipal user, long after, int limit, IReadOnlyList<string> types, CancellationToken ct)
    {
        var page = (user.IsRegulator(), types.Count > 0) switch
        {
            (true, false) => RegulatorPage(db, after, limit),
            (true, true) => RegulatorPageOfTypes(db, after, types.ToArray(), limit),
            (false, false) => OwnerPage(db, user.GetSubject() ?? string.Empty, after, limit),
            (false, true) => OwnerPageOfTypes(db, user.GetSubject() ?? string.Empty, after, types.ToArray(), limit),
        };
        var items = new List<FeedItem>();
        await foreach (var item in page.WithCancellation(ct))
        {
            items.Add(item);
        }

        return items;
    }

    private static readonly Func<NotificationsDbContext, long, int, IAsyncEnumerable<FeedItem>> RegulatorPage =
        EF.CompileAsyncQuery((NotificationsDbContext db, long after, int limit) =>
            db.FeedItems.AsNoTracking().Where(f => f.Sequence > after).OrderBy(f => f.Sequence).Take(limit));

    private static readonly Func<NotificationsDbContext, long, string[], int, IAsyncEnumerable<FeedItem>> RegulatorPageOfTypes =
        EF.CompileAsyncQuery((NotificationsDbContext db, long after, string[] types, int limit) =>
            db.FeedItems.AsNoTracking().Where(f => f.Sequence > after).Where(f => types.Contains(f.Type))
                .OrderBy(f => f.Sequence).Take(limit));

    private static readonly Func<NotificationsDbContext, string, long, int, IAsyncEnumerable<FeedItem>> OwnerPage =
        EF.CompileAsyncQuery((NotificationsDbContext db, string subject, long after, int limit) =>
            db.FeedItems.AsNoTracking()
                .Where(f => db.CompanyOwners.Any(c => c.RegistrationNumber == f.RegistrationNumber && c.OwnerSubject == subject))
                .Where(f => f.Sequence > after).OrderBy(f => f.Sequence).Take(limit));

    private static readonly Func<NotificationsDbContext, string, long, string[], int, IAsyncEnumerable<FeedItem>> OwnerPageOfTypes =
        EF.CompileAsyncQuery((NotificationsDbContext db, string subject, long after, string[] types, int limit) =>
            db.FeedItems.AsNoTracking()
                .Where(f => db.CompanyOwners.Any(c => c.RegistrationNumber == f.RegistrationNumber && c.OwnerSubject == subject))
                .Where(f => f.Sequence > after).Where(f => types.Contains(f.Type))
                .OrderBy(f => f.Sequence).Take(limit));

    /// <summary>Cursors are the decimal feed sequence: opaque to callers, stable across restarts.</summary>
    public static bool TryParseCursor(string? cursor, out long after)
    {
        after = 0;
        return string.IsNullOrEmpty(cursor)
            || (long.TryParse(cursor, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out after) && after >= 0);
    }
}
