using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Dapr;
using G2B.DaprSidecar.Hosting;
using StackExchange.Redis;

namespace G2B.DaprSidecar.Tests;

/// <summary>Issue 11, point 17: bulk publish over HTTP (/v1.0-alpha1/publish/bulk) and gRPC (BulkPublishEventAlpha1).</summary>
public sealed class BulkPublishTests
{
    [Fact]
    public async Task The_dotnet_sdks_BulkPublishEventAsync_delivers_every_event_as_its_own_cloud_event()
    {
        await using var run = await Run.StartAsync();
        using var client = Sidecars.Client(run.Sidecar);
        Order[] orders = [new("b-1", 1), new("b-2", 2), new("b-3", 3)];

        var response = await client.BulkPublishEventAsync("pubsub", run.Topic, orders);

        response.FailedEntries.Should().BeEmpty();
        await Eventually.HoldsAsync(() => run.App.On("/bulk").Count() == 3, "three deliveries");
        var got = run.App.On("/bulk").Select(r => r.CloudEvent).ToList();
        got.Select(ce => ce["data"]!["orderId"]!.GetValue<string>()).Should().BeEquivalentTo("b-1", "b-2", "b-3");
        got.Should().AllSatisfy(ce =>
        {
            ce["source"]!.GetValue<string>().Should().Be(run.Sidecar.Options.AppId);
            ce["type"]!.GetValue<string>().Should().Be("com.dapr.event.sent");
            ce["datacontenttype"]!.GetValue<string>().Should().Be("application/json");
        });
        got.Select(ce => ce["id"]!.GetValue<string>()).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task Http_bulk_publish_converts_each_event_by_its_content_type_and_applies_entry_metadata_over_the_requests()
    {
        await using var run = await Run.StartAsync();
        var bytes = new byte[] { 0, 1, 2, 250 };
        var body = new JsonArray(
            new JsonObject { ["entryId"] = "json", ["event"] = new JsonObject { ["orderId"] = "j", ["amount"] = 1 }, ["contentType"] = "application/json",
                ["metadata"] = new JsonObject { ["cloudevent.type"] = "order.v9" } },
            // The JavaScript SDK spells it entryID; daprd's Go JSON decoding matches field names ignoring case.
            new JsonObject { ["entryID"] = "text", ["event"] = "plain words", ["contentType"] = "text/plain" },
            new JsonObject { ["entryId"] = "bin", ["event"] = Convert.ToBase64String(bytes), ["contentType"] = "application/octet-stream" });

        var response = await run.PostAsync("/v1.0-alpha1/publish/bulk/pubsub/{topic}?metadata.cloudevent.source=batcher", body.ToJsonString());

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        await Eventually.HoldsAsync(() => run.App.On("/bulk").Count() == 3, "three deliveries");
        JsonObject Get(string contentType) => run.App.On("/bulk").Select(r => r.CloudEvent).Single(ce => ce["datacontenttype"]!.GetValue<string>() == contentType);
        var json = Get("application/json");
        json["data"]!["orderId"]!.GetValue<string>().Should().Be("j");
        json["type"]!.GetValue<string>().Should().Be("order.v9");
        json["source"]!.GetValue<string>().Should().Be("batcher", "request metadata applies to an entry that has metadata of its own");
        Get("text/plain")["data"]!.GetValue<string>().Should().Be("plain words");
        Get("text/plain")["source"]!.GetValue<string>().Should().Be(run.Sidecar.Options.AppId, "as daprd, an entry without metadata gets none");
        Get("application/octet-stream")["data_base64"]!.GetValue<string>().Should().Be(Convert.ToBase64String(bytes));
    }

    [Theory]
    [InlineData("""[{"entryId":"a","event":"x","contentType":"text/plain"},{"entryId":"a","event":"y","contentType":"text/plain"}]""")]
    [InlineData("""[{"event":"x","contentType":"text/plain"}]""")]
    [InlineData("""[{"entryId":"a","event":{"not":"text"},"contentType":"text/plain"}]""")]
    [InlineData("""{"entryId":"a"}""")]
    [InlineData("""[{"entryId":"a","event":"not base64!","contentType":"application/octet-stream"}]""")]
    public async Task A_bad_bulk_request_is_refused_whole_with_ERR_PUBSUB_EVENTS_SER_and_publishes_nothing(string body)
    {
        await using var run = await Run.StartAsync();

        var response = await run.PostAsync("/v1.0-alpha1/publish/bulk/pubsub/{topic}", body);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errorCode"]!.GetValue<string>().Should().Be("ERR_PUBSUB_EVENTS_SER");
        await using var mux = await ConnectionMultiplexer.ConnectAsync(run.RedisEndpoint);
        (await mux.GetDatabase().StreamLengthAsync(run.Topic)).Should().Be(0);
    }

    [Fact]
    public async Task Entries_redis_refuses_come_back_as_failedEntries_with_daprds_500_and_fail_the_grpc_call()
    {
        await using var run = await Run.StartAsync(subscribe: false);
        // A plain string under the topic's key: every XADD to it fails with WRONGTYPE, as a broker refusing the entries.
        await using (var mux = await ConnectionMultiplexer.ConnectAsync(run.RedisEndpoint))
        {
            await mux.GetDatabase().StringSetAsync(run.Topic, "not a stream");
        }

        var response = await run.PostAsync("/v1.0-alpha1/publish/bulk/pubsub/{topic}",
            """[{"entryId":"e1","event":"x","contentType":"text/plain"},{"entryId":"e2","event":"y","contentType":"text/plain"}]""");

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        answer["errorCode"]!.GetValue<string>().Should().Be("ERR_PUBSUB_PUBLISH_MESSAGE");
        var failed = answer["failedEntries"]!.AsArray();
        failed.Select(f => f!["entryId"]!.GetValue<string>()).Should().BeEquivalentTo("e1", "e2");
        failed.Should().AllSatisfy(f => f!["error"]!.GetValue<string>().Should().Contain("WRONGTYPE"));

        using var client = Sidecars.Client(run.Sidecar);
        await FluentActions.Awaiting(() => client.BulkPublishEventAsync("pubsub", run.Topic, new[] { new Order("g", 1) }))
            .Should().ThrowAsync<DaprException>();
    }

    private sealed class Run : IAsyncDisposable
    {
        private readonly HttpClient _http = new();

        public string Topic { get; } = Sidecars.Unique("bulk");

        public SubscriberApp App { get; private set; } = null!;

        public SidecarHost Sidecar { get; private set; } = null!;

        public string RedisEndpoint { get; private set; } = string.Empty;

        public static async Task<Run> StartAsync(bool subscribe = true)
        {
            var run = new Run();
            var redis = await TestRedis.GetAsync();
            run.RedisEndpoint = redis.Endpoint;
            run.App = await SubscriberApp.StartAsync((web, s) =>
            {
                if (subscribe)
                {
                    web.MapPost("/bulk", s.Handle).WithTopic("pubsub", run.Topic);
                }
            });
            run.Sidecar = await Sidecars.StartAsync(Sidecars.Unique("bulk-app"), Resources.Create(redis.Endpoint), run.App);
            await Sidecars.WaitReadyAsync(run.Sidecar);
            return run;
        }

        public Task<HttpResponseMessage> PostAsync(string path, string json) =>
            _http.PostAsync(Sidecar.HttpEndpoint + path.Replace("{topic}", Topic, StringComparison.Ordinal),
                new StringContent(json, Encoding.UTF8, "application/json"));

        public async ValueTask DisposeAsync()
        {
            _http.Dispose();
            await Sidecar.DisposeAsync();
            await App.DisposeAsync();
        }
    }
}
