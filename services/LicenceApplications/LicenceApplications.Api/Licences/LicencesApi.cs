using System.Security.Claims;
using G2B.ServiceDefaults;
using LicenceApplications.Api.Data;
using LicenceApplications.Api.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace LicenceApplications.Api.Licences;

public static class LicencesApi
{
    public static IEndpointRouteBuilder MapLicencesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/licences").WithTags("Licences");
        group.MapGet("/{licenceNumber}", GetAsync).RequireAuthorization();
        group.MapPost("/{licenceNumber}/suspend", (string licenceNumber, ReasonRequest request, LicenceLifecycle lifecycle, CancellationToken ct) =>
            ChangeAsync(request, reason => lifecycle.SuspendAsync(licenceNumber, reason, ct)))
            .RequireAuthorization(AuthPolicies.Regulator);
        group.MapPost("/{licenceNumber}/revoke", (string licenceNumber, ReasonRequest request, LicenceLifecycle lifecycle, CancellationToken ct) =>
            ChangeAsync(request, reason => lifecycle.RevokeAsync(licenceNumber, reason, ct)))
            .RequireAuthorization(AuthPolicies.Regulator);
        // An addition to the contract: lifts a suspension, but not while the holder company is itself suspended.
        group.MapPost("/{licenceNumber}/reinstate", (string licenceNumber, ReasonRequest request, LicenceLifecycle lifecycle, CancellationToken ct) =>
            ChangeAsync(request, reason => lifecycle.ReinstateAsync(licenceNumber, reason, ct)))
            .RequireAuthorization(AuthPolicies.Regulator);
        return app;
    }

    private static async Task<Results<Ok<LicenceResponse>, ProblemHttpResult>> GetAsync(
        string licenceNumber, ClaimsPrincipal user, LicenceApplicationsDbContext db, CancellationToken ct)
    {
        var licence = await db.Licences.AsNoTracking().FirstOrDefaultAsync(l => l.LicenceNumber == licenceNumber, ct);
        var visible = licence is not null
            && (user.IsRegulator() || (user.IsBusiness() && licence.OwnerSubject == user.GetSubject()));
        return visible ? TypedResults.Ok(LicenceResponse.From(licence!)) : LicenceLifecycle.NotFound(licenceNumber).ToProblem();
    }

    private static async Task<Results<Ok<LicenceResponse>, ProblemHttpResult>> ChangeAsync(
        ReasonRequest request, Func<string, Task<Outcome<Licence>>> change)
    {
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["reason"] = ["A reason is required."] });
        }

        return Answer(await change(request.Reason.Trim()));
    }

    internal static Results<Ok<LicenceResponse>, ProblemHttpResult> Answer(Outcome<Licence> outcome) =>
        outcome.Value is { } licence ? TypedResults.Ok(LicenceResponse.From(licence)) : outcome.Refusal!.ToProblem();
}
