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
    [InlineData("/routine", HttpStatusCode.OK, null)]
    [InlineData("/routine?fail=400", HttpStatusCode.BadRequest, LogEventLevel.Information)]
    [InlineData("/routine?fail=500", HttpStatusCode.InternalServerError, LogEventLevel.Error)]
    [InlineData("/healthz", HttpStatusCode.OK, null)]
    [InlineData("/alive", HttpStatusCode.OK, null)]
    [InlineData("/plain", HttpStatusCode.OK, LogEventLevel.Information)]
    public async Task Machine_traffic_that_succeeds_stays_out_of_the_information_log_and_its_failures_do_not(
        string path, HttpStatusCode status, LogEventLevel? expected)
    {
        var sink = new CollectingSink();
        var issuer = await TestAuth.IssuerAsync();
        await using var app = await TestApp.StartAsync(
            new Dictionary<string, string?>(issuer.Settings) { ["Serilog:MinimumLevel:Default"] = "Information" },
            builder => builder.Services.AddSingleton<ILogEventSink>(sink),
            endpoints =>
            {
                endpoints.MapGet("/routine", (int? fail) => fail is { } code ? Results.StatusCode(code) : Results.Ok())
                    .WithRoutineRequestLog();
                endpoints.MapGet("/plain", () => TypedResults.Ok());
            });

        using var response = await app.Client().GetAsync(path);

        response.StatusCode.Should().Be(status);
        var lines = sink.Events.Where(e => e.Properties.ContainsKey("RequestPath")).ToList();
        if (expected is null)
        {
            lines.Should().BeEmpty();
        }
        else
        {
            lines.Should().ContainSingle().Which.Level.Should().Be(expected.Value);
        }
    }

    [Fact]
    public async Task Machine_traffic_that_succeeds_is_logged_at_debug()
    {
        var sink = new CollectingSink();
        var issuer = await TestAuth.IssuerAsync();
        await using var app = await TestApp.StartAsync(
            new Dictionary<string, string?>(issuer.Settings) { ["Serilog:MinimumLevel:Default"] = "Debug" },
            builder => builder.Services.AddSingleton<ILogEventSink>(sink),
            endpoints => endpoints.MapGet("/routine", () => TypedResults.Ok()).WithRoutineRequestLog());

        using var response = await app.Client().GetAsync("/routine");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        sink.Events.Should().ContainSingle(e => e.Properties.ContainsKey("RequestPath"))
            .Which.Level.Should().Be(LogEventLevel.Debug);
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
