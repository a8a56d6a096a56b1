using System.Security.Claims;
using CompanyRegistry.Api.Data;
using CompanyRegistry.Api.Domain;
using CompanyRegistry.Contracts;
using G2B.Eventing;
using G2B.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CompanyRegistry.Api.Endpoints;

/// <summary>Suspend, reinstate and dissolve: one guarded transition, its history row and its event, saved together.</summary>
public sealed class CompanyStatusChanges(CompanyRegistryDbContext db, TimeProvider time)
{
    private const int MaxAttempts = 3;

    public async Task<Results<Ok<CompanyResponse>, ProblemHttpResult>> ChangeAsync(
        string registrationNumber, CompanyStatus target, string? reason, ClaimsPrincipal user, bool ownerOnly, CancellationToken ct)
    {
        var subject = user.GetSubject() ?? "";
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var company = await CompanyQueries.FindAsync(db, registrationNumber, tracking: true, ct);
            if (company is null || (ownerOnly && company.OwnerSubject != subject))
            {
                return Problems.NotFound($"Company {registrationNumber} was not found.");
            }
            if (!company.CanChangeTo(target))
            {
                return Problems.InvalidState($"A {company.Status} company cannot become {target}.");
            }

            var now = time.GetUtcNow();
            var previous = company.ChangeStatus(target, reason, subject, now);
            db.AddIntegrationEvent(
                new CompanyStatusChangedIntegrationEvent(
                    company.RegistrationNumber, previous.ToString(), target.ToString(), reason, company.Version, now) { OccurredAt = now },
                orderingKey: company.RegistrationNumber);
            try
            {
                await db.SaveChangesAsync(ct);
                return TypedResults.Ok(CompanyResponse.From(company));
            }
            catch (DbUpdateConcurrencyException)
            {
                // Someone changed the company between our read and write: decide again on fresh state.
                db.ChangeTracker.Clear();
            }
        }
        return Problems.InvalidState($"Company {registrationNumber} is being changed concurrently; try again.");
    }
}

public static class CompanyQueries
{
    /// <summary>Finds by a registration number in any case; a malformed number or wrong check letter finds nothing.</summary>
    public static async Task<Company?> FindAsync(CompanyRegistryDbContext db, string registrationNumber, bool tracking, CancellationToken ct)
    {
        if (!RegistrationNumber.TryNormalize(registrationNumber, out var normalized))
        {
            return null;
        }
        var query = db.Companies.Include(c => c.Licences).AsSplitQuery();
        if (!tracking)
        {
            query = query.AsNoTracking();
        }
        return await query.SingleOrDefaultAsync(c => c.RegistrationNumber == normalized, ct);
    }
}
