using LicenceApplications.Api.Data;
using LicenceApplications.Api.Domain;
using Microsoft.EntityFrameworkCore;

namespace LicenceApplications.Api.Licences;

/// <summary>What a list of licences is narrowed to; <see cref="OwnerSubject"/> null means every holder (a regulator).</summary>
public sealed record LicenceFilter(
    string? OwnerSubject, string? RegistrationNumber, LicenceStatus? Status, bool? EligibilityLapsed, string? After, int Take);

/// <summary>Licence search with keyset paging on the licence number.</summary>
public sealed class LicenceSearch(LicenceApplicationsDbContext db)
{
    public async Task<(IReadOnlyList<Licence> Items, string? Next)> FindAsync(LicenceFilter filter, CancellationToken ct)
    {
        var query = db.Licences.AsNoTracking().Include(l => l.History).AsQueryable();
        if (filter.OwnerSubject is { } subject)
        {
            query = query.Where(l => l.OwnerSubject == subject);
        }

        if (!string.IsNullOrWhiteSpace(filter.RegistrationNumber))
        {
            var number = filter.RegistrationNumber.Trim();
            query = query.Where(l => l.RegistrationNumber == number);
        }

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
