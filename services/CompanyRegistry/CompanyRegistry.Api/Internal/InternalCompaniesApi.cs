using CompanyRegistry.Api.Companies;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CompanyRegistry.Api.Internal;

/// <summary>
/// What other services ask the registry, the source of truth, about a company at the moment they
/// decide: licence applications checks ownership and status at submission and status at issue.
/// The gateway routes no <c>/internal</c> path, so clients outside the cluster never reach these.
/// </summary>
public static class InternalCompaniesApi
{
    public static IEndpointRouteBuilder MapInternalCompaniesApi(this IEndpointRouteBuilder app)
    {
        var companies = app.MapGroup("/internal/companies").WithTags("Internal");
        // The recorded owner is for the service deciding ownership; it is called with the applicant's token.
        companies.MapGet("/{registrationNumber}", GetAsync).RequireAuthorization();
        // Status only, no personal data: asked when a licence is issued, often from an event with no caller.
        companies.MapGet("/{registrationNumber}/status", GetStatusAsync).AllowAnonymous();
        return app;
    }

    private static async Task<Results<Ok<InternalCompanyResponse>, ProblemHttpResult>> GetAsync(
        string registrationNumber, CompanyRegistryDbContext db, CancellationToken ct)
    {
        var company = await CompanyQueries.FindAsync(db, registrationNumber, tracking: false, ct);
        return company is null
            ? CompaniesApi.NotFound(registrationNumber)
            : TypedResults.Ok(new InternalCompanyResponse(company.RegistrationNumber, company.LegalName, company.OwnerSubject,
                company.ActivityCodes, company.Status.ToString(), company.Version));
    }

    private static async Task<Results<Ok<InternalCompanyStatusResponse>, ProblemHttpResult>> GetStatusAsync(
        string registrationNumber, CompanyRegistryDbContext db, CancellationToken ct)
    {
        var company = await CompanyQueries.FindAsync(db, registrationNumber, tracking: false, ct);
        return company is null
            ? CompaniesApi.NotFound(registrationNumber)
            : TypedResults.Ok(new InternalCompanyStatusResponse(company.RegistrationNumber, company.Status.ToString(), company.Version));
    }
}

public sealed record InternalCompanyResponse(
    string RegistrationNumber, string LegalName, string OwnerSubject, IReadOnlyList<string> ActivityCodes, string Status, long Version);

public sealed record InternalCompanyStatusResponse(string RegistrationNumber, string Status, long Version);
