using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace G2B.ServiceDefaults;

/// <summary>
/// A domain type refused an operation its current state does not allow (an illegal transition).
/// Every service's domain throws this one type; <see cref="InvalidStateExceptionHandler"/> turns it
/// into <c>409 invalid-state</c>, so endpoint files need no catch blocks of their own.
/// The message is the problem's <c>detail</c>: write it for the caller, never with internals.
/// </summary>
public class InvalidStateException(string message) : Exception(message);

/// <summary>Maps <see cref="InvalidStateException"/> (and subclasses) to <c>409 invalid-state</c>.</summary>
internal sealed class InvalidStateExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not InvalidStateException invalid || httpContext.Response.HasStarted)
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status409Conflict;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Type = Problems.TypeFor("invalid-state"),
                Title = "The operation does not apply in the current state.",
                Detail = invalid.Message,
            },
        });
    }
}
