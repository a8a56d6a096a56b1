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

/// <summary>Turns request-reading failures (malformed JSON, too-large bodies) into 4xx problems instead of 500s.</summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        var status = badRequest.StatusCode;
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
            // The framework's message names the parameter or the JSON problem, never internals.
            Detail = badRequest.Message,
        };

        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
        });
    }
}
