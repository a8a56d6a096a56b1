using System.Diagnostics;
using System.Net;
using System.Text.Json;
using G2B.LocalInfra;

namespace G2B.SidecarBench;

/// <summary>The receiving app: answers GET /dapr/subscribe and records publish-to-handler latency per event.</summary>
public sealed class SubscriberStub(string topic, LatencyRecorder recorder) : IAsyncDisposable
{
    private WebApplication? _app;

    public int Port { get; } = FreePort.Next();

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, Port));
        var app = builder.Build();
        app.MapGet("/dapr/subscribe", () => TypedResults.Json(new[] { new { pubsubname = "pubsub", topic, route = "/e2e" } }));
        app.MapPost("/e2e", async (HttpRequest request) =>
        {
            using var doc = await JsonDocument.ParseAsync(request.Body);
            // Publisher and subscriber share this process, so Stopwatch timestamps compare directly.
            var sent = doc.RootElement.GetProperty("data").GetProperty("sent").GetInt64();
            recorder.RecordSince(sent);
            return TypedResults.Ok();
        });
        await app.StartAsync();
        _app = app;
    }

    public static long Now() => Stopwatch.GetTimestamp();

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
