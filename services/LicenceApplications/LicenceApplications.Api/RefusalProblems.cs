using Microsoft.AspNetCore.Http.HttpResults;

namespace LicenceApplications.Api;

/// <summary>The one place a <see cref="Refusal"/> becomes an RFC 9457 problem (used by the endpoint files only).</summary>
internal static class RefusalProblems
{
    public static ProblemHttpResult ToProblem(this Refusal refusal) => refusal.Kind switch
    {
        RefusalKind.Invalid => Problems.Validation(new Dictionary<string, string[]> { [refusal.Code] = [refusal.Detail] }),
        RefusalKind.NotFound => Problems.NotFound(refusal.Detail),
        RefusalKind.Forbidden => Problems.Forbidden(refusal.Detail),
        RefusalKind.Conflict => Problems.Create(StatusCodes.Status409Conflict, refusal.Code, refusal.Title, refusal.Detail),
        RefusalKind.Unprocessable => Problems.Create(StatusCodes.Status422UnprocessableEntity, refusal.Code, refusal.Title, refusal.Detail),
        RefusalKind.Unavailable => Problems.Create(StatusCodes.Status503ServiceUnavailable, refusal.Code, refusal.Title, refusal.Detail),
        _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal.Kind, null),
    };
}
