using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace G2B.ServiceDefaults;

internal static class ProblemDetailsSetup
{
    public static void AddG2BProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = Customize);
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddExceptionHandler<InvalidStateExceptionHandler>();
        // Binding failures throw, so the handler below can turn them into a 400 problem in every environment.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
    }

    private static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;

        // Framework defaults point at RFC sections; the contract wants our own type URIs.
        if (problem.Type is null || !problem.Type.StartsWith(Problems.TypeBase, StringComparison.Ordinal))
        {
            problem.Type = Problems.TypeFor(Problems.SlugForStatus(status));
        }

        // Never leak exception text: a 500's detail says only that it was logged.
        if (status >= 500 && context.Exception is not null)
        {
            problem.Detail = "An unexpected error occurred; it has been logged.";
        }

        problem.Extensions.Remove("exception");
        problem.Extensions["traceId"] = Activity.Current?.TraceId.ToHexString() ?? context.HttpContext.TraceIdentifier;
        var correlationId = context.HttpContext.GetCorrelationId();
        if (correlationId is not null)
        {
            problem.Extensions["correlationId"] = correlationId;
        }
    }
}

/// <summary>Turns request-reading failures (malformed JSON, forms or multipart, too-large bodies) into 4xx problems instead of 500s.</summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    // The framework's form and multipart readers: a body they cannot read (a NUL in a form value, no boundary,
    // cut short, part headers over their limits) throws InvalidDataException or IOException from here.
    private const string BodyReaders = "Microsoft.AspNetCore.WebUtilities";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, detail) = exception switch
        {
            // The framework's message names the parameter or the JSON problem, never internals.
            BadHttpRequestException badRequest => (badRequest.StatusCode, badRequest.Message),
            InvalidDataException or IOException when exception.Source == BodyReaders =>
                (StatusCodes.Status400BadRequest, "The body is not a well-formed form or multipart body."),
            _ => (0, null),
        };
        if (status == 0 || httpContext.Response.HasStarted)
        {
            return false;
        }

        httpContext.Response.StatusCode = status;
        var problem = new ProblemDetails
        {
            Status = status,
            Type = Problems.TypeFor(Problems.SlugForStatus(status)),
            Title = status switch
            {
                413 => "The request body is too large.",
                415 => "The request content type is not supported.",
                _ => "The request is not valid.",
            },
            Detail = detail,
        };

        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
        });
    }
}
