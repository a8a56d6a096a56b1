using System.Security.Claims;
using CompanyRegistry.Api.Companies;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CompanyRegistry.Api.Registration;

public sealed record RegisterCompanyRequest(
    string? LegalName, string? LegalForm, string? TaxId, AddressDto? Address, List<string?>? ActivityCodes,
    string? ContactEmail = null, string? PreferredLanguage = null);

public static class RegistrationApi
{
    public static IEndpointRouteBuilder MapRegistrationApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/companies").WithTags("Companies")
            .MapPost("/", RegisterAsync).RequireAuthorization(AuthPolicies.Business);
        return app;
    }

    /// <summary>The 409 a legal name already used by a live company gets (registration and amendment alike).</summary>
    public static ProblemHttpResult DuplicateName() =>
        Problems.Create(StatusCodes.Status409Conflict, "duplicate-name", "An active company already uses this legal name.", null,
            new Dictionary<string, string[]> { ["legalName"] = ["An active company already uses this name."] });

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
            RegistrationConflict.DuplicateName => DuplicateName(),
            _ => TypedResults.Created($"/api/companies/{company!.RegistrationNumber}", CompanyResponse.From(company)),
        };
    }
}
