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
    private const int MaxCommandAttempts = 5;

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

        return await ApplyAsync(applicationId, applications, _ => true,
            application => applications.DecideAsync(application, approve, request.Reason?.Trim(), ct), ct);
    }

    private static Task<Results<Ok<ApplicationResponse>, ProblemHttpResult>> CancelAsync(
        Guid applicationId, ClaimsPrincipal user, ApplicationDecisions applications, CancellationToken ct) =>
        // Only the owner cancels; anyone else must not learn the application exists.
        ApplyAsync(applicationId, applications, application => application.OwnerSubject == user.GetSubject(),
            application => applications.CancelAsync(application, ct), ct);

    /// <summary>
    /// Runs a person's command on a fresh read of the application. Events (an invoice issued, a
    /// payment) update the same row at any moment; losing that optimistic-concurrency race is not the
    /// person's fault, so the command is decided again on the new state (a bounded number of times).
    /// Only a real state conflict (the new state does not allow the command) answers 409.
    /// </summary>
    private static async Task<Results<Ok<ApplicationResponse>, ProblemHttpResult>> ApplyAsync(
        Guid applicationId, ApplicationDecisions applications, Func<LicenceApplication, bool> mayAct,
        Func<LicenceApplication, Task> change, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var application = await applications.LoadAsync(applicationId, ct);
            if (application is null || !mayAct(application))
            {
                return NotFound(applicationId);
            }

            try
            {
                await change(application);
                return TypedResults.Ok(ApplicationResponse.From(application));
            }
            catch (InvalidStateException ex)
            {
                return Problems.InvalidState(ex.Message);
            }
            catch (CompanyNotActiveException ex) when (ex.Status is null)
            {
                return Problems.Create(503, "registry-unavailable", "The company registry cannot be reached.",
                    "The company's status could not be confirmed; retry shortly.");
            }
            catch (CompanyNotActiveException ex)
            {
                return Problems.Create(409, "company-not-active", "The company is not active.", ex.Message);
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxCommandAttempts)
            {
                applications.Forget();
            }
            catch (DbUpdateConcurrencyException)
            {
                return Problems.InvalidState("The application kept changing while this request was handled; read it again.");
            }
        }
    }

    internal static bool CanSee(ClaimsPrincipal user, LicenceApplication application) =>
        user.IsRegulator() || (user.IsBusiness() && application.OwnerSubject == user.GetSubject());

    private static ProblemHttpResult NotFound(Guid applicationId) => Problems.NotFound($"Application {applicationId} was not found.");
}
