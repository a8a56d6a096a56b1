using System.Security.Claims;
using G2B.ServiceDefaults;
using LicenceApplications.Api.Domain;
using LicenceApplications.Api.Services;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LicenceApplications.Api.Endpoints;

public static class ApplicationsApi
{
    private const int MaxKeyLength = 200;

    public static IEndpointRouteBuilder MapApplicationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/applications").WithTags("Applications");
        group.MapPost("/", SubmitAsync).RequireAuthorization(AuthPolicies.Business);
        group.MapGet("/{applicationId:guid}", GetAsync).RequireAuthorization();
        group.MapGet("/", ApplicationQueries.ListAsync).RequireAuthorization();
        group.MapPost("/{applicationId:guid}/decision", DecideAsync).RequireAuthorization(AuthPolicies.Regulator);
        group.MapPost("/{applicationId:guid}/cancel", CancelAsync).RequireAuthorization(AuthPolicies.Business);
        return app;
    }

    private static async Task<Results<Created<ApplicationResponse>, ContentHttpResult, ProblemHttpResult>> SubmitAsync(
        SubmitApplicationRequest request,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        ClaimsPrincipal user,
        ApplicationSubmission submission,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.RegistrationNumber))
        {
            errors["registrationNumber"] = ["The registration number is required."];
        }
        else if (request.RegistrationNumber.Any(char.IsControl))
        {
            // PostgreSQL text cannot hold NUL: refused here rather than failing in the lookup.
            errors["registrationNumber"] = ["Control characters are not allowed."];
        }

        if (string.IsNullOrWhiteSpace(request.LicenceType))
        {
            errors["licenceType"] = ["The licence type is required."];
        }
        else if (request.LicenceType.Any(char.IsControl))
        {
            errors["licenceType"] = ["Control characters are not allowed."];
        }

        if (idempotencyKey is not null && (idempotencyKey.Length is 0 or > MaxKeyLength || idempotencyKey.Any(char.IsControl)))
        {
            errors["Idempotency-Key"] = [$"The key must be 1 to {MaxKeyLength} printable characters."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        return await submission.SubmitAsync(
            request.RegistrationNumber!.Trim(), request.LicenceType!.Trim(), user.GetSubject()!, idempotencyKey, ct);
    }

    private static async Task<Results<Ok<ApplicationResponse>, ProblemHttpResult>> GetAsync(
        Guid applicationId, ClaimsPrincipal user, ApplicationDecisions applications, CancellationToken ct)
    {
        var application = await applications.LoadAsync(applicationId, ct);
        return application is not null && CanSee(user, application)
            ? TypedResults.Ok(ApplicationResponse.From(application))
            : NotFound(applicationId);
    }

    private static async Task<Results<Ok<ApplicationResponse>, ProblemHttpResult>> DecideAsync(
        Guid applicationId, DecisionRequest request, ApplicationDecisions applications, CancellationToken ct)
    {
        if (request.Approve is not { } approve)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["approve"] = ["approve (true or false) is required."] });
        }

        if (!approve && string.IsNullOrWhiteSpace(request.Reason))
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["reason"] = ["A rejection needs a reason."] });
        }

        var application = await applications.LoadAsync(applicationId, ct);
        if (application is null)
        {
            return NotFound(applicationId);
        }

        return await ApplyAsync(application, () => applications.DecideAsync(application, approve, request.Reason?.Trim(), ct));
    }

    private static async Task<Results<Ok<ApplicationResponse>, ProblemHttpResult>> CancelAsync(
        Guid applicationId, ClaimsPrincipal user, ApplicationDecisions applications, CancellationToken ct)
    {
        var application = await applications.LoadAsync(applicationId, ct);
        // Only the owner cancels; anyone else must not learn the application exists.
        if (application is null || application.OwnerSubject != user.GetSubject())
        {
            return NotFound(applicationId);
        }

        return await ApplyAsync(application, () => applications.CancelAsync(application, ct));
    }

    private static async Task<Results<Ok<ApplicationResponse>, ProblemHttpResult>> ApplyAsync(
        LicenceApplication application, Func<Task> change)
    {
        try
        {
            await change();
            return TypedResults.Ok(ApplicationResponse.From(application));
        }
        catch (InvalidStateException ex)
        {
            return Problems.InvalidState(ex.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone (a payment, a decision) changed it meanwhile; the caller re-reads and decides again.
            return Problems.InvalidState("The application changed while this request was handled; read it again.");
        }
    }

    internal static bool CanSee(ClaimsPrincipal user, LicenceApplication application) =>
        user.IsRegulator() || (user.IsBusiness() && application.OwnerSubject == user.GetSubject());

    private static ProblemHttpResult NotFound(Guid applicationId) => Problems.NotFound($"Application {applicationId} was not found.");
}
