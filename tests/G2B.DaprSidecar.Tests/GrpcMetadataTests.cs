using System.Text.Json.Nodes;
using Dapr;
using Grpc.Core;
using Grpc.Net.Client;
using Autogen = Dapr.Client.Autogen.Grpc.v1;

namespace G2B.DaprSidecar.Tests;

/// <summary>Issue 11, point 16: the JavaScript SDK's gRPC client calls GetMetadata to see that the sidecar is up.</summary>
public sealed class GrpcMetadataTests
{
    [Fact]
    public async Task Grpc_GetMetadata_answers_what_GET_metadata_answers()
    {
        var redis = await TestRedis.GetAsync();
        var topic = Sidecars.Unique("meta");
        await using var app = await SubscriberApp.StartAsync((web, s) =>
        {
            web.MapPost("/v2", s.Handle).WithTopic(new TopicOptions { PubsubName = "pubsub", Name = topic, Match = "event.type == \"x.v2\"", Priority = 1, DeadLetterTopic = topic + "-dead" });
            web.MapPost("/v1", s.Handle).WithTopic(new TopicOptions { PubsubName = "pubsub", Name = topic, DeadLetterTopic = topic + "-dead", EnableRawPayload = true });
        });
        await using var sidecar = await Sidecars.StartAsync(Sidecars.Unique("meta-app"), Resources.Create(redis.Endpoint), app, daprApiToken: "t0ken");
        await Sidecars.WaitReadyAsync(sidecar);

        using var http = new HttpClient();
        http.DefaultRequestHeaders.Add("dapr-api-token", "t0ken");
        var json = JsonNode.Parse(await http.GetStringAsync($"{sidecar.HttpEndpoint}/v1.0/metadata"))!;
        using var channel = GrpcChannel.ForAddress(sidecar.GrpcEndpoint);
        var grpc = new Autogen.Dapr.DaprClient(channel);
        var md = await grpc.GetMetadataAsync(new Autogen.GetMetadataRequest(), new Metadata { { "dapr-api-token", "t0ken" } });

        md.Id.Should().Be(json["id"]!.GetValue<string>()).And.Be(sidecar.Options.AppId);
        md.RuntimeVersion.Should().Be(json["runtimeVersion"]!.GetValue<string>());
        md.RegisteredComponents.Select(c => $"{c.Name}|{c.Type}|{c.Version}").Should().Equal(
            json["components"]!.AsArray().Select(c => $"{c!["name"]}|{c["type"]}|{c["version"]}"));
        md.RegisteredComponents.Should().ContainSingle(c => c.Name == "pubsub" && c.Type == "pubsub.redis");
        var sub = md.Subscriptions.Should().ContainSingle().Subject;
        var jsonSub = json["subscriptions"]!.AsArray().Single()!;
        sub.Topic.Should().Be(topic).And.Be(jsonSub["topic"]!.GetValue<string>());
        sub.PubsubName.Should().Be(jsonSub["pubsubname"]!.GetValue<string>());
        sub.DeadLetterTopic.Should().Be(topic + "-dead").And.Be(jsonSub["deadLetterTopic"]!.GetValue<string>());
        sub.Metadata.Should().ContainKey("rawPayload");
        sub.Type.Should().Be(Autogen.PubsubSubscriptionType.Programmatic);
        sub.Rules.Rules.Select(r => $"{r.Match}->{r.Path}").Should().Equal(
            jsonSub["rules"]!.AsArray().Select(r => $"{r!["match"]}->{r["path"]}"));
        md.AppConnectionProperties.Port.Should().Be(app.Port).And.Be(json["appConnectionProperties"]!["port"]!.GetValue<int>());
        md.AppConnectionProperties.Protocol.Should().Be("http");
        md.AppConnectionProperties.MaxConcurrency.Should().Be(json["appConnectionProperties"]!["maxConcurrency"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_dotnet_sdks_GetMetadataAsync_works_and_needs_the_api_token()
    {
        var redis = await TestRedis.GetAsync();
        await using var sidecar = await Sidecars.StartAsync(Sidecars.Unique("meta-sdk"), Resources.Create(redis.Endpoint), daprApiToken: "t0ken");
        using var client = Sidecars.Client(sidecar, "t0ken");
        using var anonymous = Sidecars.Client(sidecar);

        var md = await client.GetMetadataAsync();

        md.Id.Should().Be(sidecar.Options.AppId);
        md.Components.Should().ContainSingle(c => c.Name == "pubsub" && c.Type == "pubsub.redis");
        var refused = await FluentActions.Awaiting(() => anonymous.GetMetadataAsync()).Should().ThrowAsync<DaprException>();
        refused.Which.InnerException.Should().BeOfType<RpcException>().Which.StatusCode.Should().Be(StatusCode.Unauthenticated);
    }
}
