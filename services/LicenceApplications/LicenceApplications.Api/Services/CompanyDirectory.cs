using System.Net;
using LicenceApplications.Api.Clients;
using LicenceApplications.Api.Data;
using LicenceApplications.Api.Domain;
using Microsoft.EntityFrameworkCore;

namespace LicenceApplications.Api.Services;

public enum CompanyLookupOutcome
{
    Found,
    Unknown,
    NotOwned,
    RegistryUnavailable,
}

public sealed record CompanyLookup(CompanyLookupOutcome Outcome, Company? Company = null);

/// <summary>
/// Finds a company for an applicant: first in the local view (no dependency on the registry for
/// companies already heard of), else by asking the registry as the caller, which closes the race
/// between "company registered" and "its event reached us".
/// </summary>
public sealed class CompanyDirectory(
    LicenceApplicationsDbContext db, IRegistryClient registry, TimeProvider time, ILogger<CompanyDirectory> logger)
{
    public async Task<CompanyLookup> FindForApplicantAsync(string registrationNumber, string subject, CancellationToken ct)
    {
        var company = await db.Companies.FirstOrDefaultAsync(c => c.RegistrationNumber == registrationNumber, ct);
        if (company is { IsKnown: true })
        {
            return company.OwnerSubject == subject
                ? new CompanyLookup(CompanyLookupOutcome.Found, company)
                : new CompanyLookup(CompanyLookupOutcome.NotOwned);
        }

        Refit.IApiResponse<RegistryCompany> response;
        try
        {
            response = await registry.GetCompanyAsync(registrationNumber, ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Registry lookup of company {RegistrationNumber} failed", registrationNumber);
            return new CompanyLookup(CompanyLookupOutcome.RegistryUnavailable);
        }

        using (response)
        {
            switch (response.StatusCode)
            {
                case HttpStatusCode.NotFound:
                    return new CompanyLookup(CompanyLookupOutcome.Unknown);
                case HttpStatusCode.Forbidden:
                    return new CompanyLookup(CompanyLookupOutcome.NotOwned);
                case HttpStatusCode.OK when response.Content is not null:
                    // The registry shows a company only to its owner (or a regulator, who cannot apply),
                    // so a 200 for a business caller means the caller owns it.
                    return new CompanyLookup(CompanyLookupOutcome.Found, await RememberAsync(company, response.Content, subject, ct));
                default:
                    logger.LogWarning("Registry answered {Status} for company {RegistrationNumber}", response.StatusCode, registrationNumber);
                    return new CompanyLookup(CompanyLookupOutcome.RegistryUnavailable);
            }
        }
    }

    private async Task<Company> RememberAsync(Company? stub, RegistryCompany found, string subject, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (stub is null)
        {
            stub = Company.FromRegistration(found.RegistrationNumber, found.LegalName, subject, found.ActivityCodes, found.Status, now);
            db.Companies.Add(stub);
        }
        else
        {
            stub.ApplyRegistration(found.LegalName, subject, found.ActivityCodes, found.Status, now);
        }

        try
        {
            await db.SaveChangesAsync(ct);
            return stub;
        }
        catch (DbUpdateException)
        {
            // The registry's event landed at the same moment: its row wins, and it says the same.
            db.ChangeTracker.Clear();
            return await db.Companies.SingleAsync(c => c.RegistrationNumber == found.RegistrationNumber, ct);
        }
    }
}
