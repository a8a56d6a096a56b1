using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CompanyRegistry.Api.Companies;

/// <summary>Reading one company and its history.</summary>
public static class CompaniesApi
{
    public static IEndpointRouteBuilder MapCompaniesApi(this IEndpointRouteBuilder app)
    {
        var companies = app.MapGroup("/api/companies").WithTags("Companies");
        companies.MapGet("/{registrationNumber}", GetAsync)
            .RequireAuthorization(p => p.RequireAuthenticatedUser().RequireRole(AuthPolicies.Business, AuthPolicies.Regulator));
        companies.MapGet("/{registrationNumber}/history", HistoryAsync).RequireAuthorization(AuthPolicies.Regulator);
        return app;
    }

    public static ProblemHttpResult NotFound(string registrationNumber) => Problems.NotFound($"Company {registrationNumber} was not found.");

    private static async Task<Results<Ok<CompanyResponse>, ProblemHttpResult>> GetAsync(
        string registrationNumber, ClaimsPrincipal user, CompanyRegistryDbContext db, CancellationToken ct)
    {
        var company = await CompanyQueries.FindAsync(db, registrationNumber, tracking: false, ct);
        return company is not null && company.IsVisibleTo(user.GetSubject(), user.IsRegulator())
            ? TypedResults.Ok(CompanyResponse.From(company))
            : NotFound(registrationNumber);
    }

    private static async Task<Results<Ok<List<HistoryEntryResponse>>, ProblemHttpResult>> HistoryAsync(
        string registrationNumber, CompanyRegistryDbContext db, CancellationToken ct)
    {
        var entries = await CompanyQueries.HistoryAsync(db, registrationNumber, ct);
        return entries is null
            ? NotFound(registrationNumber)
            : TypedResults.Ok(entries
                .Select(h => new HistoryEntryResponse(h.OccurredAt, h.Actor, h.Action, h.Reason, JsonDocument.Parse(h.Changes).RootElement.Clone()))
                .ToList());
    }
}
