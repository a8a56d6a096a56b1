using System.Security.Claims;
using G2B.ServiceDefaults;
using LicenceApplications.Api.Data;
using LicenceApplications.Api.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace LicenceApplications.Api.Endpoints;

/// <summary>Application search: regulators see all, a business only its own; keyset paging on the time-ordered id.</summary>
internal static class ApplicationQueries
{
    public static async Task<Results<Ok<ApplicationPage>, ProblemHttpResult>> ListAsync(
        string? registrationNumber, string? status, string? limit, string? cursor,
        ClaimsPrincipal user, LicenceApplicationsDbContext db, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        // Read as text so "abc" or "1e2" is a field error like 0 or 101, not a binder failure.
        var take = 20;
        if (limit is not null
            && (!int.TryParse(limit, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out take)
                || take is < 1 or > 100))
        {
            errors["limit"] = ["limit must be a whole number between 1 and 100."];
        }

        if (registrationNumber is not null && registrationNumber.Any(char.IsControl))
        {
            // PostgreSQL text cannot hold NUL: refuse it here rather than fail in the query.
            errors["registrationNumber"] = ["Control characters are not allowed."];
        }

        ApplicationStatus? statusFilter = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (Enum.TryParse<ApplicationStatus>(status, ignoreCase: true, out var parsed) && !int.TryParse(status, out _))
            {
                statusFilter = parsed;
            }
            else
            {
                errors["status"] = [$"Unknown status '{status}'."];
            }
        }

        Guid? after = null;
        if (!string.IsNullOrEmpty(cursor))
        {
            if (Guid.TryParseExact(cursor, "N", out var parsed))
            {
                after = parsed;
            }
            else
            {
                errors["cursor"] = ["The cursor is not valid."];
            }
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        if (!user.IsRegulator() && !user.IsBusiness())
        {
            return Problems.Forbidden("Only businesses and regulators can list applications.");
        }

        var query = db.Applications.AsNoTracking().Include(a => a.History).AsQueryable();
        if (!user.IsRegulator())
        {
            var subject = user.GetSubject();
            query = query.Where(a => a.OwnerSubject == subject);
        }

        if (!string.IsNullOrWhiteSpace(registrationNumber))
        {
            query = query.Where(a => a.RegistrationNumber == registrationNumber.Trim());
        }

        if (statusFilter is { } s)
        {
            query = query.Where(a => a.Status == s);
        }

        if (after is { } afterId)
        {
            query = query.Where(a => a.Id.CompareTo(afterId) > 0);
        }

        var page = await query.OrderBy(a => a.Id).Take(take + 1).AsSplitQuery().ToListAsync(ct);
        var next = page.Count > take ? page[take - 1].Id.ToString("N") : null;
        return TypedResults.Ok(new ApplicationPage(page.Take(take).Select(ApplicationResponse.From).ToList(), next));
    }
}
