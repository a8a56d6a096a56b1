namespace Portal.Security;

/// <summary>
/// A request the server cannot read (a form over the size limit, a broken body) is the sender's fault: it gets
/// the plain-words error page for its 4xx status instead of the exception handler's 500.
/// </summary>
internal sealed class BadRequestPageMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            context.Response.StatusCode = e.StatusCode;
        }
        catch (InvalidDataException) when (!context.Response.HasStarted)
        {
            // Form reader limits (too many fields, a value too long).
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }
}
