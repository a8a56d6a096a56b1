using System.Security.Claims;
using System.Text.Json;
using CompanyRegistry.Api.Data;
using CompanyRegistry.Api.Domain;
using G2B.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CompanyRegistry.Api.Endpoints;

public static class CompaniesApi
{
    public static IEndpointRouteBuilder MapCompaniesApi(this IEndpointRouteBuilder app)
    {
        var companies = app.MapGroup("/api/companies").WithTags("Companies");
        companies.MapPost("/", RegisterAsync).RequireAuthorization(AuthPolicies.Business);
        companies.MapGet("/", CompanySearchApi.SearchAsync).RequireAuthorization(AuthPolicies.Regulator);
        companies.MapGet("/{registrationNumber}", GetAsync)
            .RequireAuthorization(p => p.RequireAuthenticatedUser().RequireRole(AuthPolicies.Business, AuthPolicies.Regulator));
        companies.MapGet("/{registrationNumber}/history", HistoryAsync).RequireAuthorization(AuthPolicies.Regulator);
        companies.MapPost("/{registrationNumber}/suspend", (string registrationNumber, StatusChangeRequest? body, ClaimsPrincipal user,
                CompanyStatusChanges changes, CancellationToken ct) =>
            ChangeAsync(registrationNumber, CompanyStatus.Suspended, body, reasonRequired: true, user, ownerOnly: false, changes, ct))
            .RequireAuthorization(AuthPolicies.Regulator);
        companies.MapPost("/{registrationNumber}/reinstate", (string registrationNumber, StatusChangeRequest? body, ClaimsPrincipal user,
                CompanyStatusChanges changes, CancellationToken ct) =>
            ChangeAsync(registrationNumber, CompanyStatus.Active, body, reasonRequired: true, user, ownerOnly: false, changes, ct))
            .RequireAuthorization(AuthPolicies.Regulator);
        companies.MapPost("/{registrationNumber}/dissolve", (string registrationNumber, [FromBody] StatusChangeRequest? body, ClaimsPrincipal user,
                CompanyStatusChanges changes, CancellationToken ct) =>
            ChangeAsync(registrationNumber, CompanyStatus.Dissolved, body, reasonRequired: false, user, ownerOnly: true, changes, ct))
            .RequireAuthorization(AuthPolicies.Business);

        app.MapGet("/api/activity-codes", (ActivityCodeCatalog catalog) =>
                TypedResults.Ok(catalog.All.Select(c => new ActivityCodeResponse(
                    c.Code, c.Name, c.Section, c.SectionName, c.Division, c.DivisionName, c.Group, c.GroupName))))
            .WithTags("Companies")
            .AllowAnonymous();
        app.MapInternalCompaniesApi();
        return app;
    }

    private static async Task<Results<Created<CompanyResponse>, ProblemHttpResult>> RegisterAsync(
        RegisterCompanyRequest request, ClaimsPrincipal user, RegistrationValidator validator, CompanyRegistrar registrar, CancellationToken ct)
    {
        var registration = validator.Validate(request, out var errors);
        if (registration is null)
        {
            return Problems.Validation(errors);
        }
        var (company, conflict) = await registrar.RegisterAsync(registration, user.GetSubject() ?? "", ct);
        return conflict switch
        {
            RegistrationConflict.DuplicateTaxId => Problems.Create(StatusCodes.Status409Conflict, "duplicate-tax-id",
                "A company with this tax id is already registered.", null,
                new Dictionary<string, string[]> { ["taxId"] = ["This tax id is already registered."] }),
            RegistrationConflict.DuplicateName => Problems.Create(StatusCodes.Status409Conflict, "duplicate-name",
                "An active company already uses this legal name.", null,
                new Dictionary<string, string[]> { ["legalName"] = ["An active company already uses this name."] }),
            _ => TypedResults.Created($"/api/companies/{company!.RegistrationNumber}", CompanyResponse.From(company)),
        };
    }

    private static async Task<Results<Ok<CompanyResponse>, ProblemHttpResult>> GetAsync(
        string registrationNumber, ClaimsPrincipal user, CompanyRegistryDbContext db, CancellationToken ct)
    {
        var company = await CompanyQueries.FindAsync(db, registrationNumber, tracking: false, ct);
        // Another business's company answers exactly like a missing one, so numbers cannot be probed.
        if (company is null || (!user.IsRegulator() && company.OwnerSubject != user.GetSubject()))
        {
            return Problems.NotFound($"Company {registrationNumber} was not found.");
        }
        return TypedResults.Ok(CompanyResponse.From(company));
    }

    private static async Task<Results<Ok<List<HistoryEntryResponse>>, ProblemHttpResult>> HistoryAsync(
        string registrationNumber, CompanyRegistryDbContext db, CancellationToken ct)
    {
        if (!RegistrationNumber.TryNormalize(registrationNumber, out var normalized))
        {
            return Problems.NotFound($"Company {registrationNumber} was not found.");
        }
        var companyId = await db.Companies.Where(c => c.RegistrationNumber == normalized).Select(c => (long?)c.Id).SingleOrDefaultAsync(ct);
        if (companyId is null)
        {
            return Problems.NotFound($"Company {registrationNumber} was not found.");
        }
        var entries = await db.History.AsNoTracking().Where(h => h.CompanyId == companyId).OrderBy(h => h.Id).ToListAsync(ct);
        return TypedResults.Ok(entries
            .Select(h => new HistoryEntryResponse(h.OccurredAt, h.Actor, h.Action, h.Reason, JsonDocument.Parse(h.Changes).RootElement.Clone()))
            .ToList());
    }

    private static async Task<Results<Ok<CompanyResponse>, ProblemHttpResult>> ChangeAsync(
        string registrationNumber, CompanyStatus target, StatusChangeRequest? body, bool reasonRequired, ClaimsPrincipal user,
        bool ownerOnly, CompanyStatusChanges changes, CancellationToken ct)
    {
        var reason = NameNormalizer.CollapseWhitespace(body?.Reason ?? "");
        if (reasonRequired && reason.Length == 0)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["reason"] = ["A reason is required."] });
        }
        if (reason.Length > 500)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["reason"] = ["At most 500 characters."] });
        }
        return await changes.ChangeAsync(registrationNumber, target, reason.Length == 0 ? null : reason, user, ownerOnly, ct);
    }
}
