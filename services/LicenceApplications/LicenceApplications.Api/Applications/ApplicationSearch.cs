using LicenceApplications.Api.Data;
using LicenceApplications.Api.Domain;
using Microsoft.EntityFrameworkCore;

namespace LicenceApplications.Api.Applications;

/// <summary>What a list of applications is narrowed to; <see cref="OwnerSubject"/> null means every owner (a regulator).</summary>
public sealed record ApplicationFilter(string? OwnerSubject, string? RegistrationNumber, ApplicationStatus? Status, Guid? After, int Take);

/// <summary>Application search with keyset paging on the time-ordered id.</summary>
public sealed class ApplicationSearch(LicenceApplicationsDbContext db)
{
    public async Task<(IReadOnlyList<LicenceApplication> Items, Guid? Next)> FindAsync(ApplicationFilter filter, CancellationToken ct)
    {
        var query = db.Applications.AsNoTracking().Include(a => a.History).AsQueryable();
        if (filter.OwnerSubject is { } subject)
        {
            query = query.Where(a => a.OwnerSubject == subject);
        }

        if (!string.IsNullOrWhiteSpace(filter.RegistrationNumber))
        {
            var number = filter.RegistrationNumber.Trim();
            query = query.Where(a => a.RegistrationNumber == number);
        }

        if (filter.Status is { } s)
        {
            query = query.Where(a => a.Status == s);
        }

        if (filter.After is { } afterId)
        {
            query = query.Where(a => a.Id.CompareTo(afterId) > 0);
        }

        var page = await query.OrderBy(a => a.Id).Take(filter.Take + 1).AsSplitQuery().ToListAsync(ct);
        var next = page.Count > filter.Take ? page[filter.Take - 1].Id : (Guid?)null;
        return (page.Take(filter.Take).ToList(), next);
    }
}
