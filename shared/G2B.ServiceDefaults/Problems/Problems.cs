using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace G2B.ServiceDefaults;

/// <summary>RFC 9457 problem results with the suite's <c>type</c> URIs (the slug is the contract).</summary>
public static class Problems
{
    public const string TypeBase = "https://g2b.example/problems/";

    public static string TypeFor(string slug) => TypeBase + slug;

    public static ProblemHttpResult Create(
        int status, string slug, string title, string? detail = null, IDictionary<string, string[]>? errors = null)
    {
        ProblemDetails problem = errors is null
            ? new ProblemDetails()
            : new HttpValidationProblemDetails(errors);
        problem.Status = status;
        problem.Type = TypeFor(slug);
        problem.Title = title;
        problem.Detail = detail;
        return TypedResults.Problem(problem);
    }

    public static ProblemHttpResult Validation(IDictionary<string, string[]> errors, string? detail = null) =>
        Create(StatusCodes.Status400BadRequest, "validation", "The request is not valid.",
            detail ?? "One or more fields are invalid.", errors);

    public static ProblemHttpResult NotFound(string detail) =>
        Create(StatusCodes.Status404NotFound, "not-found", "Not found.", detail);

    public static ProblemHttpResult InvalidState(string detail) =>
        Create(StatusCodes.Status409Conflict, "invalid-state", "The operation does not apply in the current state.", detail);

    public static ProblemHttpResult Forbidden(string? detail = null) =>
        Create(StatusCodes.Status403Forbidden, "forbidden", "Forbidden.", detail);

    public static ProblemHttpResult Unauthorized(string? detail = null) =>
        Create(StatusCodes.Status401Unauthorized, "unauthorized", "Unauthorized.", detail);

    /// <summary>The slug used when a bare status code becomes a problem (status code pages, framework errors).</summary>
    public static string SlugForStatus(int status) => status switch
    {
        400 => "validation",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "not-found",
        405 => "method-not-allowed",
        406 => "not-acceptable",
        409 => "conflict",
        413 => "payload-too-large",
        415 => "unsupported-media-type",
        422 => "unprocessable",
        429 => "too-many-requests",
        500 => "internal-error",
        502 => "bad-gateway",
        503 => "service-unavailable",
        504 => "gateway-timeout",
        _ => $"http-{status}",
    };
}
