using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
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
    public const string EndpointKey = "Otel:Endpoint";
    public const string SampleRatioKey = "Otel:TraceSampleRatio";

    public static void AddG2BTelemetry(this WebApplicationBuilder builder)
    {
        var endpoint = builder.Configuration[EndpointKey];
        var sampleRatio = SampleRatio(builder.Configuration);

        // No collector configured (tests, plain local runs): no tracer or meter provider, so nothing listens and
        // requests, HTTP calls and Npgsql statements build no spans and record no measurements nobody would read
        // (docs/benchmarks.md, "Issue 16, session 11"). Log correlation does not depend on them: ASP.NET Core
        // starts its request activity whenever logging is on (continuing an incoming traceparent), HttpClient
        // and YARP propagate Activity.Current, and the outbox carries the traceparent it recorded.
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return;
        }

        var serviceName = builder.Configuration["Otel:ServiceName"] ?? builder.Environment.ApplicationName;
        var protocol = string.Equals(builder.Configuration["Otel:Protocol"], "http/protobuf", StringComparison.OrdinalIgnoreCase)
            ? OtlpExportProtocol.HttpProtobuf
            : OtlpExportProtocol.Grpc;
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName))
            .WithTracing(tracing =>
            {
                tracing
                    .AddAspNetCoreInstrumentation(o => o.Filter = ctx => !ctx.Request.Path.StartsWithSegments("/healthz"))
                    .AddHttpClientInstrumentation()
                    .AddNpgsql()
                    .AddSource("G2B.*", "Yarp.ReverseProxy");
                // 1 (the default) keeps the SDK's own sampler, every trace; below 1 a share of the traces that start
                // here, while a caller's sampled decision is still followed so a trace is never cut in the middle.
                if (sampleRatio < 1)
                {
                    tracing.SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(sampleRatio)));
                }
            })
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddMeter("G2B.*", "Npgsql", "Microsoft.AspNetCore.RateLimiting"))
            .UseOtlpExporter(protocol, new Uri(endpoint));
    }

    /// <summary><c>Otel:TraceSampleRatio</c>: the share of new traces recorded, 0 to 1 (default 1, every trace).</summary>
    internal static double SampleRatio(IConfiguration configuration)
    {
        var value = configuration[SampleRatioKey];
        if (string.IsNullOrWhiteSpace(value))
        {
            return 1;
        }

        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var ratio) && ratio is >= 0 and <= 1
            ? ratio
            : throw new InvalidOperationException($"{SampleRatioKey}: '{value}' is not a number from 0 to 1.");
    }
}
