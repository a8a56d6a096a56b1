using System.Text.RegularExpressions;

namespace LicenceApplications.Api.Licences;

/// <summary>What a list of licences is narrowed to; <see cref="OwnerSubject"/> null means every holder (a regulator).</summary>
public sealed record LicenceFilter(
    string? OwnerSubject, string? RegistrationNumber, LicenceStatus? Status, bool? EligibilityLapsed, string? After, int Take);

/// <summary>Licence search with keyset paging on the licence number.</summary>
public sealed partial class LicenceSearch(LicenceApplicationsDbContext db)
{
    /// <summary>
    /// A cursor is the last licence number of the page before: a type code, the year and the counter
    /// (PHARMACY-2026-000042). Anything else was not handed out by this list, so it is refused, not
    /// silently compared as text.
    /// </summary>
    public static bool IsCursor(string cursor) => cursor.Length <= 60 && LicenceNumberShape().IsMatch(cursor);

    [GeneratedRegex("^[A-Z0-9][A-Z0-9-]*-[0-9]{4}-[0-9]{6,}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex LicenceNumberShape();

    public async Task<(IReadOnlyList<Licence> Items, string? Next)> FindAsync(LicenceFilter filter, CancellationToken ct)
    {
        var query = db.Licences.AsNoTracking().Include(l => l.History).AsQueryable()
            .HeldBy(filter.OwnerSubject, filter.RegistrationNumber);
        if (filter.Status is { } status)
        {
            query = query.Where(l => l.Status == status);
        }

        if (filter.EligibilityLapsed is { } lapsed)
        {
            query = query.Where(l => l.EligibilityLapsed == lapsed);
        }

        if (filter.After is { } after)
        {
            query = query.Where(l => string.Compare(l.LicenceNumber, after) > 0);
        }

        var page = await query.OrderBy(l => l.LicenceNumber).Take(filter.Take + 1).AsSplitQuery().ToListAsync(ct);
        var next = page.Count > filter.Take ? page[filter.Take - 1].LicenceNumber : null;
        return (page.Take(filter.Take).ToList(), next);
    }
}
