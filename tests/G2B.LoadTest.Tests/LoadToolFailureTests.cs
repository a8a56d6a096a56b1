using System.Net;
using System.Net.Sockets;
using G2B.LoadTest;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace G2B.LoadTest.Tests;

/// <summary>
/// The load tool in-process against a WireMock gateway: however the suite fails, the tool finishes,
/// counts each failed journey under its cause, and exits 1.
/// </summary>
public sealed class LoadToolFailureTests : IDisposable
{
    private readonly WireMockServer _gateway = WireMockServer.Start();

    public LoadToolFailureTests() =>
        // Whatever is not mapped otherwise: what YARP answers when its destination is down.
        _gateway.Given(Request.Create().UsingAnyMethod()).AtPriority(100)
            .RespondWith(Response.Create().WithStatusCode(502).WithBody("Bad Gateway"));

    [Fact]
    public async Task A_gateway_answering_502_fails_every_journey_with_that_cause_and_the_tool_goes_on_to_the_end()
    {
        var (exitCode, report) = await RunAsync(_gateway.Url!, "--journeys", "6", "--concurrency", "3", "--warmup", "2");

        exitCode.Should().Be(1);
        report.Should().Contain("journeys completed      0 of 6");
        report.Should().Contain("failed journeys by cause:").And.Contain("6 x HTTP 502 from POST /dev/token");
        report.Should().Contain("failed warm-up journeys:").And.Contain("2 x HTTP 502 from POST /dev/token");
        report.Should().Contain("failed probes by cause:").And.Contain("x HTTP 502 from GET /api/licence-types");
    }

    [Fact]
    public async Task A_502_later_in_the_journey_is_named_by_the_step_that_got_it()
    {
        GivenTokens();

        var (exitCode, report) = await RunAsync(_gateway.Url!, "--journeys", "4", "--concurrency", "2");

        exitCode.Should().Be(1);
        report.Should().Contain("4 x HTTP 502 from POST /api/companies");
    }

    [Fact]
    public async Task An_answer_that_is_not_json_is_counted_as_bad_json()
    {
        _gateway.Given(Request.Create().WithPath("/dev/token").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("<html>oops"));

        var (exitCode, report) = await RunAsync(_gateway.Url!, "--journeys", "3", "--concurrency", "3");

        exitCode.Should().Be(1);
        report.Should().Contain("3 x bad JSON from POST /dev/token (200)");
    }

    [Fact]
    public async Task A_request_without_an_answer_in_time_is_counted_as_a_timeout()
    {
        _gateway.Given(Request.Create().WithPath("/dev/token").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithDelay(TimeSpan.FromSeconds(5)).WithBody("{}"));

        var (exitCode, report) = await RunAsync(_gateway.Url!, "--journeys", "2", "--concurrency", "2", "--timeout", "0.2");

        exitCode.Should().Be(1);
        report.Should().Contain("2 x no answer within the request time-out");
    }

    [Fact]
    public async Task A_gateway_that_is_not_there_is_counted_as_connection_refused()
    {
        var nobody = $"http://127.0.0.1:{ClosedPort()}";

        var (exitCode, report) = await RunAsync(nobody, "--journeys", "3", "--concurrency", "2");

        exitCode.Should().Be(1);
        report.Should().Contain("3 x connection refused");
    }

    [Theory]
    [InlineData("--journeys", "many", "many")]
    [InlineData("--timeout", "soon", "soon")]
    [InlineData("--gateway", "not a url", "not a url")]
    [InlineData("--jurneys", "3", "--jurneys")]
    public async Task A_command_line_the_tool_cannot_use_is_exit_code_2_naming_what_is_wrong(string option, string value, string named)
    {
        var (exitCode, report) = await RunAsync(_gateway.Url!, option, value);

        exitCode.Should().Be(2);
        report.Should().Contain(named).And.NotContain("Warming up", "nothing runs on a bad command line");
        _gateway.LogEntries.Should().BeEmpty();
    }

    [Fact]
    public void Failures_on_different_ids_of_one_endpoint_are_one_cause()
    {
        var tally = new FailureTally();
        foreach (var _ in Enumerable.Range(0, 3))
        {
            tally.Add(new G2B.Journey.SuiteApiException(HttpStatusCode.BadGateway, "", $"GET /api/applications/{Guid.NewGuid()}"));
        }

        tally.ByCause.Should().Equal([("HTTP 502 from GET /api/applications/{id}", 3)]);
    }

    public void Dispose() => _gateway.Stop();

    private void GivenTokens() =>
        _gateway.Given(Request.Create().WithPath("/dev/token").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody("""{"accessToken":"t","expiresIn":3600}"""));

    private static async Task<(int ExitCode, string Report)> RunAsync(string gateway, params string[] args)
    {
        using var output = new StringWriter();
        string[] defaults = ["--gateway", gateway, "--direct", gateway, "--probes", "3", "--warmup", "0"];
        // An option the test gives itself replaces the default (an option twice is a usage error).
        var unset = defaults.Chunk(2).Where(d => !args.Contains(d[0])).SelectMany(d => d);
        var exitCode = await LoadTool.RunAsync([.. args, .. unset], output);
        return (exitCode, output.ToString());
    }

    // Bound and released: nothing listens there (for the few milliseconds that matter).
    private static int ClosedPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
