using System.Security.Claims;
using System.Text.Json;
using CompanyRegistry.Api.Companies;
using CompanyRegistry.Api.Registration;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CompanyRegistry.Api.Amendments;

/// <summary><c>PATCH /api/companies/{registrationNumber}</c>: the owner amends name, address, activity codes or contact fields.</summary>
public static class AmendmentsApi
{
    public static IEndpointRouteBuilder MapAmendmentsApi(this IEndpointRouteBuilder app)
    {
        // The body is read as JSON rather than bound to a record: merge-patch needs to tell an absent
        // member from a null one. application/merge-patch+json is accepted beside application/json.
        app.MapGroup("/api/companies").WithTags("Companies")
            .MapPatch("/{registrationNumber}", AmendAsync)
            .Accepts<JsonElement>("application/json", "application/merge-patch+json")
            .RequireAuthorization(AuthPolicies.Business);
        return app;
    }

    private static async Task<Results<Ok<CompanyResponse>, ProblemHttpResult>> AmendAsync(
        string registrationNumber, JsonElement body, ClaimsPrincipal user, AmendmentReader reader, CompanyAmendments amendments,
        CancellationToken ct)
    {
        var amendment = reader.Read(body, out var errors);
        if (amendment is null)
        {
            return Problems.Validation(errors);
        }
        var result = await amendments.AmendAsync(registrationNumber, amendment, user.GetSubject() ?? "", ct);
        return result.Outcome switch
        {
            AmendmentOutcome.NotFound => CompaniesApi.NotFound(registrationNumber),
            AmendmentOutcome.DuplicateName => RegistrationApi.DuplicateName(),
            _ => TypedResults.Ok(CompanyResponse.From(result.Company!)),
        };
    }
}
