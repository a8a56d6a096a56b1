using System.Security.Claims;
using System.Text;
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
        group.MapPost("/{applicationId:guid}/cancel", (Guid applicationId, ClaimsPrincipal user, ApplicationCommands applications,
                TimeProvider time, CancellationToken ct) =>
            OwnerCommandAsync(applicationId, user, applications, time, a => applications.CancelAsync(a, ct), ct))
            .RequireAuthorization(AuthPolicies.Business);
        // Addition: a paid application under review or awaiting information; the fee is not refunded.
        group.MapPost("/{applicationId:guid}/withdraw", (Guid applicationId, ClaimsPrincipal user, ApplicationCommands applications,
                TimeProvider time, CancellationToken ct) =>
            OwnerCommandAsync(applicationId, user, applications, time, a => applications.WithdrawAsync(a, ct), ct))
            .RequireAuthorization(AuthPolicies.Business);
        group.MapReviewApi();
        return app;
    }

    private static async Task<Results<Created<ApplicationResponse>, ContentHttpResult, ProblemHttpResult>> SubmitAsync(
        SubmitApplicationRequest request,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        ClaimsPrincipal user,
        HttpContext http,
        ApplicationSubmission submission,
        TimeProvider time,
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
        return CreatedOrReplayed(outcome, http, time);
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
        Outcome<Creation> outcome, HttpContext http, TimeProvider time)
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

        return TypedResults.Created(IdempotentCreation.LocationOf(application!), ApplicationResponse.From(application!, time.GetUtcNow()));
    }

    private static async Task<Results<Ok<ApplicationResponse>, ProblemHttpResult>> GetAsync(
        Guid applicationId, ClaimsPrincipal user, ApplicationCommands applications, TimeProvider time, CancellationToken ct)
    {
        var application = await applications.LoadAsync(applicationId, ct);
        return application is not null && CanSee(user, application)
            ? TypedResults.Ok(ApplicationResponse.From(application, time.GetUtcNow()))
            : ApplicationCommands.NotFound(applicationId).ToProblem();
    }

    /// <summary>Regulators see all, a business only its own. Additions: <c>overdue</c> and <c>sort=reviewDueAt</c>.</summary>
    private static async Task<Results<Ok<ApplicationPage>, ProblemHttpResult>> ListAsync(
        string? registrationNumber, string? status, string? limit, string? cursor, string? overdue, string? sort,
        ClaimsPrincipal user, ApplicationSearch search, TimeProvider time, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var take = ListParameters.Limit(limit, errors);
        ListParameters.NoControlCharacters("registrationNumber", registrationNumber, errors);
        var statusFilter = ListParameters.Status<ApplicationStatus>(status, errors);
        var byReviewDue = sort == "reviewDueAt";
        if (sort is not null && !byReviewDue)
        {
            errors["sort"] = ["sort is reviewDueAt, or absent for submission order."];
        }

        var overdueFilter = ListParameters.Flag("overdue", overdue, errors);
        ApplicationCursor? after = null;
        if (!string.IsNullOrEmpty(cursor) && !ApplicationCursor.TryParse(cursor, byReviewDue, out after))
        {
            errors["cursor"] = ["The cursor is not valid."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        if (!ListParameters.TryGetOwnerScope(user, out var owner))
        {
            return Problems.Forbidden("Only businesses and regulators can list applications.");
        }

        var (items, next) = await search.FindAsync(
            new ApplicationFilter(owner, registrationNumber, statusFilter, overdueFilter, byReviewDue, after, take), ct);
        var now = time.GetUtcNow();
        return TypedResults.Ok(new ApplicationPage(items.Select(a => ApplicationResponse.From(a, now)).ToList(), next?.ToString()));
    }

    /// <summary>Only the owner acts; anyone else must not learn the application exists.</summary>
    private static async Task<Results<Ok<ApplicationResponse>, ProblemHttpResult>> OwnerCommandAsync(
        Guid applicationId, ClaimsPrincipal user, ApplicationCommands applications, TimeProvider time,
        Func<LicenceApplication, Task<Refusal?>> change, CancellationToken ct) =>
        Answer(await applications.RunAsync(applicationId, application => application.OwnerSubject == user.GetSubject(), change, ct), time);

    internal static Results<Ok<ApplicationResponse>, ProblemHttpResult> Answer(Outcome<LicenceApplication> outcome, TimeProvider time) =>
        outcome.Value is { } application
            ? TypedResults.Ok(ApplicationResponse.From(application, time.GetUtcNow()))
            : outcome.Refusal!.ToProblem();

    internal static bool CanSee(ClaimsPrincipal user, LicenceApplication application) =>
        user.IsRegulator() || (user.IsBusiness() && application.OwnerSubject == user.GetSubject());
}
