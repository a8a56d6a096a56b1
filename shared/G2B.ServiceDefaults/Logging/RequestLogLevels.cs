using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Serilog.Events;

namespace G2B.ServiceDefaults;

/// <summary>
/// Endpoint metadata for machine traffic (health probes, the sidecar's deliveries and subscription polls):
/// a successful request to such an endpoint is logged at Debug, so the Information log keeps one line per
/// request a person or client made, and every failure still shows (4xx at Information, 5xx at Error).
/// </summary>
public sealed class RoutineRequestLog
{
    public static readonly RoutineRequestLog Instance = new();

    private RoutineRequestLog()
    {
    }
}

public static class RequestLogLevels
{
    /// <summary>Marks <paramref name="builder"/>'s endpoints as machine traffic (<see cref="RoutineRequestLog"/>).</summary>
    public static TBuilder WithRoutineRequestLog<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(RoutineRequestLog.Instance);

    /// <summary>The level of a request's one log line: Serilog's default (Error on an exception or a 5xx, else Information), Debug for routine successes.</summary>
    public static LogEventLevel Of(HttpContext http, double elapsedMs, Exception? exception)
    {
        var status = http.Response.StatusCode;
        if (exception is not null || status >= StatusCodes.Status500InternalServerError)
        {
            return LogEventLevel.Error;
        }

        return status < StatusCodes.Status400BadRequest && http.GetEndpoint()?.Metadata.GetMetadata<RoutineRequestLog>() is not null
            ? LogEventLevel.Debug
            : LogEventLevel.Information;
    }
}
