using System.Globalization;
using System.Security.Claims;
using System.Text;
using G2B.ServiceDefaults;
using LicenceApplications.Api.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace LicenceApplications.Api.Applications;

public static class ApplicationsApi
{
    private const int MaxKeyLength = 200;

    public static IEndpointRouteBuilder MapApplicationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/applications").WithTags("Applications");
        group.MapPost("/", SubmitAsync).RequireAuthorization(AuthPolicies.Business);
        group.MapGet("/{applicationId:guid}", GetAsync).RequireAuthorization();
        group.MapGet("/", ListAsync).RequireAuthorization();
        group.MapPost("/{applicationId:guid}/decision", DecideAsync).RequireAuthorization(AuthPolicies.Regulator);
        group.MapPost("/{applicationId:guid}/cancel", CancelAsync).RequireAuthorization(AuthPolicies.Business);
        return app;
    }

    private static async Task<Results<Created<ApplicationResponse>, ContentHttpResult, ProblemHttpResult>> SubmitAsync(
        SubmitApplicationRequest request,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        ClaimsPrincipal user,
        HttpContext http,
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

        CheckIdempotencyKey(idempotencyKey, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var outcome = await submission.SubmitAsync(
            request.RegistrationNumber!.Trim(), request.LicenceType!.Trim(), user.GetSubject()!, idempotencyKey, ct);
        return CreatedOrReplayed(outcome, http);
    }

    internal static void CheckIdempotencyKey(string? idempotencyKey, Dictionary<string, string[]> errors)
    {
        if (idempotencyKey is not null && (idempotencyKey.Length is 0 or > MaxKeyLength || idempotencyKey.Any(char.IsControl)))
        {
            errors["Idempotency-Key"] = [$"The key must be 1 to {MaxKeyLength} printable characters."];
        }
    }

    /// <summary>201 with the new application, or the first answer again (same status, body and Location) for a repeated key.</summary>
    internal static Results<Created<ApplicationResponse>, ContentHttpResult, ProblemHttpResult> CreatedOrReplayed(
        Outcome<Creation> outcome, HttpContext http)
    {
        if (outcome.Refusal is { } refusal)
        {
            return refusal.ToProblem();
        }

        var (application, replay) = outcome.Value!;
        if (replay is not null)
        {
            if (replay.ResponseLocation is not null)
            {
                http.Response.Headers.Location = replay.ResponseLocation;
            }

            return TypedResults.Text(replay.ResponseBody, "application/json", Encoding.UTF8, replay.ResponseStatus);
        }

        return TypedResults.Created(IdempotentCreation.LocationOf(application!), ApplicationResponse.From(application!));
    }

    private static async Task<Results<Ok<ApplicationResponse>, ProblemHttpResult>> GetAsync(
        Guid applicationId, ClaimsPrincipal user, ApplicationCommands applications, CancellationToken ct)
    {
        var application = await applications.LoadAsync(applicationId, ct);
        return application is not null && CanSee(user, application)
            ? TypedResults.Ok(ApplicationResponse.From(application))
            : ApplicationCommands.NotFound(applicationId).ToProblem();
    }

    /// <summary>Regulators see all, a business only its own.</summary>
    private static async Task<Results<Ok<ApplicationPage>, ProblemHttpResult>> ListAsync(
        string? registrationNumber, string? status, string? limit, string? cursor,
        ClaimsPrincipal user, ApplicationSearch search, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        // Read as text so "abc" or "1e2" is a field error like 0 or 101, not a binder failure.
        var take = 20;
        if (limit is not null
            && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out take) || take is < 1 or > 100))
        {
            errors["limit"] = ["limit must be a whole number between 1 and 100."];
        }

        if (registrationNumber is not null && registrationNumber.Any(char.IsControl))
        {
            // PostgreSQL text cannot hold NUL: refuse it here rather than fail in the query.
            errors["registrationNumber"] = ["Control characters are not allowed."];
        }

        ApplicationStatus? statusFilter = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (Enum.TryParse<ApplicationStatus>(status, ignoreCase: true, out var parsed) && !int.TryParse(status, out _))
            {
                statusFilter = parsed;
            }
            else
            {
                errors["status"] = [$"Unknown status '{status}'."];
            }
        }

        Guid? after = null;
        if (!string.IsNullOrEmpty(cursor))
        {
            if (Guid.TryParseExact(cursor, "N", out var parsed))
            {
                after = parsed;
            }
            else
            {
                errors["cursor"] = ["The cursor is not valid."];
            }
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        if (!user.IsRegulator() && !user.IsBusiness())
        {
            return Problems.Forbidden("Only businesses and regulators can list applications.");
        }

        var owner = user.IsRegulator() ? null : user.GetSubject();
        var (items, next) = await search.FindAsync(new ApplicationFilter(owner, registrationNumber, statusFilter, after, take), ct);
        return TypedResults.Ok(new ApplicationPage(items.Select(ApplicationResponse.From).ToList(), next?.ToString("N")));
    }

    private static async Task<Results<Ok<ApplicationResponse>, ProblemHttpResult>> DecideAsync(
        Guid applicationId, DecisionRequest request, ApplicationCommands applications, CancellationToken ct)
    {
        if (request.Approve is not { } approve)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["approve"] = ["approve (true or false) is required."] });
        }

        if (!approve && string.IsNullOrWhiteSpace(request.Reason))
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["reason"] = ["A rejection needs a reason."] });
        }

        return Answer(await applications.RunAsync(applicationId, _ => true,
            application => applications.DecideAsync(application, approve, request.Reason?.Trim(), ct), ct));
    }

    private static async Task<Results<Ok<ApplicationResponse>, ProblemHttpResult>> CancelAsync(
        Guid applicationId, ClaimsPrincipal user, ApplicationCommands applications, CancellationToken ct) =>
        // Only the owner cancels; anyone else must not learn the application exists.
        Answer(await applications.RunAsync(applicationId, application => application.OwnerSubject == user.GetSubject(),
            application => applications.CancelAsync(application, ct), ct));

    internal static Results<Ok<ApplicationResponse>, ProblemHttpResult> Answer(Outcome<LicenceApplication> outcome) =>
        outcome.Value is { } application ? TypedResults.Ok(ApplicationResponse.From(application)) : outcome.Refusal!.ToProblem();

    internal static bool CanSee(ClaimsPrincipal user, LicenceApplication application) =>
        user.IsRegulator() || (user.IsBusiness() && application.OwnerSubject == user.GetSubject());
}
