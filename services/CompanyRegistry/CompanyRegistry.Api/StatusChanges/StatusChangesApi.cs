using System.Security.Claims;
using CompanyRegistry.Api.Companies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CompanyRegistry.Api.StatusChanges;

public sealed record StatusChangeRequest(string? Reason);

/// <summary>Suspend and reinstate (regulator, reason required) and dissolve (owner, reason optional).</summary>
public static class StatusChangesApi
{
    private const int MaxReasonLength = 500;

    public static IEndpointRouteBuilder MapStatusChangesApi(this IEndpointRouteBuilder app)
    {
        var companies = app.MapGroup("/api/companies").WithTags("Companies");
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
        return app;
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
        if (reason.Length > MaxReasonLength)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["reason"] = [$"At most {MaxReasonLength} characters."] });
        }
        var subject = user.GetSubject() ?? "";
        var company = await changes.ChangeAsync(
            registrationNumber, target, reason.Length == 0 ? null : reason, subject, ownerOnly ? subject : null, ct);
        return company is null ? CompaniesApi.NotFound(registrationNumber) : TypedResults.Ok(CompanyResponse.From(company));
    }
}
