using System.Text.Json;
using System.Text.Json.Serialization;
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
    // Source-generated (no reflection): the gateway runs as a Native AOT binary, where reflection-based
    // serialisation is off; the JSON is the same, byte for byte, as the anonymous types gave before.
    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(ToJson(report));
    }

    internal static string ToJson(HealthReport report) => JsonSerializer.Serialize(
        new HealthReportJson(
            report.Status.ToString(),
            Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            report.Entries.ToDictionary(
                e => e.Key,
                e => new HealthCheckJson(
                    e.Value.Status.ToString(),
                    e.Value.Description,
                    Math.Round(e.Value.Duration.TotalMilliseconds, 1),
                    e.Value.Data.Count == 0 ? null : e.Value.Data))),
        HealthJsonContext.Default.HealthReportJson);
}

internal sealed record HealthReportJson(string Status, double TotalDurationMs, Dictionary<string, HealthCheckJson> Checks);

internal sealed record HealthCheckJson(
    string Status,
    string? Description,
    double DurationMs,
    [property: JsonConverter(typeof(HealthDataConverter))] IReadOnlyDictionary<string, object>? Data);

/// <summary>
/// A check's <c>data</c> (typed <c>object</c>): a value of a type this context knows (the ones the suite's checks put
/// there: numbers, strings, booleans, lists of strings) is written as reflection wrote it before; any other type is
/// written as its <c>ToString()</c>, so a new check's data can never turn a probe into a 500 in the native binary.
/// </summary>
internal sealed class HealthDataConverter : JsonConverter<IReadOnlyDictionary<string, object>>
{
    public override IReadOnlyDictionary<string, object> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Health reports are written, never read.");

    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, object> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (key, item) in value)
        {
            writer.WritePropertyName(key);
            if (item is null)
            {
                writer.WriteNullValue();
            }
            else if (options.TryGetTypeInfo(item.GetType(), out var typeInfo))
            {
                JsonSerializer.Serialize(writer, item, typeInfo);
            }
            else
            {
                writer.WriteStringValue(item.ToString());
            }
        }

        writer.WriteEndObject();
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(HealthReportJson))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(string[]))]
internal sealed partial class HealthJsonContext : JsonSerializerContext;
