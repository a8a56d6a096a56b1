using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Dapr;
using Grpc.Core;

namespace G2B.DaprSidecar.Tests;

public sealed class ErrorTests
{
    [Theory]
    [InlineData("nope", "t", "", "text/plain", "x", HttpStatusCode.NotFound, "ERR_PUBSUB_NOT_FOUND")]
    [InlineData("pubsub", "t", "?metadata.ttlInSeconds=soon", "text/plain", "x", HttpStatusCode.BadRequest, "ERR_PUBSUB_REQUEST_METADATA")]
    [InlineData("pubsub", "t", "", "application/cloudevents+json", "not json", HttpStatusCode.BadRequest, "ERR_PUBSUB_CLOUD_EVENTS_SER")]
    public async Task Http_publish_answers_daprs_status_and_error_code(
        string pubsub, string topic, string query, string contentType, string body, HttpStatusCode status, string code)
    {
        var redis = await TestRedis.GetAsync();
        await using var sidecar = await Sidecars.StartAsync("errors-app", Resources.Create(redis.Endpoint));
        using var http = new HttpClient();

        var response = await http.PostAsync($"{sidecar.HttpEndpoint}/v1.0/publish/{pubsub}/{topic}{query}", new StringContent(body, Encoding.UTF8, contentType));

        response.StatusCode.Should().Be(status);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        error["errorCode"]!.GetValue<string>().Should().Be(code);
        error["message"]!.GetValue<string>().Should().NotBeEmpty();
    }

    [Fact]
    public async Task An_app_outside_the_components_scopes_is_forbidden_to_publish()
    {
        var redis = await TestRedis.GetAsync();
        await using var sidecar = await Sidecars.StartAsync("intruder", Resources.Create(redis.Endpoint, scopes: ["company-registry"]));
        using var http = new HttpClient();
        using var client = Sidecars.Client(sidecar);

        var response = await http.PostAsync($"{sidecar.HttpEndpoint}/v1.0/publish/pubsub/t", new StringContent("x"));
        var grpc = async () => await client.PublishEventAsync("pubsub", "t", new Order("x", 1));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).Should().Contain("ERR_PUBSUB_FORBIDDEN");
        (await grpc.Should().ThrowAsync<DaprException>()).Which.InnerException.Should().BeOfType<RpcException>()
            .Which.StatusCode.Should().Be(StatusCode.PermissionDenied);
    }

    [Fact]
    public async Task Grpc_publish_maps_failures_to_daprs_status_codes()
    {
        var redis = await TestRedis.GetAsync();
        await using var configured = await Sidecars.StartAsync("grpc-errors", Resources.Create(redis.Endpoint));
        var empty = Path.Combine(Path.GetTempPath(), $"g2b-empty-{Guid.NewGuid():N}");
        Directory.CreateDirectory(empty);
        await using var unconfigured = await Sidecars.StartAsync("grpc-errors", empty);
        using var http = new HttpClient();

        (await StatusOf(configured, "nope")).Should().Be(StatusCode.InvalidArgument);
        (await StatusOf(unconfigured, "pubsub")).Should().Be(StatusCode.FailedPrecondition);
        var response = await http.PostAsync($"{unconfigured.HttpEndpoint}/v1.0/publish/pubsub/t", new StringContent("x"));
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("ERR_PUBSUB_NOT_CONFIGURED");
    }

    [Fact]
    public async Task With_DAPR_API_TOKEN_calls_without_the_right_token_are_refused_but_health_probes_are_not()
    {
        var redis = await TestRedis.GetAsync();
        await using var sidecar = await Sidecars.StartAsync("token-app", Resources.Create(redis.Endpoint), daprApiToken: "s3cret");
        using var http = new HttpClient();
        using var anonymous = Sidecars.Client(sidecar);
        using var wrong = Sidecars.Client(sidecar, "wrong");
        using var right = Sidecars.Client(sidecar, "s3cret");
        var url = $"{sidecar.HttpEndpoint}/v1.0/publish/pubsub/{Sidecars.Unique("tok")}";

        (await http.PostAsync(url, new StringContent("x"))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using var withToken = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent("x") };
        withToken.Headers.Add("dapr-api-token", "s3cret");
        (await http.SendAsync(withToken)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await http.GetAsync($"{sidecar.HttpEndpoint}/v1.0/healthz")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await http.GetAsync($"{sidecar.HttpEndpoint}/v1.0/metadata")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var disguised = new StringContent("x");
        disguised.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/grpc");
        (await http.PostAsync(url, disguised)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "a gRPC content type is no pass");

        (await StatusOf(anonymous, "pubsub")).Should().Be(StatusCode.Unauthenticated);
        (await StatusOf(wrong, "pubsub")).Should().Be(StatusCode.Unauthenticated);
        await right.PublishEventAsync("pubsub", Sidecars.Unique("tok"), new Order("ok", 1));
    }

    private static async Task<StatusCode> StatusOf(Hosting.SidecarHost sidecar, string pubsub)
    {
        using var client = Sidecars.Client(sidecar);
        return await StatusOf(client, pubsub);
    }

    private static async Task<StatusCode> StatusOf(Dapr.Client.DaprClient client, string pubsub)
    {
        try
        {
            await client.PublishEventAsync(pubsub, "t", new Order("x", 1));
            return StatusCode.OK;
        }
        catch (DaprException ex) when (ex.InnerException is RpcException rpc)
        {
            return rpc.StatusCode;
        }
    }
}
