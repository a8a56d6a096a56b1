using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace G2B.ServiceDefaults;

/// <summary>Tags that decide which health endpoint runs a check.</summary>
public static class HealthTags
{
    /// <summary>Run by <c>/alive</c>.</summary>
    public const string Live = "live";

    /// <summary>
    /// Reported on a detail endpoint of the host's own (<see cref="HealthEndpoint.MapHealthDetail"/>), never by
    /// <c>/healthz</c>: the state of other processes must not make this one unready.
    /// </summary>
    public const string DetailOnly = "detail-only";
}

public static class HealthEndpoint
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    internal static void MapHealthEndpoint(this IEndpointRouteBuilder endpoints)
    {
        // Probes: a passing probe is logged at Debug (RoutineRequestLog), a failing one as before.
        endpoints.MapJsonHealthChecks("/healthz", check => !check.Tags.Contains(HealthTags.DetailOnly)).WithRoutineRequestLog();

        // Liveness: the process answers. No dependency is checked, so an outage of the database or
        // a downstream service makes pods unready (/healthz) rather than restarting them in a loop.
        endpoints.MapJsonHealthChecks("/alive", check => check.Tags.Contains(HealthTags.Live)).WithRoutineRequestLog();
    }

    /// <summary>Checks tagged <paramref name="tag"/> in the same JSON and status codes as <c>/healthz</c>; not a probe.</summary>
    public static IEndpointConventionBuilder MapHealthDetail(this IEndpointRouteBuilder endpoints, string path, string tag) =>
        endpoints.MapJsonHealthChecks(path, check => check.Tags.Contains(tag));

    /// <summary>The checks <paramref name="predicate"/> picks, anonymous, as JSON: 200 while healthy or degraded, 503 when unhealthy.</summary>
    private static IEndpointConventionBuilder MapJsonHealthChecks(
        this IEndpointRouteBuilder endpoints, string path, Func<HealthCheckRegistration, bool> predicate) =>
        endpoints.MapHealthChecks(path, new HealthCheckOptions
        {
            Predicate = predicate,
            ResponseWriter = WriteAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).AllowAnonymous().ExcludeFromDescription();

    // Check names, statuses and data only: exception messages could reveal connection strings.
    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            totalDurationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new
                {
                    status = e.Value.Status.ToString(),
                    description = e.Value.Description,
                    durationMs = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
                    data = e.Value.Data.Count == 0 ? null : e.Value.Data,
                }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Json));
    }
}
