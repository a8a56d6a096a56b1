using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Deployment.Tests.Boot;

/// <summary>
/// Stands where daprd stands in the pod: answers <c>/v1.0/healthz</c> as daprd does (204, no
/// token needed) and refuses every other call without the <c>dapr-api-token</c> daprd was given,
/// so an app that lacks DAPR_API_TOKEN cannot pass for one that has it.
/// </summary>
public sealed class StubSidecar : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _unauthorized;

    private StubSidecar(WebApplication app, int port)
    {
        _app = app;
        HttpPort = port;
    }

    public int HttpPort { get; }

    public int Unauthorized => _unauthorized;

    public static async Task<StubSidecar> StartAsync(string apiToken)
    {
        var port = G2B.LocalInfra.FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        StubSidecar? self = null;
        app.MapGet("/v1.0/healthz", () => Results.NoContent());
        app.MapGet("/v1.0/healthz/outbound", () => Results.NoContent());
        app.Map("/{**rest}", (HttpContext http) =>
        {
            if (http.Request.Headers["dapr-api-token"] != apiToken)
            {
                Interlocked.Increment(ref self!._unauthorized);
                return Results.Unauthorized();
            }
            return Results.NoContent();
        });
        self = new StubSidecar(app, port);
        await app.StartAsync();
        return self;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
