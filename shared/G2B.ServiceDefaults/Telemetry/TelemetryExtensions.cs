using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace G2B.ServiceDefaults;

internal static class TelemetryExtensions
{
    public static void AddG2BTelemetry(this WebApplicationBuilder builder)
    {
        var endpoint = builder.Configuration["Otel:Endpoint"];
        var serviceName = builder.Configuration["Otel:ServiceName"] ?? builder.Environment.ApplicationName;

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = ctx => !ctx.Request.Path.StartsWithSegments("/healthz"))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddSource("G2B.*", "Yarp.ReverseProxy"))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddMeter("G2B.*", "Npgsql", "Microsoft.AspNetCore.RateLimiting"));

        // No collector configured (tests, plain local runs): instrument, but export nothing.
        if (!string.IsNullOrWhiteSpace(endpoint))
        {
            var protocol = string.Equals(builder.Configuration["Otel:Protocol"], "http/protobuf", StringComparison.OrdinalIgnoreCase)
                ? OtlpExportProtocol.HttpProtobuf
                : OtlpExportProtocol.Grpc;
            otel.UseOtlpExporter(protocol, new Uri(endpoint));
        }
    }
}
