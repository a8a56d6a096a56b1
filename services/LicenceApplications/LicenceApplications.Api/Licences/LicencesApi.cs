using System.Security.Claims;
using LicenceApplications.Api.Applications;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace LicenceApplications.Api.Licences;

public static class LicencesApi
{
    public static IEndpointRouteBuilder MapLicencesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/licences").WithTags("Licences");
        group.MapGet("/", ListAsync).RequireAuthorization();
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
        group.MapPost("/{licenceNumber}/surrender", (string licenceNumber, ReasonRequest request, ClaimsPrincipal user,
                LicenceLifecycle lifecycle, CancellationToken ct) =>
            ChangeAsync(request, reason => lifecycle.SurrenderAsync(licenceNumber, user.GetSubject()!, reason, ct)))
            .RequireAuthorization(AuthPolicies.Business);
        group.MapPost("/{licenceNumber}/renew", RenewAsync).RequireAuthorization(AuthPolicies.Business);
        return app;
    }

    private static async Task<Results<Ok<LicenceResponse>, ProblemHttpResult>> GetAsync(
        string licenceNumber, ClaimsPrincipal user, LicenceApplicationsDbContext db, CancellationToken ct)
    {
        var licence = await db.Licences.AsNoTracking().Include(l => l.History).FirstOrDefaultAsync(l => l.LicenceNumber == licenceNumber, ct);
        var visible = licence is not null
            && (user.IsRegulator() || (user.IsBusiness() && licence.OwnerSubject == user.GetSubject()));
        return visible ? TypedResults.Ok(LicenceResponse.From(licence!)) : LicenceLifecycle.NotFound(licenceNumber).ToProblem();
    }

    /// <summary>Addition: regulators list all licences (e.g. <c>eligibilityLapsed=true</c>), a business its own.</summary>
    private static async Task<Results<Ok<LicencePage>, ProblemHttpResult>> ListAsync(
        string? registrationNumber, string? status, string? eligibilityLapsed, string? limit, string? cursor,
        ClaimsPrincipal user, LicenceSearch search, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var take = ListParameters.Limit(limit, errors);
        ListParameters.NoControlCharacters("registrationNumber", registrationNumber, errors);
        if (!string.IsNullOrEmpty(cursor) && !LicenceSearch.IsCursor(cursor))
        {
            errors["cursor"] = ["The cursor is not valid."];
        }

        var statusFilter = ListParameters.Status<LicenceStatus>(status, errors);
        var lapsed = ListParameters.Flag("eligibilityLapsed", eligibilityLapsed, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        if (!ListParameters.TryGetOwnerScope(user, out var owner))
        {
            return Problems.Forbidden("Only businesses and regulators can list licences.");
        }

        var (items, next) = await search.FindAsync(
            new LicenceFilter(owner, registrationNumber, statusFilter, lapsed, string.IsNullOrEmpty(cursor) ? null : cursor, take), ct);
        return TypedResults.Ok(new LicencePage(items.Select(LicenceResponse.From).ToList(), next));
    }

    /// <summary>201 with the renewal application (<c>Idempotency-Key</c> as for a submission).</summary>
    private static async Task<Results<Created<ApplicationResponse>, ContentHttpResult, ProblemHttpResult>> RenewAsync(
        string licenceNumber, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, ClaimsPrincipal user, HttpContext http,
        LicenceRenewals renewals, TimeProvider time, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        ApplicationsApi.CheckIdempotencyKey(idempotencyKey, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var outcome = await renewals.RequestAsync(licenceNumber, user.GetSubject()!, idempotencyKey, ct);
        return ApplicationsApi.CreatedOrReplayed(outcome, http, time);
    }

    private static async Task<Results<Ok<LicenceResponse>, ProblemHttpResult>> ChangeAsync(
        ReasonRequest request, Func<string, Task<Outcome<Licence>>> change)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            errors["reason"] = ["A reason is required."];
        }
        else
        {
            ReviewApi.CheckText("reason", request.Reason, errors);
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var outcome = await change(request.Reason!.Trim());
        return outcome.Value is { } licence ? TypedResults.Ok(LicenceResponse.From(licence)) : outcome.Refusal!.ToProblem();
    }
}
