using System.Net;
using System.Net.Sockets;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Gateway.Tests;

public sealed class HealthTests
{
    private const string Downstreams = "/healthz/downstreams";

    // A port bound and never listened on: connections to it are refused for as long as the test process
    // runs, and no other test (tests run in parallel) can be given it. A stopped server's port could be.
    private static readonly Socket _refusing = BindWithoutListening();

    private static Socket BindWithoutListening()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }

    /// <summary>The gateway with fee payments on a port where nothing listens.</summary>
    private static Task<GatewayHost> WithFeePaymentsStoppedAsync() =>
        GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["ReverseProxy:Clusters:fee-payments:Destinations:primary:Address"] = $"http://{_refusing.LocalEndPoint}/",
        });

    [Fact]
    public async Task Downstreams_is_200_when_every_downstream_is_healthy_and_lists_each()
    {
        await using var host = await GatewayHost.StartAsync();

        using var response = await host.CreateClient().GetAsync(Downstreams);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var checks = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks");
        foreach (var cluster in GatewayHost.Clusters)
        {
            checks.GetProperty(cluster).GetProperty("status").GetString().Should().Be("Healthy");
        }

        host.Downstreams["fee-payments"].LogEntries.Should().Contain(e => e.RequestMessage.Path == "/healthz");
    }

    [Fact]
    public async Task Healthz_is_readiness_of_the_gateway_alone_and_asks_no_downstream()
    {
        await using var host = await GatewayHost.StartAsync();
        foreach (var server in host.Downstreams.Values)
        {
            server.Given(Request.Create().WithPath("/healthz").UsingGet()).AtPriority(0)
                .RespondWith(Response.Create().WithStatusCode(503));
        }

        using var response = await host.CreateClient().GetAsync("/healthz");

        response.StatusCode.Should().Be(HttpStatusCode.OK, "every service being down must not take the gateway out of rotation");
        var checks = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks");
        checks.GetProperty("routing").GetProperty("status").GetString().Should().Be("Healthy");
        foreach (var cluster in GatewayHost.Clusters)
        {
            checks.TryGetProperty(cluster, out _).Should().BeFalse();
            host.Downstreams[cluster].LogEntries.Should().NotContain(e => e.RequestMessage.Path == "/healthz");
        }
    }

    [Fact]
    public async Task Downstreams_is_503_when_a_downstream_reports_unhealthy()
    {
        await using var host = await GatewayHost.StartAsync();
        host.Downstreams["licence-applications"]
            .Given(Request.Create().WithPath("/healthz").UsingGet()).AtPriority(0)
            .RespondWith(Response.Create().WithStatusCode(503));

        using var response = await host.CreateClient().GetAsync(Downstreams);

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        var checks = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks");
        checks.GetProperty("licence-applications").GetProperty("status").GetString().Should().Be("Unhealthy");
        checks.GetProperty("licence-applications").GetProperty("data").GetProperty("primary").GetInt32().Should().Be(503);
        checks.GetProperty("company-registry").GetProperty("status").GetString().Should().Be("Healthy");
    }

    [Fact]
    public async Task Downstreams_is_503_when_a_downstream_is_not_running_while_healthz_stays_200()
    {
        await using var host = await WithFeePaymentsStoppedAsync();

        using var ready = await host.CreateClient().GetAsync("/healthz");
        using var response = await host.CreateClient().GetAsync(Downstreams);

        ready.StatusCode.Should().Be(HttpStatusCode.OK);
        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        var fee = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks").GetProperty("fee-payments");
        fee.GetProperty("status").GetString().Should().Be("Unhealthy");
        fee.GetProperty("data").GetProperty("primary").GetString().Should().Be("unreachable");
    }

    [Fact]
    public async Task A_request_to_a_stopped_service_is_a_502_problem()
    {
        await using var host = await WithFeePaymentsStoppedAsync();

        using var response = await host.CreateClient().GetAsync("/api/invoices/RF1");

        response.StatusCode.Should().Be(HttpStatusCode.BadGateway);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }
}
