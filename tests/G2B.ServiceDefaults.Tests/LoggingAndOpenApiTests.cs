using System.Collections.Concurrent;
using System.Net;
using G2B.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace G2B.ServiceDefaults.Tests;

public sealed class LoggingAndOpenApiTests
{
    [Fact]
    public async Task One_request_line_carries_method_path_status_elapsed_correlation_and_trace_ids()
    {
        var sink = new CollectingSink();
        var issuer = await TestAuth.IssuerAsync();
        await using var app = await TestApp.StartAsync(
            new Dictionary<string, string?>(issuer.Settings) { ["Serilog:MinimumLevel:Default"] = "Information" },
            builder => builder.Services.AddSingleton<ILogEventSink>(sink),
            endpoints => endpoints.MapGet("/ping", () => TypedResults.Ok("pong")));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/ping");
        request.Headers.Add("X-Correlation-Id", "log-check-1");

        using var response = await app.Client().SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var line = sink.Events.Should().ContainSingle(e =>
            e.Properties.ContainsKey("RequestPath") && e.Properties["RequestPath"].ToString() == "\"/ping\"").Subject;
        line.Properties["RequestMethod"].ToString().Should().Be("\"GET\"");
        line.Properties["StatusCode"].ToString().Should().Be("200");
        line.Properties.Should().ContainKey("Elapsed");
        line.Properties["CorrelationId"].ToString().Should().Be("\"log-check-1\"");
        line.Properties["TraceId"].ToString().Trim('"').Should().MatchRegex("^[0-9a-f]{32}$");
    }

    [Theory]
    [InlineData("Development", HttpStatusCode.OK)]
    [InlineData("Production", HttpStatusCode.NotFound)]
    public async Task OpenApi_is_served_and_the_Scalar_UI_only_in_development(string environment, HttpStatusCode scalar)
    {
        var issuer = await TestAuth.IssuerAsync();
        await using var app = await TestApp.StartAsync(
            new Dictionary<string, string?>(issuer.Settings),
            map: endpoints => endpoints.MapGet("/things/{id}", (int id) => TypedResults.Ok(id)),
            environment: environment);

        var document = await app.Client().GetStringAsync("/openapi/v1.json");
        using var ui = await app.Client().GetAsync("/scalar/v1");

        document.Should().Contain("/things/{id}").And.NotContain("/healthz");
        ui.StatusCode.Should().Be(scalar);
    }

    private sealed class CollectingSink : ILogEventSink
    {
        private readonly ConcurrentQueue<LogEvent> _events = new();

        public IReadOnlyCollection<LogEvent> Events => _events.ToArray();

        public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);
    }
}
