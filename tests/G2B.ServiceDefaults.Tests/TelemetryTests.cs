using System.Collections.Concurrent;
using System.Diagnostics;
using G2B.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Serilog.Core;
using Serilog.Events;

namespace G2B.ServiceDefaults.Tests;

/// <summary>
/// OpenTelemetry listens only when a collector is configured (<c>Otel:Endpoint</c>); without one, log correlation and
/// trace propagation still work. Activity listeners are process-wide, so these tests run alone: while they run, the
/// only listener is the one the test's own app registers, or none.
/// </summary>
[Collection(Alone)]
public sealed class TelemetryTests
{
    public const string Alone = "telemetry, alone";
    private const string Endpoint = "http://127.0.0.1:4317";

    [Fact]
    public async Task Without_an_endpoint_no_tracer_or_meter_provider_exists_and_nothing_listens()
    {
        await using var app = await StartAsync(new Dictionary<string, string?>());

        using var response = await app.Client().GetAsync("/ping");

        response.EnsureSuccessStatusCode();
        app.Services.GetService<TracerProvider>().Should().BeNull();
        app.Services.GetService<MeterProvider>().Should().BeNull();
        Listened("Microsoft.AspNetCore").Should().BeFalse();
        Listened("G2B.Anything").Should().BeFalse();
    }

    [Fact]
    public async Task With_an_endpoint_the_providers_exist_and_record_every_trace_by_default()
    {
        await using var app = await StartAsync(new Dictionary<string, string?> { ["Otel:Endpoint"] = Endpoint });

        app.Services.GetService<TracerProvider>().Should().NotBeNull();
        app.Services.GetService<MeterProvider>().Should().NotBeNull();
        Listened("Microsoft.AspNetCore").Should().BeTrue();
        using var source = new ActivitySource("G2B.Telemetry.Tests");
        using var root = source.StartActivity("root");
        root.Should().NotBeNull();
        root!.Recorded.Should().BeTrue();
    }

    [Fact]
    public async Task A_sample_ratio_of_zero_starts_no_trace_here_but_follows_a_callers_sampled_trace()
    {
        await using var app = await StartAsync(new Dictionary<string, string?>
        {
            ["Otel:Endpoint"] = Endpoint,
            ["Otel:TraceSampleRatio"] = "0",
        });
        using var source = new ActivitySource("G2B.Telemetry.Tests");
        var callers = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, isRemote: true);

        using (var root = source.StartActivity("root"))
        {
            (root?.Recorded ?? false).Should().BeFalse();
        }

