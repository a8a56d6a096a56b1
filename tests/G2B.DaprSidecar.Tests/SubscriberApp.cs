using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using G2B.LocalInfra;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace G2B.DaprSidecar.Tests;

/// <summary>What one delivery looked like on the wire (before UseCloudEvents) and after the SDK unwrapped it.</summary>
public sealed record Received(string Path, JsonObject CloudEvent, string Data, IReadOnlyDictionary<string, string> Headers, int Attempt)
{
    public string Id => CloudEvent["id"]?.GetValue<string>() ?? string.Empty;
}

/// <summary>
/// A real Kestrel app subscribing the way the services do: Dapr.AspNetCore's UseCloudEvents, MapSubscribeHandler,
/// WithTopic, and (optionally) the SDK's dapr-api-token authentication.
/// </summary>
public sealed class SubscriberApp : IAsyncDisposable
{
    private const string RawKey = "raw-cloud-event";
    private const string RawContentTypeKey = "raw-content-type";
    private readonly ConcurrentDictionary<string, int> _attempts = new();
    private WebApplication? _app;

    public int Port { get; } = FreePort.Next();

    public ConcurrentQueue<Received> Received { get; } = new();

    /// <summary>Decides each answer; the default is 200 with an empty body (success).</summary>
    public Func<Received, Task<IResult>> Behaviour { get; set; } = _ => Task.FromResult(Results.Ok());

    public static async Task<SubscriberApp> StartAsync(Action<WebApplication, SubscriberApp> map, string? appApiToken = null)
    {
        var subscriber = new SubscriberApp();
        await subscriber.StartAgainAsync(map, appApiToken);
        return subscriber;
    }

    public async Task StartAgainAsync(Action<WebApplication, SubscriberApp> map, string? appApiToken = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, Port));
        builder.Services.AddDaprClient();
        if (appApiToken is not null)
        {
            builder.Services.AddAuthentication().AddDapr(o => o.Token = appApiToken);
            builder.Services.AddAuthorization(o => o.AddDapr("dapr"));
        }

        var app = builder.Build();
        app.Use(CaptureAsync);
        app.UseCloudEvents();
        if (appApiToken is not null)
        {
            app.UseAuthentication();
            app.UseAuthorization();
        }

        app.MapSubscribeHandler();
        map(app, this);
        await app.StartAsync();
        _app = app;
    }

    /// <summary>The route handler to map (a Delegate, so minimal APIs write the IResult it returns).</summary>
    public Delegate Handle => (HttpContext context) => HandleCoreAsync(context);

    public IEnumerable<Received> On(string path) => Received.Where(r => r.Path == path);

    public async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    // Keeps the CloudEvent exactly as the sidecar sent it; UseCloudEvents replaces the body with its data.
    private static async Task CaptureAsync(HttpContext context, Func<Task> next)
    {
        if (context.Request.ContentType?.StartsWith("application/cloudevents+json", StringComparison.Ordinal) == true)
        {
            context.Request.EnableBuffering();
            var raw = await new StreamReader(context.Request.Body).ReadToEndAsync();
            context.Request.Body.Position = 0;
            context.Items[RawKey] = JsonNode.Parse(raw) as JsonObject;
            context.Items[RawContentTypeKey] = context.Request.ContentType;
        }

        await next();
    }

    private async Task<IResult> HandleCoreAsync(HttpContext context)
    {
        var data = await new StreamReader(context.Request.Body).ReadToEndAsync();
        var cloudEvent = context.Items[RawKey] as JsonObject ?? new JsonObject();
        var id = cloudEvent["id"]?.GetValue<string>() ?? Guid.NewGuid().ToString();
        var attempt = _attempts.AddOrUpdate($"{context.Request.Path}|{id}", 1, (_, n) => n + 1);
        var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
        // UseCloudEvents rewrote Content-Type to the data's; keep what came over the wire.
        if (context.Items[RawContentTypeKey] is string wireContentType)
        {
            headers["content-type"] = wireContentType;
        }

        var received = new Received(context.Request.Path, cloudEvent, data, headers, attempt);
        Received.Enqueue(received);
        return await Behaviour(received);
    }
}
