using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EndToEnd.Tests;

/// <summary>
/// A stand-in OpenTelemetry collector: OTLP over gRPC (HTTP/2 without TLS, as the manifests' <c>Otel__Endpoint</c>
/// on port 4317 is), answering every export with an empty success. It keeps which export service was called, how
/// often, and the protobuf payloads' sizes: enough to show an exporter in the suite sent real data.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OtlpReceiver(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public string Url { get; }

    /// <summary>Per gRPC method (e.g. <c>/opentelemetry.proto.collector.trace.v1.TraceService/Export</c>): the payload sizes.</summary>
    public ConcurrentDictionary<string, ConcurrentQueue<long>> Exports { get; } = new();

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        var app = builder.Build();
        OtlpReceiver? receiver = null;
        app.MapPost("/opentelemetry.proto.collector.{service}/Export", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            receiver!.Exports.GetOrAdd(context.Request.Path.Value!, _ => new()).Enqueue(body.Length);
            // One gRPC message: not compressed, length 0 (an empty Export*ServiceResponse), then status OK.
            context.Response.ContentType = "application/grpc";
            await context.Response.Body.WriteAsync(new byte[5]);
            context.Response.AppendTrailer("grpc-status", "0");
        });
        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver = new OtlpReceiver(app, url.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal));
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
