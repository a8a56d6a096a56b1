using System.Net;
using System.Text.Json;
using G2B.Runner.Hosting;

namespace EndToEnd.Tests;

/// <summary>
/// The gateway every end-to-end test goes through is the Native AOT binary (test.sh and the runner publish it), and
/// what its trial found broken or unexercised works there: the health JSON, JWT validation against the suite's
/// identity provider, the OTLP exporter with an endpoint set, and log levels from the environment.
/// </summary>
public sealed class NativeGatewayTests(EndToEndSuite suite) : EndToEndTest(suite)
{
    private const string GatewayProject = "gateway/Gateway/Gateway.csproj";

    [Fact]
    public void The_gateway_process_is_the_native_executable()
    {
        var pid = Suite.Host.ProcessId("gateway") ?? throw new InvalidOperationException("The gateway is not running.");
        var native = RepositoryLayout.NativeOutput(RepositoryLayout.FindRoot(), GatewayProject, RepositoryLayout.OwnConfiguration());

        new FileInfo($"/proc/{pid}/exe").LinkTarget.Should().Be(native,
            "test.sh publishes the gateway as Native AOT before the tests (`dotnet publish {0} -c Release --use-current-runtime -o {1}`)",
            GatewayProject, Path.GetDirectoryName(native));
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/alive")]
    public async Task Its_probes_answer_their_json(string path)
    {
        using var response = await Suite.Api.SendRawAsync(HttpMethod.Get, path, token: null, body: null);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("status").GetString().Should().Be("Healthy");
        body.RootElement.GetProperty("checks").ValueKind.Should().Be(JsonValueKind.Object);
    }

    [Fact]
    public async Task Its_downstream_detail_carries_each_destinations_status_code()
    {
        using var response = await Suite.Api.SendRawAsync(HttpMethod.Get, "/healthz/downstreams", token: null, body: null);

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("checks").GetProperty("company-registry").GetProperty("data").GetProperty("primary")
            .GetInt32().Should().Be(200);
    }

    [Fact]
    public async Task It_validates_tokens_of_the_suites_identity_provider_and_refuses_a_forged_one()
    {
        var token = await Scenario.RegulatorAsync();
        var forged = token[..^4] + (token[^4..] == "AAAA" ? "BBBB" : "AAAA");

        using var accepted = await Suite.Api.SendRawAsync(HttpMethod.Get, "/api/licence-types", token, body: null);
        using var refused = await Suite.Api.SendRawAsync(HttpMethod.Get, "/api/licence-types", forged, body: null);

        accepted.StatusCode.Should().Be(HttpStatusCode.OK);
        refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        refused.Headers.WwwAuthenticate.ToString().Should().Contain("invalid_token", "the gateway's bearer handler refused it");
        refused.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task It_exports_traces_to_the_configured_collector()
    {
        const string traces = "/opentelemetry.proto.collector.trace.v1.TraceService/Export";
        using var response = await Suite.Api.SendRawAsync(HttpMethod.Get, "/api/licence-types", token: null, body: null);

        await Eventually.HoldsAsync(
            () => Suite.Collector.Exports.TryGetValue(traces, out var sizes) && sizes.Any(size => size > 0),
            "the gateway's spans at the OTLP endpoint (exported every 5 s)");
    }

    [Fact]
    public async Task A_level_override_from_the_environment_applies()
    {
        // Passing probes are logged at Debug (RoutineRequestLog); EndToEndSuite lowers the request logger to Debug.
        await Eventually.HoldsAsync(
            () => LogLines("gateway").Any(l => l.Contains("\"RequestPath\":\"/healthz\"", StringComparison.Ordinal)),
            "a passing probe's request line in the gateway's log");
    }
}