        using var child = source.StartActivity("child", ActivityKind.Server, callers);
        child.Should().NotBeNull();
        child!.Recorded.Should().BeTrue();
    }

    [Theory]
    [InlineData(null, 1.0)]
    [InlineData("", 1.0)]
    [InlineData("0.25", 0.25)]
    [InlineData("0", 0.0)]
    [InlineData("1", 1.0)]
    public void The_sample_ratio_defaults_to_every_trace(string? value, double expected) =>
        G2B.ServiceDefaults.TelemetryExtensions.SampleRatio(Configuration(value)).Should().Be(expected);

    [Theory]
    [InlineData("1.5")]
    [InlineData("-0.1")]
    [InlineData("half")]
    [InlineData("0,5")]
    public void A_sample_ratio_outside_zero_to_one_is_refused(string value) =>
        FluentActions.Invoking(() => G2B.ServiceDefaults.TelemetryExtensions.SampleRatio(Configuration(value)))
            .Should().Throw<InvalidOperationException>().WithMessage("*Otel:TraceSampleRatio*");

    [Fact]
    public async Task Without_an_endpoint_the_request_log_line_continues_the_callers_trace()
    {
        var sink = new CollectingSink();
        await using var app = await StartAsync(
            new Dictionary<string, string?> { ["Serilog:MinimumLevel:Default"] = "Information" },
            builder => builder.Services.AddSingleton<ILogEventSink>(sink));
        var (traceId, callersSpan) = NewCaller();
        using var request = Traced("/ping", traceId, callersSpan);

        using var response = await app.Client().SendAsync(request);

        response.EnsureSuccessStatusCode();
        Listened("Microsoft.AspNetCore").Should().BeFalse();
        var line = sink.Events.Should().ContainSingle(e => e.Properties.ContainsKey("RequestPath")).Subject;
        line.Properties["TraceId"].ToString().Trim('"').Should().Be(traceId);
    }

    [Fact]
    public async Task Without_an_endpoint_an_outgoing_http_call_carries_the_requests_trace()
    {
        await using var peer = await Peer.StartAsync();
        await using var app = await StartAsync(new Dictionary<string, string?>(), map: endpoints =>
            endpoints.MapGet("/call", async () => TypedResults.Ok(await Peer.Client.GetStringAsync(peer.Url))));
        var (traceId, callersSpan) = NewCaller();
        using var request = Traced("/call", traceId, callersSpan);

        using var response = await app.Client().SendAsync(request);

        response.EnsureSuccessStatusCode();
        Listened("System.Net.Http").Should().BeFalse();
        var sent = peer.TraceParents.Should().ContainSingle().Subject.Split('-');
        sent[1].Should().Be(traceId, "the call belongs to the caller's trace");
        sent[2].Should().NotBe(callersSpan, "the service's request is the call's parent");
    }

    private static Task<WebApplication> StartAsync(
        Dictionary<string, string?> settings,
        Action<WebApplicationBuilder>? configure = null,
        Action<Microsoft.AspNetCore.Routing.IEndpointRouteBuilder>? map = null) =>
        StartWithIssuerAsync(settings, configure, map ?? (endpoints => endpoints.MapGet("/ping", () => TypedResults.Ok("pong"))));

    private static async Task<WebApplication> StartWithIssuerAsync(
        Dictionary<string, string?> settings,
        Action<WebApplicationBuilder>? configure,
        Action<Microsoft.AspNetCore.Routing.IEndpointRouteBuilder> map)
    {
        var issuer = await TestAuth.IssuerAsync();
        foreach (var (key, value) in issuer.Settings)
        {
            settings.TryAdd(key, value);
        }

        return await TestApp.StartAsync(settings, configure, map);
    }

    private static (string TraceId, string SpanId) NewCaller() =>
        (ActivityTraceId.CreateRandom().ToHexString(), ActivitySpanId.CreateRandom().ToHexString());

    /// <summary>A request from a caller whose (sampled) trace is <paramref name="traceId"/>.</summary>
    private static HttpRequestMessage Traced(string path, string traceId, string callersSpan)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("traceparent", $"00-{traceId}-{callersSpan}-01");
        return request;
    }

    /// <summary>Whether anything listens to an activity source of this name (a new source is offered to every listener).</summary>
    private static bool Listened(string sourceName)
    {
        using var source = new ActivitySource(sourceName);
        return source.HasListeners();
    }

    private static IConfiguration Configuration(string? ratio) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Otel:TraceSampleRatio"] = ratio })
            .Build();

    /// <summary>A real HTTP peer on a socket (the in-memory test server's client skips HttpClient's propagation).</summary>
    private sealed class Peer : IAsyncDisposable
    {
        public static readonly HttpClient Client = new();

        private readonly WebApplication _app;

        private Peer(WebApplication app) => _app = app;

        public ConcurrentQueue<string> TraceParents { get; } = new();

        public string Url => _app.Urls.Single() + "/peer";

        public static async Task<Peer> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var peer = new Peer(app);
            app.MapGet("/peer", (HttpRequest request) =>
            {
                peer.TraceParents.Enqueue(request.Headers["traceparent"].ToString());
                return "ok";
            });
            await app.StartAsync();
            return peer;
        }

        public ValueTask DisposeAsync() => _app.DisposeAsync();
    }

    private sealed class CollectingSink : ILogEventSink
    {
        private readonly ConcurrentQueue<LogEvent> _events = new();

        public IReadOnlyCollection<LogEvent> Events => _events.ToArray();

        public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);
    }
}

[CollectionDefinition(TelemetryTests.Alone, DisableParallelization = true)]
public sealed class TelemetryAloneCollection;
