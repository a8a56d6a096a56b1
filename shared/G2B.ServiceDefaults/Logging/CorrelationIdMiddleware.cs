using Microsoft.AspNetCore.Http;
using Serilog.Context;

namespace G2B.ServiceDefaults;

/// <summary>
/// Reads or creates <c>X-Correlation-Id</c>, writes it back onto the request (so a proxy forwards it)
/// and onto every response, and puts it on every log line of the request.
/// </summary>
public sealed class CorrelationIdMiddleware(RequestDelegate next)
{
    public const string HeaderName = "X-Correlation-Id";
    private const int MaxLength = 128;

    public async Task InvokeAsync(HttpContext context)
    {
        var correlationId = Resolve(context.Request.Headers[HeaderName].ToString());
        context.Request.Headers[HeaderName] = correlationId;
        context.Items[HeaderName] = correlationId;

        context.Response.OnStarting(() =>
        {
            // Overwrite, not append: a proxied response already carries the downstream's echo.
            context.Response.Headers[HeaderName] = correlationId;
            return Task.CompletedTask;
        });

        using (LogContext.PushProperty("CorrelationId", correlationId))
        {
            await next(context);
        }
    }

    // A caller's value is kept only when it is short and printable, so it cannot inject into logs or headers.
    private static string Resolve(string? incoming)
    {
        if (!string.IsNullOrWhiteSpace(incoming)
            && incoming.Length <= MaxLength
            // Printable ASCII only ('!'..'~'): vectorised, and no enumerator per request as LINQ's All made.
            && !incoming.AsSpan().ContainsAnyExceptInRange('!', '~'))
        {
            return incoming;
        }

        return Guid.NewGuid().ToString("N");
    }
}

public static class CorrelationIdHttpContextExtensions
{
    public static string? GetCorrelationId(this HttpContext context) =>
        context.Items.TryGetValue(CorrelationIdMiddleware.HeaderName, out var value) ? value as string : null;
}
