namespace LicenceApplications.Api.Applications;

/// <summary>Where a page starts: after this id or, sorted by review due time, after this (due time, id).</summary>
public sealed record ApplicationCursor(DateTimeOffset? ReviewDueAt, Guid Id)
{
    public override string ToString() => ReviewDueAt is { } due ? $"{due.UtcTicks}-{Id:N}" : Id.ToString("N");

    public static bool TryParse(string text, bool byReviewDue, out ApplicationCursor? cursor)
    {
        cursor = null;
        var parts = text.Split('-');
        if (!byReviewDue)
        {
            return parts.Length == 1 && Guid.TryParseExact(text, "N", out var id) && (cursor = new(null, id)) is not null;
        }

        if (parts.Length == 2 && long.TryParse(parts[0], System.Globalization.NumberStyles.None, null, out var ticks)
            && ticks <= DateTimeOffset.MaxValue.UtcTicks && Guid.TryParseExact(parts[1], "N", out var after))
        {
            cursor = new(new DateTimeOffset(ticks, TimeSpan.Zero), after);
        }

        return cursor is not null;
    }
}

/// <summary>
/// What a list of applications is narrowed to; <see cref="OwnerSubject"/> null means every owner (a
/// regulator). <see cref="ByReviewDue"/> lists only applications that have a review due time, soonest first.
/// </summary>
public sealed record ApplicationFilter(
    string? OwnerSubject, string? RegistrationNumber, ApplicationStatus? Status, bool? Overdue, bool ByReviewDue,
    ApplicationCursor? After, int Take);

/// <summary>Application search with keyset paging on the time-ordered id, or on (review due time, id).</summary>
public sealed class ApplicationSearch(LicenceApplicationsDbContext db, TimeProvider time)
{
    public async Task<(IReadOnlyList<LicenceApplication> Items, ApplicationCursor? Next)> FindAsync(ApplicationFilter filter, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var query = db.Applications.AsNoTracking().Include(a => a.History).Include(a => a.InformationRequests).AsQueryable()
            .HeldBy(filter.OwnerSubject, filter.RegistrationNumber);
        if (filter.Status is { } s)
        {
            query = query.Where(a => a.Status == s);
        }

        if (filter.Overdue is { } overdue)
        {
            // The same rule as LicenceApplication.IsOverdue, in SQL.
            query = overdue
                ? query.Where(a => a.Status == ApplicationStatus.UnderReview && a.ReviewDueAt < now)
                : query.Where(a => !(a.Status == ApplicationStatus.UnderReview && a.ReviewDueAt < now));
        }

        IOrderedQueryable<LicenceApplication> ordered;
        if (filter.ByReviewDue)
        {
            query = query.Where(a => a.ReviewDueAt != null);
            if (filter.After is { ReviewDueAt: { } due, Id: var id })
            {
                query = query.Where(a => a.ReviewDueAt > due || (a.ReviewDueAt == due && a.Id.CompareTo(id) > 0));
            }

            ordered = query.OrderBy(a => a.ReviewDueAt).ThenBy(a => a.Id);
        }
        else
        {
            if (filter.After is { } after)
            {
                query = query.Where(a => a.Id.CompareTo(after.Id) > 0);
            }

            ordered = query.OrderBy(a => a.Id);
        }

        var page = await ordered.Take(filter.Take + 1).AsSplitQuery().ToListAsync(ct);
        var last = page.Count > filter.Take ? page[filter.Take - 1] : null;
        var next = last is null ? null : new ApplicationCursor(filter.ByReviewDue ? last.ReviewDueAt : null, last.Id);
        return (page.Take(filter.Take).ToList(), next);
    }
}
