using System.Security.Claims;
using G2B.ServiceDefaults;
using LicenceApplications.Api.Data;
using LicenceApplications.Api.Domain;
using LicenceApplications.Api.Services;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace LicenceApplications.Api.Endpoints;

public static class LicencesApi
{
    private const int MaxCommandAttempts = 5;

    public static IEndpointRouteBuilder MapLicencesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/licences").WithTags("Licences");
        group.MapGet("/{licenceNumber}", GetAsync).RequireAuthorization();
        group.MapPost("/{licenceNumber}/suspend", (string licenceNumber, ReasonRequest request, LicenceApplicationsDbContext db,
                LicenceLifecycle lifecycle, CancellationToken ct) =>
            ChangeAsync(licenceNumber, request, db, (licence, reason) => lifecycle.SuspendAsync(licence, reason, ct), ct))
            .RequireAuthorization(AuthPolicies.Regulator);
        group.MapPost("/{licenceNumber}/revoke", (string licenceNumber, ReasonRequest request, LicenceApplicationsDbContext db,
                LicenceLifecycle lifecycle, CancellationToken ct) =>
            ChangeAsync(licenceNumber, request, db, (licence, reason) => lifecycle.RevokeAsync(licence, reason, ct), ct))
            .RequireAuthorization(AuthPolicies.Regulator);
        // An addition to the contract: lifts a suspension, but not while the holder company is itself suspended.
        group.MapPost("/{licenceNumber}/reinstate", ReinstateAsync).RequireAuthorization(AuthPolicies.Regulator);
        return app;
    }

    private static async Task<Results<Ok<LicenceResponse>, ProblemHttpResult>> GetAsync(
        string licenceNumber, ClaimsPrincipal user, LicenceApplicationsDbContext db, CancellationToken ct)
    {
        var licence = await db.Licences.AsNoTracking().FirstOrDefaultAsync(l => l.LicenceNumber == licenceNumber, ct);
        var visible = licence is not null
            && (user.IsRegulator() || (user.IsBusiness() && licence.OwnerSubject == user.GetSubject()));
        return visible ? TypedResults.Ok(LicenceResponse.From(licence!)) : NotFound(licenceNumber);
    }

    /// <summary>
    /// A licence held by a company that is not Active may not come back: the registry (source of truth)
    /// is asked, as at issue, because the local view follows events and may be a moment behind.
    /// </summary>
    private static async Task<Results<Ok<LicenceResponse>, ProblemHttpResult>> ReinstateAsync(
        string licenceNumber, ReasonRequest request, LicenceApplicationsDbContext db, LicenceLifecycle lifecycle,
        CompanyDirectory companies, CancellationToken ct)
    {
        var licence = await db.Licences.AsNoTracking().FirstOrDefaultAsync(l => l.LicenceNumber == licenceNumber, ct);
        if (licence is not null && !string.IsNullOrWhiteSpace(request.Reason))
        {
            var companyStatus = await companies.ConfirmStatusAsync(licence.RegistrationNumber, ct);
            if (companyStatus is null)
            {
                return Problems.Create(503, "registry-unavailable", "The company registry cannot be reached.",
                    "The holder company's status could not be confirmed; retry shortly.");
            }
            if (companyStatus != Company.Active)
            {
                return Problems.Create(409, "company-not-active", "The company is not active.",
                    $"The holder company is {companyStatus}; its licences follow it.");
            }
        }

        return await ChangeAsync(licenceNumber, request, db, (l, reason) => lifecycle.ReinstateAsync(l, reason, ct), ct);
    }

    private static async Task<Results<Ok<LicenceResponse>, ProblemHttpResult>> ChangeAsync(
        string licenceNumber, ReasonRequest request, LicenceApplicationsDbContext db, Func<Licence, string, Task> change,
        CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["reason"] = ["A reason is required."] });
        }

        // Company status events update licence rows at any moment: a regulator's command that lost that
        // race is decided again on the fresh row (bounded); 409 stays for a transition that does not apply.
        for (var attempt = 1; ; attempt++)
        {
            var licence = await db.Licences.FirstOrDefaultAsync(l => l.LicenceNumber == licenceNumber, ct);
            if (licence is null)
            {
                return NotFound(licenceNumber);
            }

            try
            {
                await change(licence, request.Reason.Trim());
                return TypedResults.Ok(LicenceResponse.From(licence));
            }
            catch (InvalidStateException ex)
            {
                return Problems.InvalidState(ex.Message);
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxCommandAttempts)
            {
                db.ChangeTracker.Clear();
            }
            catch (DbUpdateConcurrencyException)
            {
                return Problems.InvalidState("The licence kept changing while this request was handled; read it again.");
            }
        }
    }

    private static ProblemHttpResult NotFound(string licenceNumber) => Problems.NotFound($"Licence {licenceNumber} was not found.");
}
